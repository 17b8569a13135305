/**
 * CSV: UTF-8 with a byte-order mark (so Excel opens Chinese correctly), CRLF line ends, RFC 4180
 * quoting. The title and filters first, then each section: its title, header, rows and totals.
 * Written line by line to any sink, so a large contact list is never held as one string.
 */
import type { ReportResult, Row, Section } from '../reports/types.ts'
import { plain, plainHeader } from './format.ts'
import { sectionRows } from './rows.ts'

const quote = (s: string): string => (/[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s)
const line = (cells: string[]): string => `${cells.map(quote).join(',')}\r\n`

export async function writeCsv(r: ReportResult, write: (chunk: string) => void | Promise<void>): Promise<void> {
  await write(`\uFEFF${line([r.title])}`)
  for (const [k, v] of r.filterText) await write(line([k, v]))
  for (const s of r.sections) await writeSection(r, s, write)
  if (r.notes.length) await write(line([]))
  for (const n of r.notes) await write(line([n]))
}

async function writeSection(r: ReportResult, s: Section, write: (chunk: string) => void | Promise<void>): Promise<void> {
  await write(line([]))
  if (r.sections.length > 1) await write(line([s.title]))
  await write(line(s.columns.map(plainHeader)))
  const cells = (row: Row): string[] => s.columns.map((c) => plain(row[c.key], c, r.timeZone))
  for await (const row of sectionRows(s)) await write(line(cells(row)))
  if (s.totals) await write(line(cells(s.totals)))
}

export async function csvString(r: ReportResult): Promise<string> {
  let out = ''
  await writeCsv(r, (c) => { out += c })
  return out
}
