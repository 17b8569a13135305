/**
 * `agner store`: the embedded chDB store served over the part of ClickHouse's HTTP interface that
 * @clickhouse/client uses (queries and commands with `param_*` parameters and settings in the URL,
 * inserts with the data as the body, `/ping`). chDB binds its data directory to one process; with
 * this endpoint other Agner processes (a server, `agner report`, `agner replay`) use the same store
 * with CLICKHOUSE_URL, exactly as they would use a ClickHouse server, and keep the engine's
 * few hundred megabytes out of their own memory.
 */
import { timingSafeEqual } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { closeChdb } from '@agner/analytics'

/** The part of chdb's ClickHouse-client connection this endpoint drives. */
interface ChdbConnection {
  query(params: { query: string; query_id: string; query_params?: Record<string, unknown>; clickhouse_settings?: Record<string, unknown> }): Promise<{ stream: NodeJS.ReadableStream }>
  insert(params: { query: string; query_id: string; values: string; clickhouse_settings?: Record<string, unknown> }): Promise<unknown>
  close(): Promise<void>
}

export interface StoreEndpointOptions {
  /** chDB data directory (AGNER_DATA_DIR). */
  dataDir: string
  /** When set, requests must carry it (HTTP basic auth or X-ClickHouse-Key), as a ClickHouse server's user password. */
  password?: string
  /** Largest request body: one insert batch. Default 512 MiB. */
  bodyLimit?: number
}

/** URL keys that are not settings (see @clickhouse/client's toSearchParams). */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/
const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'session_id', 'role', 'default_format', 'user', 'password'])

export async function buildStoreEndpoint(opts: StoreEndpointOptions): Promise<FastifyInstance> {
  const { createChdbConnection } = await import('chdb/connection')
  let conn: ChdbConnection
  try {
    conn = createChdbConnection({ path: opts.dataDir }) as unknown as ChdbConnection
  } catch (err) {
    throw new Error(`could not open the chDB data directory ${opts.dataDir} (${(err as Error).message}); another Agner process may be using it: stop it, or point AGNER_DATA_DIR elsewhere`)
  }
  const app = Fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 512 * 1024 * 1024 })
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
  app.addHook('onClose', () => closeChdb(conn, async () => drain(await conn.query({ query: 'SYSTEM STOP MERGES', query_id: 'agner-store-close' }))))
  // One statement at a time: chDB applies URL settings with SET in its one session, so two requests
  // interleaved would see each other's settings; `USE` switches the session's database the same way.
  let chain: Promise<unknown> = Promise.resolve()
  let currentDb = 'default'
  // Settings the previous statement SET; a statement that does not give them gets them back at
  // their defaults (an insert's dedup token must never carry over to the next insert).
  let lastSettings = new Set<string>()
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = chain.then(f, f)
    chain = run.catch(() => undefined)
    return run
  }

  app.get('/ping', async (_req, reply) => reply.type('text/plain').send('Ok.\n'))
  app.get('/', async (_req, reply) => reply.type('text/plain').send('Ok.\n'))

  app.post('/', async (req: FastifyRequest, reply: FastifyReply) => {
    if (opts.password !== undefined && !authorized(req, opts.password)) {
      return fail(reply, 401, 516, 'Authentication failed: password is incorrect, or there is no user with such name', 'AUTHENTICATION_FAILED')
    }
    const url = new URL(req.url, 'http://store')
    const queryId = url.searchParams.get('query_id') ?? crypto.randomUUID()
    const database = url.searchParams.get('database') ?? 'default'
    const params: Record<string, string> = {}
    const settings: Record<string, string | number> = {}
    for (const [k, v] of url.searchParams) {
      if (NOT_SETTINGS.has(k)) continue
      // Names go into SET statements: only identifiers.
      if (!IDENT.test(k)) return fail(reply, 400, 115, `"${k.slice(0, 64)}" is not a setting or parameter name`, 'UNKNOWN_SETTING')
      if (k.startsWith('param_')) params[k.slice(6)] = v
      else settings[k] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v
    }
    // Response compression is the HTTP layer's business; chDB has no such setting.
    delete settings.enable_http_compression
    delete settings.http_headers_progress_interval_ms
    delete settings.send_progress_in_http_headers
    delete settings.wait_end_of_query
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const urlQuery = url.searchParams.get('query')
    try {
      const out = await serial(async () => {
        const stale = [...lastSettings].filter((k) => !(k in settings))
        if (stale.length > 0) await drain(await conn.query({ query: `${stale.map((k) => `SET ${k} = DEFAULT; `).join('')}SELECT 1`, query_id: `${queryId}-reset` }))
        lastSettings = new Set(Object.keys(settings))
        if (database !== currentDb) {
          await drain(await conn.query({ query: `USE ${quoteIdent(database)}`, query_id: `${queryId}-use` }))
          currentDb = database
        }
        if (urlQuery !== null) {
          // An insert: the statement in the URL, its rows in the body.
          await conn.insert({ query: urlQuery, query_id: queryId, values: body.toString('utf8'), clickhouse_settings: settings })
          return Buffer.alloc(0)
        }
        const sql = body.toString('utf8')
        if (!sql.trim()) throw new Error('Code: 62. DB::Exception: Empty query (SYNTAX_ERROR)')
        // Parameters arrive as ClickHouse's HTTP text; SET param_* hands the engine that very text.
        const sets = Object.entries(params).map(([k, v]) => `SET param_${k} = ${sqlString(v)}; `).join('')
        return await drain(await conn.query({ query: sets + sql, query_id: queryId, clickhouse_settings: settings }))
      })
      return reply
        .header('X-ClickHouse-Query-Id', queryId)
        .header('X-ClickHouse-Summary', JSON.stringify({ read_rows: '0', read_bytes: '0', written_rows: '0', written_bytes: '0', total_rows_to_read: '0', result_rows: '0', result_bytes: String(out.length) }))
        .type('text/plain; charset=UTF-8')
        .send(out)
    } catch (err) {
      // The engine's error as a ClickHouse server words it ("Code: N. DB::Exception: … (TYPE)"), which the client parses.
      const e = err as Error & { code?: unknown; type?: unknown }
      const own = /^Code: (\d+)\. DB::Exception: (.*) \(([A-Z0-9_]+)\)$/s.exec(e.message)
      if (own) return fail(reply, 500, Number(own[1]), own[2]!, own[3]!)
      const code = Number(e.code)
      return fail(reply, 500, Number.isInteger(code) && code > 0 ? code : 1001, e.message.replace(/\.?\s*$/, ''), typeof e.type === 'string' && /^[A-Z0-9_]+$/.test(e.type) ? e.type : 'STD_EXCEPTION')
    }
  })
  return app
}

async function drain(r: { stream: NodeJS.ReadableStream }): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const c of r.stream) parts.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer))
  return Buffer.concat(parts)
}

function fail(reply: FastifyReply, status: number, code: number, message: string, type: string): FastifyReply {
  return reply.code(status).header('X-ClickHouse-Exception-Code', String(code)).type('text/plain').send(`Code: ${code}. DB::Exception: ${message}. (${type})\n`)
}

function authorized(req: FastifyRequest, password: string): boolean {
  const key = req.headers['x-clickhouse-key']
  let given = typeof key === 'string' ? key : undefined
  const auth = req.headers.authorization
  if (given === undefined && auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8')
    given = decoded.slice(decoded.indexOf(':') + 1)
  }
  if (given === undefined) return false
  const a = Buffer.from(given), b = Buffer.from(password)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A ClickHouse SQL string literal. */
function sqlString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function quoteIdent(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``
}
