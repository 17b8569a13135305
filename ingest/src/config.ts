/**
 * Configuration from environment variables, parsed and validated once at start-up. Defaults run
 * the embedded mode (in-process bus, chDB in ./data, demo traffic). A bad value stops the process
 * with one sentence naming the variable and what it accepts.
 */
import { join } from 'node:path'
import type { StoreConfig } from '@agner/analytics'
import { isValidTimeZone } from './live/day.ts'
import { mediaConfig, type MediaConfig } from './media-config.ts'

export interface Config {
  host: string
  port: number
  natsUrl?: string
  clickhouseUrl?: string
  clickhouseUser?: string
  clickhousePassword?: string
  clickhouseDatabase: string
  dataDir: string
  timeZone: string
  tenant: string
  demo: boolean
  demoRate: number
  /** Weeks of demo history simulated into an empty store at start (0: none). */
  demoHistoryWeeks: number
  /** At the demo's first start, publish this and next week's schedules from the seeded history. */
  demoSchedules: boolean
  batchSize: number
  batchWaitMs: number
  writerConcurrency: number
  maxDeliver: number
  ackWaitMs: number
  natsReplicas: number
  maxBodyBytes: number
  /** POST /api/events: how long the bus may take to make a request's events durable before a 503. */
  publishTimeoutMs: number
  liveFrameMs: number
  /** How often the report rollups catch up with committed events (reports also refresh before reading). */
  rollupRefreshMs: number
  /** Where scheduled reports write their files. */
  outboxDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** The first admin's password; generated and printed once when unset. */
  adminPassword?: string
  sessionIdleMs: number
  sessionAbsoluteMs: number
  loginBackoffMs: number
  loginBackoffMaxMs: number
  /** undefined: Secure cookies when the request came over HTTPS. */
  cookieSecure?: boolean
  /** Origins allowed to call the API from a browser (CORS); empty: none but Agner's own. */
  corsOrigins: string[]
  trustProxy: boolean
  accessSyncMs: number
  /** A JSON file with the ACD's queues, agents and IVR flows (telephony/README.md); unset: the demo's, or none. */
  acdConfigFile?: string
  /** A JSON file of PBX sources for automated installs (README "Connect your PBX"); sources added in the app live in AGNER_DATA_DIR/sources.json. */
  sourcesFile?: string
  /** Call media and the web widget (media-config.ts). */
  media: MediaConfig
  /** Call recordings: on unless AGNER_RECORDINGS=off; the folder (default AGNER_DATA_DIR/recordings) and the days they are kept. */
  recordings: { enabled: boolean; dir?: string; days: number }
}

export class ConfigError extends Error {}


type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const tz = env.AGNER_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
  if (!isValidTimeZone(tz)) throw new ConfigError(`AGNER_TIMEZONE "${tz}" is not an IANA time zone; use a name such as Asia/Shanghai or Europe/London.`)
  const natsUrl = optionalUrl(env, 'NATS_URL', ['nats:', 'tls:'])
  const clickhouseUrl = optionalUrl(env, 'CLICKHOUSE_URL', ['http:', 'https:'])
  const tenant = env.AGNER_TENANT ?? 'default'
  if (!/^[a-z0-9_-]{1,64}$/.test(tenant)) throw new ConfigError(`AGNER_TENANT "${tenant}" must be 1–64 lower-case letters, digits, "-" or "_".`)
  const logLevel = env.AGNER_LOG_LEVEL ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`AGNER_LOG_LEVEL "${logLevel}" must be one of fatal, error, warn, info, debug, trace, silent.`)
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 8080, 0, 65_535),
    natsUrl,
    clickhouseUrl,
    clickhouseUser: env.CLICKHOUSE_USER,
    clickhousePassword: env.CLICKHOUSE_PASSWORD,
    clickhouseDatabase: env.CLICKHOUSE_DATABASE ?? 'agner',
    dataDir: env.AGNER_DATA_DIR ?? './data',
    timeZone: tz,
    tenant,
    demo: bool(env, 'AGNER_DEMO', true),
    demoRate: int(env, 'AGNER_DEMO_RATE', 5, 0, 100_000),
    demoHistoryWeeks: int(env, 'AGNER_DEMO_HISTORY_WEEKS', 8, 0, 104),
    demoSchedules: bool(env, 'AGNER_DEMO_SCHEDULES', true),
    batchSize: int(env, 'AGNER_BATCH_SIZE', 10_000, 1, 200_000),
    batchWaitMs: int(env, 'AGNER_BATCH_WAIT_MS', 50, 1, 60_000),
    writerConcurrency: int(env, 'AGNER_WRITER_CONCURRENCY', 2, 1, 16),
    maxDeliver: int(env, 'AGNER_MAX_DELIVER', 5, 1, 100),
    ackWaitMs: int(env, 'AGNER_ACK_WAIT_MS', 30_000, 1000, 3_600_000),
    natsReplicas: int(env, 'AGNER_NATS_REPLICAS', 1, 1, 5),
    // 10,000 events (the most one request takes) at up to about 1.6 KB each.
    maxBodyBytes: int(env, 'AGNER_MAX_BODY_BYTES', 16 * 1_048_576, 1024, 256 * 1_048_576),
    publishTimeoutMs: int(env, 'AGNER_PUBLISH_TIMEOUT_MS', 5000, 100, 600_000),
    liveFrameMs: int(env, 'AGNER_LIVE_FRAME_MS', 100, 50, 60_000),
    rollupRefreshMs: int(env, 'AGNER_ROLLUP_REFRESH_MS', 5000, 100, 3_600_000),
    outboxDir: env.AGNER_OUTBOX_DIR ?? join(env.AGNER_DATA_DIR ?? './data', 'outbox'),
    logLevel: logLevel as Config['logLevel'],
    adminPassword: env.AGNER_ADMIN_PASSWORD || undefined,
    sessionIdleMs: int(env, 'AGNER_SESSION_IDLE_MINUTES', 60, 1, 7 * 24 * 60) * 60_000,
    sessionAbsoluteMs: int(env, 'AGNER_SESSION_MAX_HOURS', 12, 1, 24 * 90) * 3_600_000,
    loginBackoffMs: int(env, 'AGNER_LOGIN_BACKOFF_MS', 1000, 1, 60_000),
    loginBackoffMaxMs: int(env, 'AGNER_LOGIN_BACKOFF_MAX_MS', 300_000, 1, 86_400_000),
    cookieSecure: env.AGNER_COOKIE_SECURE === undefined || env.AGNER_COOKIE_SECURE === '' || env.AGNER_COOKIE_SECURE === 'auto'
      ? undefined : bool(env, 'AGNER_COOKIE_SECURE', false),
    corsOrigins: origins(env),
    trustProxy: bool(env, 'AGNER_TRUST_PROXY', false),
    accessSyncMs: int(env, 'AGNER_ACCESS_SYNC_MS', 5000, 500, 600_000),
    acdConfigFile: env.AGNER_ACD_CONFIG || undefined,
    sourcesFile: env.AGNER_SOURCES_FILE || undefined,
    media: mediaConfig(env, (name) => origins(env, name), (msg) => { throw new ConfigError(msg) }),
    recordings: { enabled: bool(env, 'AGNER_RECORDINGS', true), ...(env.AGNER_RECORDINGS_DIR ? { dir: env.AGNER_RECORDINGS_DIR } : {}), days: int(env, 'AGNER_RECORDINGS_DAYS', 90, 1, 36_500) },
    ...overrides,
  }
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} "${raw}" must be a whole number from ${min} to ${max}.`)
  return n
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} "${env[name]}" must be true or false.`)
}

function origins(env: Env, name = 'AGNER_CORS_ORIGINS'): string[] {
  const raw = env[name]
  if (!raw) return []
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    let u: URL
    try { u = new URL(o) } catch { throw new ConfigError(`${name} "${o}" is not an origin; use e.g. https://crm.example.com.`) }
    if (u.origin !== o.replace(/\/$/, '')) throw new ConfigError(`${name} "${o}" must be a bare origin such as ${u.origin}, without a path.`)
    return u.origin
  })
}

function optionalUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  for (const part of raw.split(',')) {
    let u: URL
    try { u = new URL(part.trim()) } catch { throw new ConfigError(`${name} "${raw}" is not a URL; use e.g. ${protocols[0]}//127.0.0.1:${name === 'NATS_URL' ? 4222 : 8123}.`) }
    if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}".`)
  }
  return raw
}

/** The store part of the configuration. */
export function storeConfig(c: Config): StoreConfig {
  return { clickhouseUrl: c.clickhouseUrl, user: c.clickhouseUser, password: c.clickhousePassword, database: c.clickhouseDatabase, dataDir: c.dataDir }
}
