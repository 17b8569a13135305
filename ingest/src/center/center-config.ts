/**
 * The center's configuration while Agner runs: the newest stored version is what the ACD, the live
 * figures and the desk use. A change (an admin's edit, an imported file, a supervisor's skill
 * change when allowed) is checked with loadAcdConfig's rules, applied to the running ACD (which may
 * still refuse: a queue to remove that holds contacts), stored as a new version with who made it and
 * what it changed, and handed to the live engine and the center's codes, without a restart.
 * Changes are made one at a time; a stale edit (made on an older version) is refused.
 */
import { centerVersion, insertCenterVersion, latestCenterVersion, listCenterVersions, type Store } from '@agner/analytics'
import type { CenterCodes } from '@agner/events'
import { SaidError } from '@agner/events/sentences'
import { AcdConfigError, loadAcdConfig, type AcdConfig, type RealtimeAcd } from '@agner/telephony'
import { centerCodes, liveSetup } from '../acd-runtime.ts'
import { ConfigError } from '../config.ts'
import type { LiveEngine } from '../live/engine.ts'
import { canonicalJson, changesBetween, documentOf, type CenterChange, type CenterDocument } from './center-document.ts'
import { sayCenter } from './center-sentences.ts'

export interface CenterActor { id: string; name: string }
export type CenterSource = 'app' | 'import' | 'file' | 'demo'

export interface CenterVersion { version: number; atMs: number; actorId: string; actorName: string; source: string; changes: CenterChange[] }
export interface CenterState extends CenterVersion { document: CenterDocument }

/**
 * The configuration to start with: the store's newest version, or (on the first start) the one
 * AGNER_ACD_CONFIG or the demo gives, stored as version 1. A file that differs from what the store
 * holds is not applied (the app's edits win); the start says so.
 */
export async function loadCenter(store: Store, tenant: string, first: AcdConfig, source: 'file' | 'demo' | 'none', warn: (msg: string) => void): Promise<{ state?: CenterState; setup: AcdConfig }> {
  const latest = await latestCenterVersion(store.client, tenant)
  if (latest) {
    let setup: AcdConfig
    try { setup = loadAcdConfig(JSON.parse(latest.document)) } catch (err) {
      throw new ConfigError(`The center configuration stored as version ${latest.version} could not be loaded (${(err as Error).message}); this Agner is older than the one that stored it, or the row was changed by hand: fix or delete that row of center_config.`)
    }
    if (source === 'file' && canonicalJson(documentOf(first)) !== canonicalJson(documentOf(setup))) {
      warn(`agner: AGNER_ACD_CONFIG differs from the center configuration in the store (version ${latest.version}, by ${latest.actorName || 'the system'}); the store's is used. Import the file under Center → Versions to use it.`)
    }
    return { setup, state: { ...latest, changes: parseChanges(latest.changes), document: documentOf(setup) } }
  }
  if (source === 'none' || first.queues.length === 0) return { setup: first }
  const state: CenterState = { version: 1, atMs: Date.now(), actorId: '', actorName: source === 'demo' ? 'demo' : 'AGNER_ACD_CONFIG', source, changes: [], document: documentOf(first) }
  await insertCenterVersion(store.client, tenant, { ...state, changes: '[]', document: JSON.stringify(state.document) })
  return { setup: first, state }
}

function parseChanges(json: string): CenterChange[] {
  try { return JSON.parse(json) as CenterChange[] } catch { return [] }
}

export interface CenterConfigDeps {
  store: Store
  tenant: string
  acd: RealtimeAcd
  engine: Pick<LiveEngine, 'configure'>
  /** The center's codes as every route reads them: replaced in place when they change. */
  codes: CenterCodes
  /** Does the access directory have this team? */
  teamExists: (teamId: string) => boolean
  /** Told after a change is applied (the live feed redraws). */
  onChange?: (setup: AcdConfig) => void
}

export class CenterConfig {
  private chain: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<(setup: AcdConfig) => void>()

  constructor(private readonly deps: CenterConfigDeps, private setupNow: AcdConfig, private state: CenterState | undefined) {}

  /** What runs now: the version (0 before the first) and its document. */
  current(): CenterState {
    return this.state ?? { version: 0, atMs: 0, actorId: '', actorName: '', source: '', changes: [], document: documentOf(this.setupNow) }
  }

  get setup(): AcdConfig { return this.setupNow }

  subscribe(listener: (setup: AcdConfig) => void): () => void { this.listeners.add(listener); return () => this.listeners.delete(listener) }

  async versions(limit?: number): Promise<CenterVersion[]> {
    return (await listCenterVersions(this.deps.store.client, this.deps.tenant, limit)).map((r) => ({ ...r, changes: parseChanges(r.changes) }))
  }

  async version(n: number): Promise<CenterState> {
    const row = await centerVersion(this.deps.store.client, this.deps.tenant, n)
    if (!row) throw new SaidError(sayCenter('noVersion', { version: n }))
    return { ...row, changes: parseChanges(row.changes), document: JSON.parse(row.document) as CenterDocument }
  }

  /**
   * Checks, applies and stores a whole configuration (the AGNER_ACD_CONFIG format). `baseVersion`,
   * when given, is the version the edit was made on: another change since then refuses it.
   * Nothing changed is not a new version.
   */
  save(raw: unknown, actor: CenterActor, o: { baseVersion?: number; source: 'app' | 'import' }): Promise<CenterState> {
    const next = this.chain.then(() => this.saveNow(raw, actor, o))
    this.chain = next.catch(() => undefined)
    return next
  }

  /** A supervisor's change of one agent's skills (when admins allow it), as a new version. */
  async saveSkills(agentId: string, skills: Record<string, number>, actor: CenterActor, o: { asAdmin: boolean; baseVersion?: number }): Promise<CenterState> {
    if (!o.asAdmin && !this.current().document.settings.supervisorsEditSkills) throw new SaidError(sayCenter('skillsNotAllowed'))
    const baseVersion = o.baseVersion
    const doc = structuredClone(this.current().document)
    const agent = doc.agents.find((a) => a.id === agentId)
    if (!agent) throw new SaidError(sayCenter('notYourAgent', { agent: agentId }))
    agent.skills = skills
    return this.save(doc, actor, { ...(baseVersion !== undefined ? { baseVersion } : {}), source: 'app' })
  }

  private async saveNow(raw: unknown, actor: CenterActor, o: { baseVersion?: number; source: 'app' | 'import' }): Promise<CenterState> {
    const before = this.current()
    if (o.baseVersion !== undefined && o.baseVersion !== before.version) throw new SaidError(sayCenter('stale', { name: before.actorName || '—', version: before.version }))
    const setup = loadAcdConfig(raw)
    for (const a of setup.agents) if (a.team && !this.deps.teamExists(a.team)) throw new AcdConfigError('agentTeamUnknown', { agent: a.id, team: a.team })
    const document = documentOf(setup)
    const changes = changesBetween(before.document, document)
    if (changes.length === 0) return before
    const previous = this.setupNow
    await this.deps.acd.run((engine) => engine.configure(setup))
    const state: CenterState = { version: before.version + 1, atMs: Date.now(), actorId: actor.id, actorName: actor.name, source: o.source, changes, document }
    try {
      await insertCenterVersion(this.deps.store.client, this.deps.tenant, { ...state, changes: JSON.stringify(changes), document: JSON.stringify(document) })
    } catch (err) {
      // Not stored, so not kept: the ACD goes back to what the store says runs.
      await this.deps.acd.run((engine) => engine.configure(previous)).catch(() => undefined)
      throw new SaidError(sayCenter('storeDown', { reason: (err as Error).message.slice(0, 200) }))
    }
    this.setupNow = setup
    this.state = state
    this.deps.engine.configure(liveSetup(setup))
    replaceCodes(this.deps.codes, centerCodes(setup))
    this.deps.onChange?.(setup)
    for (const l of this.listeners) l(setup)
    return state
  }
}

function replaceCodes(target: CenterCodes, next: CenterCodes): void {
  for (const kind of ['aux', 'disposition'] as const) {
    const map = (target[kind] ??= {})
    for (const k of Object.keys(map)) delete map[k]
    Object.assign(map, next[kind])
  }
}
