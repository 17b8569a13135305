/**
 * One factory for the store client: `@clickhouse/client` over chDB (in-process, data in
 * AGNER_DATA_DIR) or over HTTP to a ClickHouse server when CLICKHOUSE_URL is set. Callers see the
 * same client either way, so one SQL dialect serves both.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { BULK_INSERT_BYTES, BulkFileInsert } from './bulk-file-insert.ts'
import { closeChdb } from './chdb-close.ts'
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client'

export interface StoreConfig {
  /** http(s)://host:8123 of a ClickHouse server; unset means embedded chDB. */
  clickhouseUrl?: string
  user?: string
  password?: string
  /** Database on a server (created when missing). chDB keeps Agner's tables in its own data directory. */
  database?: string
  /** chDB data directory. */
  dataDir: string
}

export interface Store {
  readonly kind: 'chdb' | 'server'
  readonly client: ClickHouseClient
  /**
   * Inserts TabSeparated rows given as bytes, synchronously. On chDB the bytes go to the engine
   * without being copied into a query string, and its parallel parser reads them (about 1.5× the
   * client's insert path); on a server they are streamed over HTTP.
   */
  insertTsv(table: string, columns: readonly [string, ...string[]], body: Buffer, settings: ClickHouseSettings): Promise<void>
  /** Whether the store answers a query now. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

/**
 * jemalloc options for the embedded engine, unless JE_MALLOC_CONF is set. chDB's build keeps freed
 * pages for 5 s before returning them to the system, so every insert's and query's buffers stay
 * resident for seconds after them: on `npm run bench -- ingest` about 100 MB of the process's peak.
 * 100 ms returns them almost at once; 0 would save 20 MB more but doubles the time of large report
 * queries (each query's hash tables are page-faulted in afresh). Smaller thread caches
 * (tcache_max 1 KB instead of 32 KB) save another 10 MB on an export. Measured in bench/README.md,
 * "Memory settings".
 */
export const CHDB_MALLOC_CONF = 'dirty_decay_ms:100,muzzy_decay_ms:0,tcache_max:1024'

export async function createStore(cfg: StoreConfig): Promise<Store> {
  if (cfg.clickhouseUrl) {
    const database = cfg.database ?? 'agner'
    // The client's own error log would print a stack per failure; Agner reports errors itself, in one sentence.
    const quiet = { log: { level: ClickHouseLogLevel.OFF } }
    const ident = quoteIdent(database)
    const admin = createClient({ url: cfg.clickhouseUrl, username: cfg.user, password: cfg.password, ...quiet })
    try {
      await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${ident}` })
    } catch (err) {
      throw new Error(`could not reach ClickHouse at ${cfg.clickhouseUrl} (${(err as Error).message}); check CLICKHOUSE_URL, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD, or unset CLICKHOUSE_URL to use embedded chDB`)
    } finally {
      await admin.close()
    }
    const client = createClient({
      url: cfg.clickhouseUrl, username: cfg.user, password: cfg.password, database, ...quiet,
      clickhouse_settings: { async_insert: 0 },
    })
    const insertTsv: Store['insertTsv'] = async (table, columns, body, settings) => {
      await client.insert({ table, format: 'TabSeparated', columns: [...columns], values: Readable.from([body], { objectMode: false }), clickhouse_settings: settings })
    }
    return wrap('server', client, insertTsv)
  }
  const dir = resolve(cfg.dataDir)
  mkdirSync(dir, { recursive: true })
  // chDB's allocator (jemalloc) reads its options when the engine loads, below.
  process.env.JE_MALLOC_CONF ??= CHDB_MALLOC_CONF
  // Loaded only for the embedded store: a process on a ClickHouse server never maps the engine (~50 MB resident).
  const { createChdbConnection } = await import('chdb/connection')
  let chdb: ReturnType<typeof createChdbConnection>
  try {
    chdb = createChdbConnection({ path: dir })
  } catch (err) {
    throw new Error(`could not open the chDB data directory ${dir} (${(err as Error).message}); another Agner process may be using it: stop it, or set AGNER_DATA_DIR to another directory`)
  }
  // chdb types its Connection against @clickhouse/client-common; @clickhouse/client bundles its own
  // copy of the same interface, so TypeScript sees two nominally different types. Same shape at runtime.
  const client = createClient({ connection: chdb as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'] })
  const bulk = new BulkFileInsert(client, dir)
  const insertTsv: Store['insertTsv'] = async (table, columns, body, settings) => {
    if (body.length >= BULK_INSERT_BYTES) { await bulk.insert(table, columns, body, settings); return }
    // Setting values are numbers and strings here; chDB's raw insert quotes them itself.
    await chdb.chdb.rawInsert({ table, columns: [...columns], values: body, format: 'TabSeparated', settings: settings as Record<string, string | number | boolean> })
  }
  return wrap('chdb', client, insertTsv, () => closeChdb(client, () => client.command({ query: 'SYSTEM STOP MERGES' })))
}

function wrap(kind: Store['kind'], client: ClickHouseClient, insertTsv: Store['insertTsv'], close = (): Promise<void> => client.close()): Store {
  return {
    kind, client, insertTsv, close,
    ping: async () => {
      try { await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json()); return true } catch { return false }
    },
  }
}

/** Quotes a database name given in configuration (never user input). */
function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`CLICKHOUSE_DATABASE "${name}" is not a valid database name; use letters, digits and underscores`)
  }
  return `\`${name}\``
}
