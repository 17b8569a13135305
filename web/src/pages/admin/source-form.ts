/**
 * The Sources page's form ↔ the API's source: mapping lines (`PBX name, Agner id, display name[, wrap-up s]`)
 * parsed and written back, empty fields left out so the server's defaults apply. Pure.
 */
export type SourceKind = 'asterisk-ami' | 'asterisk-queuelog' | 'asterisk-queuelog-db' | 'freeswitch-esl'
export interface NameMap { id?: string; name?: string; wrapUpSec?: number }
export interface SourceSpec {
  id: string; kind: SourceKind; name?: string; enabled: boolean; instance: string; host?: string; port?: number; tls?: boolean; username?: string
  path?: string; database?: string; table?: string; timeZone?: string; framing?: 'json' | 'plain'; agentField?: 'MemberName' | 'Interface'; queues?: Record<string, NameMap>; agents?: Record<string, NameMap>
  origin?: 'api' | 'file'; hasSecret: boolean
}

export interface SourceForm {
  id: string; kind: SourceKind; name: string; enabled: boolean; instance: string; host: string; port: string; tls: boolean; username: string; secret: string
  path: string; database: string; table: string; timeZone: string; framing: 'json' | 'plain'; agentField: 'MemberName' | 'Interface'; queues: string; agents: string
}

export function emptyForm(): SourceForm {
  return { id: '', kind: 'asterisk-ami', name: '', enabled: true, instance: '', host: '', port: '', tls: false, username: '', secret: '', path: '/var/log/asterisk/queue_log', database: '', table: 'queue_log', timeZone: '', framing: 'json', agentField: 'MemberName', queues: '', agents: '' }
}

export function formOf(s: SourceSpec): SourceForm {
  return {
    ...emptyForm(), id: s.id, kind: s.kind, name: s.name ?? '', enabled: s.enabled, instance: s.instance === s.id ? '' : s.instance, host: s.host ?? '',
    port: s.port ? String(s.port) : '', tls: s.tls ?? false, username: s.username ?? '', path: s.path ?? '', framing: s.framing ?? 'json',
    database: s.database ?? '', table: s.table ?? 'queue_log', timeZone: s.timeZone ?? '',
    agentField: s.agentField ?? 'MemberName', queues: linesOf(s.queues), agents: linesOf(s.agents),
  }
}

function linesOf(m: Record<string, NameMap> | undefined): string {
  return Object.entries(m ?? {}).map(([pbx, v]) => [pbx, v.id ?? '', v.name ?? '', v.wrapUpSec !== undefined ? String(v.wrapUpSec) : ''].join(', ').replace(/(, )+$/, '')).join('\n')
}

/** One mapping per line; a line that cannot be read comes back as its line number. */
export function parseLines(text: string, withWrap: boolean): { map: Record<string, NameMap>; bad: number[] } {
  const map: Record<string, NameMap> = {}
  const bad: number[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const [pbx, id, name, wrap] = line.split(',').map((x) => x.trim())
    const wrapSec = wrap ? Number(wrap) : undefined
    if (!pbx || (wrapSec !== undefined && (!withWrap || !Number.isInteger(wrapSec) || wrapSec < 0 || wrapSec > 3600))) { bad.push(i + 1); return }
    map[pbx] = { ...(id ? { id } : {}), ...(name ? { name } : {}), ...(wrapSec !== undefined ? { wrapUpSec: wrapSec } : {}) }
  })
  return { map, bad }
}

/** The API body of a form (what the kind does not use is left out). */
export function bodyOf(f: SourceForm): Record<string, unknown> {
  const net = f.kind !== 'asterisk-queuelog'
  const queues = parseLines(f.queues, true).map
  const agents = parseLines(f.agents, false).map
  return {
    id: f.id.trim(), kind: f.kind, enabled: f.enabled,
    ...(f.name.trim() ? { name: f.name.trim() } : {}), ...(f.instance.trim() ? { instance: f.instance.trim() } : {}),
    ...(net && f.host.trim() ? { host: f.host.trim() } : {}), ...(net && f.port.trim() ? { port: Number(f.port) } : {}),
    ...(f.kind === 'asterisk-ami' ? { tls: f.tls, agentField: f.agentField } : {}),
    ...((f.kind === 'asterisk-ami' || f.kind === 'asterisk-queuelog-db') && f.username.trim() ? { username: f.username.trim() } : {}),
    ...(f.kind === 'asterisk-queuelog-db' ? { ...(f.database.trim() ? { database: f.database.trim() } : {}), ...(f.table.trim() ? { table: f.table.trim() } : {}), ...(f.timeZone.trim() ? { timeZone: f.timeZone.trim() } : {}) } : {}),
    ...(f.kind === 'freeswitch-esl' ? { framing: f.framing } : {}),
    ...(net && f.secret ? { secret: f.secret } : {}),
    ...(f.kind === 'asterisk-queuelog' && f.path.trim() ? { path: f.path.trim() } : {}),
    ...(Object.keys(queues).length ? { queues } : {}), ...(Object.keys(agents).length ? { agents } : {}),
  }
}
