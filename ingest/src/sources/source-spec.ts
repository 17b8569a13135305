/**
 * A PBX source as configured (Admin → Sources, the API, or the JSON file named by
 * AGNER_SOURCES_FILE): its kind, address, credentials (write-only), and how the PBX's queue and
 * agent names map to Agner ids and display names. Pure: validation says what is wrong in one
 * sentence per problem.
 */
export const SOURCE_KINDS = ['asterisk-ami', 'asterisk-queuelog', 'asterisk-queuelog-db', 'freeswitch-esl'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

export interface NameMap { id?: string; name?: string }
export interface QueueMap extends NameMap { /** queues.conf `wrapuptime`, s (Asterisk logs no wrap-up). */ wrapUpSec?: number }

export interface SourceSpec {
  id: string
  kind: SourceKind
  name?: string
  enabled: boolean
  /** Which PBX: the AMI and queue_log sources of one Asterisk share it, so a call seen by both counts once. */
  instance: string
  host?: string
  port?: number
  tls?: boolean
  username?: string
  /** AMI secret, ESL password or database password. Never returned by the API. */
  secret?: string
  /** queue_log file. */
  path?: string
  /** Realtime queue_log table (MySQL/MariaDB): database, table (default queue_log), the zone its `time` is in (default the center's). */
  database?: string
  table?: string
  timeZone?: string
  framing?: 'json' | 'plain'
  agentField?: 'MemberName' | 'Interface'
  queues?: Record<string, QueueMap>
  agents?: Record<string, NameMap>
  /** Where it came from: the API (editable) or AGNER_SOURCES_FILE (edit the file). */
  origin?: 'api' | 'file'
}

export const DEFAULT_PORTS: Partial<Record<SourceKind, number>> = { 'asterisk-ami': 5038, 'freeswitch-esl': 8021, 'asterisk-queuelog-db': 3306 }

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const
const MAP_ENTRY = { type: 'object', additionalProperties: false, properties: { id: { type: 'string', minLength: 1, maxLength: 200 }, name: NAME } } as const

/** The JSON schema of a source in the API (Fastify checks it before the handler). */
export const SOURCE_BODY = {
  type: 'object', additionalProperties: false, required: ['id', 'kind'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
    kind: { type: 'string', enum: [...SOURCE_KINDS] },
    name: NAME,
    enabled: { type: 'boolean' },
    instance: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
    host: { type: 'string', minLength: 1, maxLength: 255 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    tls: { type: 'boolean' },
    username: { type: 'string', minLength: 1, maxLength: 100 },
    secret: { type: 'string', minLength: 1, maxLength: 500 },
    path: { type: 'string', minLength: 1, maxLength: 1000 },
    database: { type: 'string', pattern: '^[A-Za-z0-9_$]{1,64}$' },
    table: { type: 'string', pattern: '^[A-Za-z0-9_$]{1,64}$' },
    timeZone: { type: 'string', pattern: '^[A-Za-z_+0-9/-]{1,64}$' },
    framing: { type: 'string', enum: ['json', 'plain'] },
    agentField: { type: 'string', enum: ['MemberName', 'Interface'] },
    queues: { type: 'object', maxProperties: 5000, additionalProperties: { ...MAP_ENTRY, properties: { ...MAP_ENTRY.properties, wrapUpSec: { type: 'integer', minimum: 0, maximum: 3600 } } } },
    agents: { type: 'object', maxProperties: 20000, additionalProperties: MAP_ENTRY },
  },
} as const

/** What a kind needs beyond the schema, each missing piece in one sentence; [] when complete. */
export function specProblems(s: SourceSpec): string[] {
  const p: string[] = []
  const need = (field: keyof SourceSpec, what: string): void => { if (s[field] === undefined || s[field] === '') p.push(`${s.kind} source "${s.id}" needs ${what}`) }
  if (s.kind === 'asterisk-ami') { need('host', 'host (the Asterisk server)'); need('username', 'username (a [user] in manager.conf)'); need('secret', 'secret (its secret in manager.conf)') }
  if (s.kind === 'freeswitch-esl') { need('host', 'host (the FreeSWITCH server)'); need('secret', 'secret (the event socket password in event_socket.conf.xml)') }
  if (s.kind === 'asterisk-queuelog') need('path', 'path (the queue_log file, usually /var/log/asterisk/queue_log)')
  if (s.kind === 'asterisk-queuelog-db') { need('host', 'host (the MySQL/MariaDB server)'); need('username', 'username (a user that may SELECT the table)'); need('database', 'database (where Asterisk writes queue_log)') }
  if (s.timeZone !== undefined && !validZone(s.timeZone)) p.push(`source "${s.id}": "${s.timeZone}" is not a time zone (use an IANA name such as Asia/Shanghai, or UTC)`)
  return p
}

/** A spec with its defaults filled (instance = id, enabled, default port, table queue_log). */
export function withDefaults(s: Omit<SourceSpec, 'enabled' | 'instance'> & Partial<Pick<SourceSpec, 'enabled' | 'instance'>>): SourceSpec {
  return {
    ...s, enabled: s.enabled ?? true, instance: s.instance ?? s.id,
    ...(s.port === undefined && DEFAULT_PORTS[s.kind] ? { port: DEFAULT_PORTS[s.kind] } : {}),
    ...(s.kind === 'asterisk-queuelog-db' && !s.table ? { table: 'queue_log' } : {}),
  }
}

/** The spec as the API shows it: the secret replaced by whether one is set. */
export function publicSpec(s: SourceSpec): Omit<SourceSpec, 'secret'> & { hasSecret: boolean } {
  const { secret, ...rest } = s
  return { ...rest, hasSecret: secret !== undefined && secret !== '' }
}

/** PBX name → Agner id, by the source's mapping (the PBX's name itself when unmapped). */
export function idMapper(map: Record<string, NameMap> | undefined): (pbx: string) => string {
  if (!map) return (x) => x
  return (x) => map[x]?.id ?? x
}

function validZone(z: string): boolean {
  try { new Intl.DateTimeFormat('en', { timeZone: z }); return true } catch { return false }
}
