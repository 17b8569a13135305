/** Report exports: CSV, Excel and PDF, all from the same ReportResult. */
import type { Writable } from 'node:stream'
import type { ReportResult } from '../reports/types.ts'
import { writeCsv } from './csv.ts'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

export function isExportFormat(x: unknown): x is ExportFormat { return typeof x === 'string' && (EXPORT_FORMATS as readonly string[]).includes(x) }

/** Writes the report in `format` to `out` and ends it. */
export async function writeExport(r: ReportResult, format: ExportFormat, out: Writable): Promise<void> {
  if (format === 'csv') {
    await writeCsv(r, (chunk) => (out.write(chunk) ? undefined : new Promise<void>((res) => out.once('drain', () => res()))))
    await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())))
    return
  }
  // Loaded on first use: a process that never writes a PDF never maps pdfmake, ECharts and the font (tens of MB).
  if (format === 'xlsx') return (await import('./xlsx.ts')).writeXlsx(r, out)
  return (await import('./pdf.ts')).writePdf(r, out)
}

/** A file name for the export: report, period start, language. */
export function exportFileName(r: ReportResult, format: ExportFormat): string {
  const day = new Date(r.filters.from).toISOString().slice(0, 10)
  return `agner-${r.report}-${day}-${r.locale}.${format}`
}

export { csvString } from './csv.ts'
export { durationText, display, plain } from './format.ts'
