/**
 * CSV: one table, its header on line 1, so it imports into other tools as it is. UTF-8 with a
 * byte-order mark (so Excel opens Chinese correctly), CRLF line ends, RFC 4180 quoting. A report
 * with several sections exports one of them (the first unless `section` names another); the
 * filters are in the file name (exportFileName), the totals and notes in the Excel and PDF files.
 * Written line by line to any sink, so a large contact list is never held as one string.
 */
import type { ReportResult, Row, Section } from '../reports/types.ts'
import { plain, plainHeader } from './format.ts'
import { sectionRows } from './rows.ts'

const quote = (s: string): string => (/[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s)
const line = (cells: string[]): string => `${cells.map(quote).join(',')}\r\n`

/** The section a CSV holds: the one named, else the first. */
export function csvSection(r: ReportResult, section?: string): Section {
  return r.sections.find((s) => s.id === section) ?? r.sections[0]!
}

export async function writeCsv(r: ReportResult, write: (chunk: string) => void | Promise<void>, section?: string): Promise<void> {
  const s = csvSection(r, section)
  await write(`\uFEFF${line(s.columns.map(plainHeader))}`)
  const cells = (row: Row): string[] => s.columns.map((c) => plain(row[c.key], c, r.timeZone))
  for await (const row of sectionRows(s)) await write(line(cells(row)))
}

export async function csvString(r: ReportResult, section?: string): Promise<string> {
  let out = ''
  await writeCsv(r, (c) => { out += c }, section)
  return out
}
