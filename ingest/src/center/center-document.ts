/**
 * The center's configuration as a document in the AGNER_ACD_CONFIG format (seconds, skill maps,
 * names in both languages): what is stored per version, edited in the app, exported and imported.
 * `documentOf` turns a loaded configuration back into that format (loadAcdConfig(documentOf(x))
 * gives x again); `changesBetween` says what one version changed against the one before. Pure.
 */
import type { AcdConfig, AgentConfig, CenterCode, QueueConfig } from '@agner/telephony'

export interface CenterDocument {
  queues: Array<Record<string, unknown>>
  agents: Array<Record<string, unknown>>
  ivrs: object[]
  dispositions: CenterCode[]
  auxReasons: CenterCode[]
  settings: { supervisorsEditSkills: boolean }
}

/** One change of a version: a part of the center added, removed or changed (with the fields that changed). */
export interface CenterChange { kind: 'queue' | 'agent' | 'ivr' | 'disposition' | 'auxReason' | 'settings'; id: string; op: 'added' | 'removed' | 'changed'; fields?: string[] }

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000)
/** The object without its undefined fields (so documents compare and print cleanly). */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

export function queueDocument(q: QueueConfig): Record<string, unknown> {
  return defined({
    id: q.id, name: q.names ?? q.name, channel: q.channel,
    requiredSkills: Object.fromEntries(q.requiredSkills.map((s) => [s.skill, s.minLevel])),
    strategy: q.strategy, serviceLevelSeconds: seconds(q.serviceLevelMs), serviceLevelFormula: q.serviceLevelFormula,
    shortAbandonSeconds: seconds(q.shortAbandonMs), ringTimeoutSeconds: seconds(q.ringTimeoutMs), maxWaitSeconds: seconds(q.maxWaitMs),
    maxSize: q.maxSize, overflow: q.overflow, wrapUpLimitSeconds: seconds(q.wrapUpLimitMs), hours: q.hours, closedAction: q.closedAction,
    holdMusic: q.holdMusic, relax: q.relax?.length ? q.relax.map((s) => ({ afterSeconds: s.afterMs / 1000, minLevel: s.minLevel })) : undefined,
  })
}

export function agentDocument(a: AgentConfig): Record<string, unknown> {
  return defined({ id: a.id, name: a.name, team: a.team, skills: { ...a.skills }, capacity: a.capacity ? { ...a.capacity } : undefined, maxRingNoAnswer: a.maxRingNoAnswer })
}

export function documentOf(setup: AcdConfig): CenterDocument {
  return {
    queues: setup.queues.map(queueDocument),
    agents: setup.agents.map(agentDocument),
    ivrs: setup.ivrs,
    dispositions: setup.dispositions ?? [],
    auxReasons: setup.auxReasons ?? [],
    settings: { supervisorsEditSkills: setup.settings?.supervisorsEditSkills ?? false },
  }
}

/** JSON with object keys sorted, so two documents that mean the same compare equal. */
export function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))
}

function byId<T>(list: readonly T[], id: (x: T) => string): Map<string, T> { return new Map(list.map((x) => [id(x), x])) }

function diff<T extends object>(kind: CenterChange['kind'], before: readonly T[], after: readonly T[], id: (x: T) => string): CenterChange[] {
  const was = byId(before, id)
  const now = byId(after, id)
  const out: CenterChange[] = []
  for (const [k, x] of now) {
    const old = was.get(k)
    if (!old) { out.push({ kind, id: k, op: 'added' }); continue }
    const keys = new Set([...Object.keys(old), ...Object.keys(x)])
    const fields = [...keys].filter((f) => canonicalJson((old as Record<string, unknown>)[f]) !== canonicalJson((x as Record<string, unknown>)[f])).sort()
    if (fields.length) out.push({ kind, id: k, op: 'changed', fields })
  }
  for (const k of was.keys()) if (!now.has(k)) out.push({ kind, id: k, op: 'removed' })
  return out
}

/** What `after` changes against `before`, part by part. */
export function changesBetween(before: CenterDocument, after: CenterDocument): CenterChange[] {
  const idOf = (x: { id?: unknown }): string => String(x.id)
  return [
    ...diff('queue', before.queues, after.queues, idOf),
    ...diff('agent', before.agents, after.agents, idOf),
    ...diff('ivr', before.ivrs as Array<{ id?: unknown }>, after.ivrs as Array<{ id?: unknown }>, idOf),
    ...diff('disposition', before.dispositions, after.dispositions, (c) => c.code),
    ...diff('auxReason', before.auxReasons, after.auxReasons, (c) => c.code),
    ...(canonicalJson(before.settings) !== canonicalJson(after.settings) ? [{ kind: 'settings' as const, id: 'settings', op: 'changed' as const, fields: Object.keys(after.settings) }] : []),
  ]
}
