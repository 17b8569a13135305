/**
 * `agner report NAME --from ISO --to ISO [--interval 30m] [--queue ID…] --format json|csv|xlsx|pdf
 * [--out FILE]`: a report from a running server (--url, with AGNER_TOKEN holding reports:export),
 * else straight from the store (chDB: stop the server first; or CLICKHOUSE_URL). For scripts and cron.
 */
import { createWriteStream } from 'node:fs'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createStore, isExportFormat, migrate, ReportInputError, RollupRefresher, writeExport } from '@agner/analytics'
import { acdSetup, centerCodes, liveSetup } from '../acd-runtime.ts'
import { AuditLog } from '../access/store/audit-log.ts'
import { loadConfig, storeConfig } from '../config.ts'
import { configCatalog } from '../reports/catalog.ts'
import { ReportService } from '../reports/service.ts'

export interface ReportArgs {
  name: string
  query: Record<string, string | string[] | undefined>
  format: string
  out?: string
  url?: string
  /** CSV: which section of the report (a CSV is one table). */
  section?: string
}

export async function reportCommand(a: ReportArgs): Promise<void> {
  if (a.format !== 'json' && !isExportFormat(a.format)) throw new Error(`--format must be json, csv, xlsx or pdf, not "${a.format}"`)
  const out: Writable = a.out ? createWriteStream(a.out) : process.stdout
  if (a.url) return fromServer(a, out)
  const config = loadConfig()
  const store = await createStore(storeConfig(config))
  try {
    await migrate(store.client)
    const refresher = new RollupRefresher(store.client, { tenant: config.tenant })
    await refresher.catchUp()
    const setup = acdSetup(config)
    const reports = new ReportService({
      client: store.client, tenant: config.tenant, timeZone: config.timeZone, catalog: configCatalog(liveSetup(setup)), team: () => undefined, codes: centerCodes(setup),
    })
    const r = await reports.run(a.name, a.query, { name: 'cli', queues: 'all', teamIds: [], pii: false, contacts: true }, { stream: a.format !== 'json' })
    if (a.section !== undefined && !r.sections.some((s) => s.id === a.section)) {
      throw new ReportInputError(`This report has no section "${a.section}"; its sections are ${r.sections.map((s) => s.id).join(', ')}.`)
    }
    if (isExportFormat(a.format)) {
      await new AuditLog(store.client, config.tenant).record({
        actorId: 'cli', actorName: 'agner report', actorKind: 'system', action: 'export', target: `report:${r.report}`, ok: true, ip: '',
        detail: { format: a.format, from: r.filters.from, to: r.filters.to, interval: r.filters.interval, queues: r.filters.queues },
      })
      await writeExport(r, a.format, out, { section: a.section })
    } else {
      await new Promise<void>((res, rej) => out.write(`${JSON.stringify(r, null, 2)}\n`, (err) => (err ? rej(err) : res())))
      if (a.out) await new Promise<void>((res) => out.end(() => res()))
    }
    if (a.out) console.error(`wrote ${r.title} to ${a.out}`)
  } finally {
    await store.close()
  }
}

async function fromServer(a: ReportArgs, out: Writable): Promise<void> {
  const token = process.env.AGNER_TOKEN
  if (!token) throw new Error('set AGNER_TOKEN to an API token with the reports:read and reports:export scopes (Admin → API tokens)')
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(a.query)) for (const x of [v].flat()) if (x !== undefined) params.append(k, x)
  params.set('format', a.format)
  if (a.section !== undefined) params.set('section', a.section)
  const res = await fetch(`${a.url!.replace(/\/$/, '')}/api/reports/${encodeURIComponent(a.name)}?${params}`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => ({})) as { error?: string }
    throw new Error(`the server refused the report (${res.status}): ${body.error ?? res.statusText}`)
  }
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), out)
  if (a.out) console.error(`wrote ${a.name} to ${a.out}`)
}
