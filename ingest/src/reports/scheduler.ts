/**
 * Scheduled reports: kept in `report_schedules`, checked every `everyMs`; each due run renders
 * the report for its period as its owner would see it (their team scope), writes the file to the
 * outbox folder and records the run in `report_runs`, failures with their reason. A run that
 * was due while Agner was stopped runs at the next start (once, for the latest period).
 */
import { createWriteStream, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { PassThrough } from 'node:stream'
import type { ClickHouseClient } from '@clickhouse/client'
import { exportFileName, writeExport, type ExportFormat } from '@agner/analytics'
import { uuidv7 } from '@agner/events'
import type { Versioned } from '../access/records.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { VersionedTable } from '../access/store/versioned-table.ts'
import { nextDue, periodOf, type Frequency } from './schedule.ts'
import type { ReportCaller, ReportService } from './service.ts'

export interface ScheduleRecord extends Versioned {
  id: string
  name: string
  report: string
  /** The filters (queue, team, agent, channel, interval…) as JSON; the period comes from each run. */
  query: string
  format: ExportFormat
  locale: string
  frequency: Frequency
  atTime: string
  weekday: number
  monthDay: number
  ownerId: string
  deleted: boolean
  createdMs: number
}

export interface RunRecord {
  id: string
  scheduleId: string
  dueMs: number
  atMs: number
  ok: boolean
  file: string
  bytes: number
  error: string
  periodFrom: number
  periodTo: number
}

export interface SchedulerDeps {
  client: ClickHouseClient
  tenant: string
  timeZone: string
  outboxDir: string
  reports: ReportService
  audit: AuditLog
  /** The owner's report scope now; undefined when the owner is gone or disabled. */
  callerFor: (ownerId: string) => ReportCaller | undefined
  now?: () => number
}

export class ReportScheduler {
  private readonly table: VersionedTable<ScheduleRecord>
  private readonly schedules = new Map<string, ScheduleRecord>()
  private readonly lastDue = new Map<string, number>()
  private timer?: NodeJS.Timeout
  private ticking?: Promise<void>
  private lastVersion = 0

  constructor(private readonly d: SchedulerDeps) {
    this.table = new VersionedTable<ScheduleRecord>(d.client, d.tenant, {
      table: 'report_schedules', key: 'id', ints: ['weekday', 'monthDay', 'createdMs', 'updatedMs'], bools: ['deleted'],
    })
  }

  private now(): number { return (this.d.now ?? Date.now)() }

  async load(): Promise<void> {
    for (const s of await this.table.read()) this.schedules.set(s.id, s)
    const rs = await this.d.client.query({
      query: 'SELECT schedule_id AS id, max(due_ms) AS due FROM report_runs WHERE tenant = {tenant:String} GROUP BY schedule_id',
      format: 'JSONEachRow', query_params: { tenant: this.d.tenant },
    })
    for (const r of await rs.json<{ id: string; due: string }>()) this.lastDue.set(r.id, Number(r.due))
  }

  list(): ScheduleRecord[] { return [...this.schedules.values()].filter((s) => !s.deleted).sort((a, b) => a.createdMs - b.createdMs) }
  get(id: string): ScheduleRecord | undefined { const s = this.schedules.get(id); return s && !s.deleted ? s : undefined }

  nextDueOf(s: ScheduleRecord): number { return nextDue(s, this.lastDue.get(s.id) ?? s.createdMs, this.d.timeZone) }

  async save(s: Omit<ScheduleRecord, 'updatedMs'>): Promise<ScheduleRecord> {
    const rec = { ...s, updatedMs: (this.lastVersion = Math.max(this.now(), this.lastVersion + 1)) }
    await this.table.write([rec])
    this.schedules.set(rec.id, rec)
    return rec
  }

  async runs(scheduleIds: readonly string[], limit = 100): Promise<RunRecord[]> {
    return this.readRuns('has({ids:Array(String)}, schedule_id)', { ids: scheduleIds, limit })
  }

  async run(id: string): Promise<RunRecord | undefined> {
    return (await this.readRuns('id = {id:String}', { id, limit: 1 }))[0]
  }

  private async readRuns(where: string, params: Record<string, unknown>): Promise<RunRecord[]> {
    const rs = await this.d.client.query({
      query: `SELECT id, schedule_id, due_ms, at_ms, ok, file, bytes, error, period_from, period_to FROM report_runs
              WHERE tenant = {tenant:String} AND ${where} ORDER BY at_ms DESC LIMIT {limit:UInt32}`,
      format: 'JSONEachRow', query_params: { tenant: this.d.tenant, ...params },
    })
    return (await rs.json<Record<string, string | number>>()).map((r) => ({
      id: String(r.id), scheduleId: String(r.schedule_id), dueMs: Number(r.due_ms), atMs: Number(r.at_ms), ok: Number(r.ok) === 1, file: String(r.file),
      bytes: Number(r.bytes), error: String(r.error), periodFrom: Number(r.period_from), periodTo: Number(r.period_to),
    }))
  }

  /** Runs every schedule that is due; one tick at a time. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        for (const s of this.list()) {
          const due = this.nextDueOf(s)
          if (due <= this.now()) await this.runOnce(s, this.latestDue(s, due))
        }
      } finally { this.ticking = undefined }
    })()
    return this.ticking
  }

  /** After a long stop, only the most recent missed run is made. */
  private latestDue(s: ScheduleRecord, due: number): number {
    let last = due
    for (let next = nextDue(s, last, this.d.timeZone); next <= this.now(); next = nextDue(s, last, this.d.timeZone)) last = next
    return last
  }

  /** Renders the report for the period of a run due at `due` (now, for "run now") and records the run. */
  async runOnce(s: ScheduleRecord, due = this.now()): Promise<RunRecord> {
    const period = periodOf(s, due, this.d.timeZone)
    const id = uuidv7()
    const run: RunRecord = { id, scheduleId: s.id, dueMs: due, atMs: this.now(), ok: false, file: '', bytes: 0, error: '', periodFrom: period.from, periodTo: period.to }
    try {
      const caller = this.d.callerFor(s.ownerId)
      if (!caller) throw new Error('the owner of this schedule no longer has an active account; an admin should delete or recreate it')
      const filters = JSON.parse(s.query) as Record<string, unknown>
      const query = { interval: period.interval, ...filters, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), lang: s.locale }
      const r = await this.d.reports.run(s.report, query, caller, { stream: true })
      const dir = join(this.d.outboxDir, s.id)
      mkdirSync(dir, { recursive: true })
      const file = join(dir, `${id.slice(-8)}-${exportFileName(r, s.format)}`)
      const body = new PassThrough()
      await Promise.all([writeExport(r, s.format, body), pipeline(body, createWriteStream(file))])
      run.ok = true
      run.file = file
      run.bytes = statSync(file).size
      await this.d.audit.record({
        actorId: s.ownerId, actorName: `schedule: ${s.name}`, actorKind: 'system', action: 'export', target: `report:${s.report}`, ok: true, ip: '',
        detail: { format: s.format, schedule: s.id, from: period.from, to: period.to },
      })
    } catch (err) {
      run.error = (err as Error).message
    }
    await this.d.client.insert({
      table: 'report_runs', format: 'JSONEachRow',
      values: [{
        tenant: this.d.tenant, id: run.id, schedule_id: s.id, due_ms: due, at_ms: run.atMs, ok: run.ok ? 1 : 0, file: run.file, bytes: run.bytes,
        error: run.error, period_from: run.periodFrom, period_to: run.periodTo,
      }],
    })
    this.lastDue.set(s.id, Math.max(this.lastDue.get(s.id) ?? 0, due))
    return run
  }

  start(everyMs: number, onError: (err: Error) => void): void {
    this.timer = setInterval(() => { this.tick().catch(onError) }, everyMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.ticking?.catch(() => undefined)
  }
}
