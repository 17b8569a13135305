/**
 * The PBX sources of this Agner: read from AGNER_SOURCES_FILE (automated installs; edited in the
 * file) and AGNER_DATA_DIR/sources.json (added in Admin → Sources or the API), each run by a
 * SourceRunner. Adding, changing and removing a source restarts only that source. An agent's status
 * changed in Agner for an agent that lives on a PBX is carried out there.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Ajv } from 'ajv'
import { SaidError, sentences } from '@agner/events/sentences'
import { SourceRunner, type SourceRunnerDeps, type SourceStatus } from './source-runner.ts'
import { publicSpec, SOURCE_BODY, specProblems, withDefaults, type SourceSpec } from './source-spec.ts'

const say = sentences({
  fileManaged: { en: 'Source "{id}" is defined in AGNER_SOURCES_FILE ({file}); change it there.', 'zh-CN': '数据源“{id}”定义在 AGNER_SOURCES_FILE（{file}）中；请在该文件中修改。' },
  exists: { en: 'A source with the id "{id}" exists already; choose another id or change that one.', 'zh-CN': 'ID 为“{id}”的数据源已存在；请换一个 ID，或修改已有的数据源。' },
  notFound: { en: 'There is no source "{id}".', 'zh-CN': '没有 ID 为“{id}”的数据源。' },
  incomplete: { en: '{problems}.', 'zh-CN': '数据源不完整：{problems}。' },
})

export interface PublicSource { spec: ReturnType<typeof publicSpec>; status: SourceStatus }

export class SourcesService {
  private readonly runners = new Map<string, SourceRunner>()
  private readonly apiFile: string

  constructor(private readonly deps: Omit<SourceRunnerDeps, 'queueLogFeeds'> & { dataDir: string; sourcesFile?: string; onSpec?: (spec: SourceSpec) => void }) {
    this.apiFile = `${deps.dataDir}/sources.json`
  }

  /** Reads both files and starts every enabled source. A bad file stops the start with one sentence. */
  start(): void {
    const specs = [...readSpecs(this.deps.sourcesFile, 'file'), ...readSpecs(this.apiFile, 'api')]
    for (const s of specs) {
      if (this.runners.has(s.id)) throw new Error(`source "${s.id}" is defined twice (AGNER_SOURCES_FILE and ${this.apiFile}); give one of them another id`)
      this.runners.set(s.id, this.runner(s))
    }
    for (const r of this.runners.values()) { this.deps.onSpec?.(r.spec); r.start() }
  }

  async stop(): Promise<void> { await Promise.all([...this.runners.values()].map((r) => r.stop())) }

  list(): PublicSource[] {
    return [...this.runners.values()].sort((a, b) => a.spec.id.localeCompare(b.spec.id)).map((r) => ({ spec: publicSpec(r.spec), status: r.status() }))
  }

  get(id: string): PublicSource {
    const r = this.runners.get(id)
    if (!r) throw new SaidError(say('notFound', { id }))
    return { spec: publicSpec(r.spec), status: r.status() }
  }

  /** Adds a source (created) or replaces one (a secret left out keeps the old one). */
  async put(input: Omit<SourceSpec, 'enabled' | 'instance'> & Partial<SourceSpec>, mode: 'create' | 'replace'): Promise<PublicSource> {
    const old = this.runners.get(input.id)
    if (mode === 'create' && old) throw new SaidError(say('exists', { id: input.id }))
    if (mode === 'replace' && !old) throw new SaidError(say('notFound', { id: input.id }))
    if (old?.spec.origin === 'file') throw new SaidError(say('fileManaged', { id: input.id, file: this.deps.sourcesFile ?? '' }))
    const spec = withDefaults({ ...input, ...(input.secret === undefined && old?.spec.secret ? { secret: old.spec.secret } : {}), origin: 'api' })
    const problems = specProblems(spec)
    if (problems.length > 0) throw new SaidError(say('incomplete', { problems: problems.join('; ') }))
    await old?.stop()
    const r = this.runner(spec)
    this.runners.set(spec.id, r)
    this.save()
    this.deps.onSpec?.(spec)
    r.start()
    return { spec: publicSpec(spec), status: r.status() }
  }

  async remove(id: string): Promise<void> {
    const r = this.runners.get(id)
    if (!r) throw new SaidError(say('notFound', { id }))
    if (r.spec.origin === 'file') throw new SaidError(say('fileManaged', { id, file: this.deps.sourcesFile ?? '' }))
    await r.stop()
    this.runners.delete(id)
    this.save()
  }

  /** The source whose PBX hosts this agent and can change its status, if any. */
  controllerOf(agentId: string): SourceRunner | undefined {
    return [...this.runners.values()].find((r) => r.spec.enabled && r.controllable && r.hostsAgent(agentId))
  }

  /** For /readyz: each source's phase and sentence. */
  readiness(): Array<{ id: string; kind: string; ok: boolean; state: string }> {
    return this.list().map(({ status: s }) => ({ id: s.id, kind: s.kind, ok: s.phase === 'connected' || s.phase === 'disabled', state: s.problem && s.phase !== 'connected' ? `${s.said.text.en}: ${s.problem.text.en}` : s.said.text.en }))
  }

  private runner(spec: SourceSpec): SourceRunner {
    return new SourceRunner(spec, {
      ...this.deps,
      queueLogFeeds: (instance) => [...this.runners.values()].some((r) => r.spec.enabled && (r.spec.kind === 'asterisk-queuelog' || r.spec.kind === 'asterisk-queuelog-db') && r.spec.instance === instance),
    })
  }

  private save(): void {
    const specs = [...this.runners.values()].filter((r) => r.spec.origin === 'api').map((r) => { const { origin: _o, ...rest } = r.spec; return rest })
    mkdirSync(dirname(this.apiFile), { recursive: true })
    const tmp = `${this.apiFile}.tmp`
    writeFileSync(tmp, `${JSON.stringify({ sources: specs }, null, 2)}\n`, { mode: 0o600 })
    renameSync(tmp, this.apiFile)
    chmodSync(this.apiFile, 0o600)
  }
}

const ajv = new Ajv({ allErrors: true })
const validateSpec = ajv.compile(SOURCE_BODY)

/** `{ "sources": [ … ] }` (or a bare array) from a file; a problem is one sentence naming the file and the source. */
export function readSpecs(file: string | undefined, origin: 'api' | 'file'): SourceSpec[] {
  if (!file || !existsSync(file)) {
    if (file && origin === 'file') throw new Error(`AGNER_SOURCES_FILE names ${file}, which does not exist`)
    return []
  }
  let parsed: unknown
  try { parsed = JSON.parse(readFileSync(file, 'utf8')) } catch (err) { throw new Error(`${file} is not valid JSON (${(err as Error).message})`) }
  const list = Array.isArray(parsed) ? parsed : (parsed as { sources?: unknown }).sources
  if (!Array.isArray(list)) throw new Error(`${file} must hold { "sources": [ … ] }`)
  return list.map((raw, i) => {
    if (!validateSpec(raw)) {
      const e = validateSpec.errors?.[0]
      throw new Error(`${file}: source ${i + 1} ${e?.instancePath || ''} ${e?.message ?? 'is not a source'}`.replace(/\s+/g, ' ').trim())
    }
    const spec = withDefaults({ ...(raw as SourceSpec), origin })
    const problems = specProblems(spec)
    if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`)
    return spec
  })
}
