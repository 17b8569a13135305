/**
 * Excel: a sheet per section, streamed (exceljs WorkbookWriter: each row is committed and
 * released as it is written). On each sheet: the report title, the filters used, then a styled
 * header row that stays frozen with an autofilter, typed cells (numbers, percentages, durations as
 * [h]:mm:ss, date-times in the center's zone) and a bold totals row.
 */
import type { Writable } from 'node:stream'
import { TZDate } from '@date-fns/tz'
import ExcelJS from 'exceljs'
import type { Cell, Column, ReportResult, Row, Section } from '../reports/types.ts'
import { sectionRows } from './rows.ts'

const DAY_MS = 86_400_000
const NUM_FMT: Record<Column['kind'], string | undefined> = {
  text: undefined, int: '#,##0', number: '0.00', pct: '0.0%', duration: '[h]:mm:ss', datetime: 'yyyy-mm-dd hh:mm:ss',
}
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FF1F4E79' } }
const FONT = 'Microsoft YaHei'

/** A cell value as Excel should store it: durations as fractions of a day, times as local wall time. */
export function excelValue(v: Cell | undefined, c: Column, timeZone: string): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'string') return v
  if (c.kind === 'duration') return v / DAY_MS
  if (c.kind === 'datetime') {
    const d = new TZDate(v, timeZone)
    return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()))
  }
  return v
}

const PERIOD_COLUMN: Column = { key: 'period', label: '', kind: 'datetime' }
/** How a period's start date reads in Excel for each report interval. */
function periodFormat(interval: string): string {
  if (interval === 'month') return 'yyyy-mm'
  if (interval === 'day' || interval === 'week') return 'yyyy-mm-dd'
  return 'yyyy-mm-dd hh:mm'
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet'
  let name = base
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`
  used.add(name)
  return name
}

export async function writeXlsx(r: ReportResult, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Agner'
  wb.created = new Date(r.generatedAt)
  const used = new Set<string>()
  for (const s of r.sections) await writeSheet(wb, r, s, sheetName(r.sections.length > 1 ? `${s.title}` : r.title, used))
  await wb.commit()
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: ReportResult, s: Section, name: string): Promise<void> {
  const headerRow = r.filterText.length + 3
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }],
    // Printed: landscape, one page wide, the header row repeated on every page.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
  })
  ws.columns = s.columns.map((c) => ({ key: c.key, width: c.kind === 'text' ? 22 : c.kind === 'datetime' ? 20 : 14 }))
  const title = ws.addRow([`${r.title}${r.sections.length > 1 ? ` — ${s.title}` : ''}`])
  title.font = { name: FONT, bold: true, size: 14 }
  title.commit()
  for (const [k, v] of r.filterText) {
    const row = ws.addRow([k, v])
    row.font = { name: FONT, size: 10, color: { argb: 'FF555555' } }
    row.commit()
  }
  ws.addRow([]).commit()
  const header = ws.addRow(s.columns.map((c) => c.label))
  header.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.height = 30
  s.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.fill = HEADER_FILL
    if (c.formula) cell.note = c.formula
  })
  header.commit()
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: s.columns.length } }
  // One style object per column, shared by every cell in it: exceljs then registers each style
  // once (it caches by object), instead of serialising a fresh style for each of 100,000s of cells.
  const styleOf = (c: Column, bold: boolean): Partial<ExcelJS.Style> => ({
    ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}),
    font: { name: FONT, bold },
    ...(bold ? { border: { top: { style: 'thin' as const } } } : {}),
  })
  // The period column holds real dates (its bucket's start), shown as the interval reads.
  const periodStyle = (bold: boolean): Partial<ExcelJS.Style> => ({ ...styleOf(PERIOD_COLUMN, bold), numFmt: periodFormat(r.filters.interval) })
  const plain = s.columns.map((c) => (c.key === 'period' ? periodStyle(false) : styleOf(c, false)))
  const totals = s.columns.map((c) => styleOf(c, true))
  const value = (row: Row, c: Column): ReturnType<typeof excelValue> =>
    c.key === 'period' && typeof row.periodStart === 'number' ? excelValue(row.periodStart, PERIOD_COLUMN, r.timeZone) : excelValue(row[c.key], c, r.timeZone)
  const put = (row: Row, styles: Array<Partial<ExcelJS.Style>>): void => {
    const xr = ws.addRow(s.columns.map((c) => value(row, c)))
    for (let i = 0; i < styles.length; i++) xr.getCell(i + 1).style = styles[i]!
    xr.commit()
  }
  let n = 0
  for await (const row of sectionRows(s)) {
    put(row, plain)
    // Rows of a page arrive as microtasks: without a turn of the event loop every few hundred
    // rows, writing a 20,000-row page would hold up the server's live frames and compression.
    if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  if (s.totals) put(s.totals, totals)
  if (r.notes.length) {
    ws.addRow([]).commit()
    for (const n of r.notes) { const nr = ws.addRow([n]); nr.font = { name: FONT, italic: true, size: 9 }; nr.commit() }
  }
  ws.commit()
}
