/**
 * Reads Asterisk's realtime `queue_log` table from MySQL/MariaDB (the edge), for centers that log
 * there instead of a file: new rows in order (by `id` when the table has one, else by `time`, rows
 * of the last second remembered so none is read twice), their events handed on before the position
 * moves, the position kept in a state file across restarts. A refused login, a missing table or a
 * server that is down is said in one sentence and retried with capped backoff.
 */
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise'
import type { CanonicalEvent } from '@agner/events'
import { Backoff, retryState, sayings, type SourceState } from '../edge/source-state.ts'
import type { QueueLogMapper } from './map.ts'
import { rowToLine, type QueueLogRow } from './table-rows.ts'

export interface QueueLogTableOptions {
  host: string
  port: number
  user: string
  password: string
  database: string
  table: string
  /** The zone Asterisk wrote `time` in (its local zone, or UTC with queue_log_realtime_use_gmt). */
  timeZone: string
  stateFile: string
  mapper: QueueLogMapper
  onEvents: (events: CanonicalEvent[]) => Promise<void>
  onProblem: (p: { reason: string; raw: string; offset: number }) => void
  onState: (s: SourceState) => void
  pollMs?: number
  batch?: number
  backoff?: Backoff
  now?: () => number
}

/** By id: the last id read. By time: the last time read and the rows of that time already read. */
interface Position { id?: number; time?: string; seen?: string[] }

export class QueueLogTableReader {
  linesRead = 0
  state: SourceState
  private conn: Connection | undefined
  private byId: boolean | undefined
  private pos: Position
  private timer: NodeJS.Timeout | undefined
  private stopped = true
  private running: Promise<void> | undefined
  private readonly backoff: Backoff
  private readonly now: () => number
  private readonly address: string

  constructor(private readonly o: QueueLogTableOptions) {
    this.backoff = o.backoff ?? new Backoff()
    this.now = o.now ?? Date.now
    this.address = `${o.host}:${o.port}/${o.database}`
    this.state = { phase: 'connecting', said: sayings('connecting', { address: this.address }), since: this.now() }
    this.pos = this.load()
  }

  start(): void { this.stopped = false; this.schedule(0) }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
    await this.conn?.end().catch(() => undefined)
    this.conn = undefined
    this.setState({ phase: 'stopped', said: sayings('disabled'), since: this.now() })
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.running = this.pass().then(
        () => { this.backoff.reset(); this.schedule(this.o.pollMs ?? 1000) },
        (err: Error & { code?: string; errno?: number }) => {
          void this.conn?.end().catch(() => undefined)
          this.conn = undefined
          this.byId = undefined
          const table = err.code === 'ER_NO_SUCH_TABLE' || err.code === 'ER_BAD_FIELD_ERROR' || err.code === 'ER_TABLEACCESS_DENIED_ERROR'
          const problem = table ? sayings('dbTable', { address: this.address, message: err.message }) : sayings('dbRefused', { address: this.address, message: err.message })
          const delay = this.backoff.next()
          this.setState(retryState(problem, delay, this.now()))
          this.schedule(delay)
        },
      ).finally(() => { this.running = undefined })
    }, ms)
    this.timer.unref()
  }

  private async pass(): Promise<void> {
    if (!this.conn) {
      this.conn = await createConnection({
        host: this.o.host, port: this.o.port, user: this.o.user, password: this.o.password, database: this.o.database,
        dateStrings: true, connectTimeout: 10_000, supportBigNumbers: true,
      })
      const [cols] = await this.conn.query<RowDataPacket[]>('SHOW COLUMNS FROM ??', [this.o.table])
      this.byId = cols.some((c) => String(c.Field).toLowerCase() === 'id')
      this.setState({ phase: 'connected', said: sayings('reading', { table: this.o.table, address: this.address }), since: this.now() })
    }
    const batch = this.o.batch ?? 5000
    for (;;) {
      const rows = this.byId
        ? (await this.conn.query<RowDataPacket[]>('SELECT * FROM ?? WHERE id > ? ORDER BY id LIMIT ?', [this.o.table, this.pos.id ?? 0, batch]))[0]
        : (await this.conn.query<RowDataPacket[]>('SELECT * FROM ?? WHERE time >= ? ORDER BY time LIMIT ?', [this.o.table, this.pos.time ?? '', batch + (this.pos.seen?.length ?? 0)]))[0]
      const fresh = this.byId ? rows : rows.filter((r) => !(String(r.time) === this.pos.time && this.pos.seen?.includes(rowKey(r))))
      if (fresh.length === 0) return
      const events: CanonicalEvent[] = []
      for (const r of fresh) {
        this.linesRead++
        const p = rowToLine(r as QueueLogRow, this.o.timeZone)
        if (!p.ok) { this.o.onProblem({ reason: p.problem, raw: JSON.stringify(r).slice(0, 4096), offset: this.byId ? Number(r.id) : -1 }); continue }
        events.push(...this.o.mapper.map(p.line))
      }
      if (events.length > 0) await this.o.onEvents(events)
      this.advance(fresh)
      this.save()
      if (rows.length < batch) return
    }
  }

  private advance(rows: RowDataPacket[]): void {
    if (this.byId) { this.pos = { id: Number(rows[rows.length - 1]!.id) }; return }
    const last = String(rows[rows.length - 1]!.time)
    const sameSecond = rows.filter((r) => String(r.time) === last).map(rowKey)
    this.pos = { time: last, seen: last === this.pos.time ? [...(this.pos.seen ?? []), ...sameSecond] : sameSecond }
  }

  private load(): Position {
    try { return JSON.parse(readFileSync(this.o.stateFile, 'utf8')) as Position } catch { return {} }
  }

  private save(): void {
    const tmp = `${this.o.stateFile}.tmp`
    writeFileSync(tmp, JSON.stringify(this.pos))
    renameSync(tmp, this.o.stateFile)
  }

  private setState(s: SourceState): void { this.state = s; this.o.onState(s) }
}

function rowKey(r: RowDataPacket): string {
  return createHash('sha1').update(JSON.stringify(r)).digest('base64').slice(0, 16)
}
