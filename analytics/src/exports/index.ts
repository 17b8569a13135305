/** Report exports: CSV, Excel and PDF, all from the same ReportResult. */
import type { Writable } from 'node:stream'
import type { ReportResult } from '../reports/types.ts'
import { TZDate } from '@date-fns/tz'
import { csvSection, writeCsv } from './csv.ts'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

export function isExportFormat(x: unknown): x is ExportFormat { return typeof x === 'string' && (EXPORT_FORMATS as readonly string[]).includes(x) }

export interface ExportOptions {
  /** CSV: the section to export (a CSV is one table); the first when absent. */
  section?: string
}

/** Writes the report in `format` to `out` and ends it. */
export async function writeExport(r: ReportResult, format: ExportFormat, out: Writable, o: ExportOptions = {}): Promise<void> {
  if (format === 'csv') {
    await writeCsv(r, (chunk) => (out.write(chunk) ? undefined : new Promise<void>((res) => out.once('drain', () => res()))), o.section)
    await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())))
    return
  }
  // Loaded on first use: a process that never writes a PDF never maps pdfmake, ECharts and the font (tens of MB).
  if (format === 'xlsx') return (await import('./xlsx.ts')).writeXlsx(r, out)
  return (await import('./pdf.ts')).writePdf(r, out)
}

/**
 * A file name for the export that says what is in it: report, (CSV) section, period, interval,
 * the queues, teams, agents and channels it was filtered to (a few, then "+N"), language.
 */
export function exportFileName(r: ReportResult, format: ExportFormat, o: ExportOptions = {}): string {
  const day = (t: number): string => new TZDate(t, r.timeZone).toISOString().slice(0, 10)
  const f = r.filters
  const lastDay = day(Math.max(f.from, f.to - 1))
  const period = lastDay === day(f.from) ? day(f.from) : `${day(f.from)}_${lastDay}`
  const list = (xs: string[]): string[] => (xs.length > 3 ? [...xs.slice(0, 3), `+${xs.length - 3}`] : xs)
  const section = format === 'csv' && r.sections.length > 1 ? [csvSection(r, o.section).id] : []
  const parts = [r.report, ...section, period, f.interval, ...list(f.queues), ...list(f.teams), ...list(f.agents), ...list(f.channels), r.locale]
  return `agner-${parts.map((p) => p.replace(/[^A-Za-z0-9_.@+-]/g, '-')).join('-')}.${format}`
}

export { csvString } from './csv.ts'
export { durationText, display, plain } from './format.ts'
