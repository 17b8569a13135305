// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pdfmake ships no types; this declaration must reach every package that compiles this file
/// <reference path="./pdfmake.d.ts" />
/**
 * PDF with pdfmake: title, filters, period and generated-at; the chart (ECharts SSR SVG); each
 * section as a table whose header repeats on every page; totals in bold; notes; "Page n / N".
 * Text is set in Noto Sans SC (SIL Open Font License, from the npm package
 * @expo-google-fonts/noto-sans-sc), which covers Chinese and Latin, embedded as a subset.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import pdfmake from 'pdfmake'
import type { ReportResult, Row, Section } from '../reports/types.ts'
import { labels } from '../reports/labels.ts'
import { chartSvg } from './chart-svg.ts'
import { display } from './format.ts'
import { sectionRows } from './rows.ts'

const FONT_DIR = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'))
export const PDF_FONT_FILES = {
  normal: join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
}
const FONT_FILES = new Set(Object.values(PDF_FONT_FILES))

pdfmake.setFonts({ NotoSansSC: { normal: PDF_FONT_FILES.normal, bold: PDF_FONT_FILES.bold, italics: PDF_FONT_FILES.normal, bolditalics: PDF_FONT_FILES.bold } })
// Documents are built from Agner's own data: no URL is ever fetched, and only the font files are read.
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path))

/** Rows a PDF holds per section: a PDF is for reading; the full list belongs in Excel or CSV. */
export const PDF_MAX_ROWS = 5000

export async function pdfDocument(r: ReportResult): Promise<Record<string, unknown>> {
  const tr = labels(r.locale)
  const wide = Math.max(...r.sections.map((s) => s.columns.length)) > 8
  const pageWidth = (wide ? 842 : 595) - 80
  const content: unknown[] = [
    { text: r.title, style: 'title' },
    {
      table: { widths: ['auto', '*'], body: r.filterText.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: 'noBorders', fontSize: 8, margin: [0, 4, 0, 10],
    },
  ]
  if (r.chart && r.chart.categories.length > 0) {
    content.push({ svg: chartSvg(r.chart, pageWidth, 220, 'NotoSansSC'), width: pageWidth, margin: [0, 0, 0, 10] })
  }
  for (const s of r.sections) content.push(...(await sectionTable(r, s, pageWidth)))
  if (r.notes.length) content.push({ ul: r.notes, fontSize: 7, color: '#555555', margin: [0, 10, 0, 0] })
  return {
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [40, 40, 40, 40],
    info: { title: r.title, creator: 'Agner', producer: 'Agner' },
    defaultStyle: { font: 'NotoSansSC', fontSize: 8 },
    styles: { title: { fontSize: 16, bold: true }, section: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] }, header: { bold: true, color: '#ffffff', fillColor: '#1f4e79' } },
    content,
    footer: (page: number, pages: number) => ({ text: `${r.title} · ${tr('page')} ${page} / ${pages}`, alignment: 'center', fontSize: 7, color: '#777777', margin: [0, 10, 0, 0] }),
  }
}

async function sectionTable(r: ReportResult, s: Section, pageWidth: number): Promise<unknown[]> {
  const cell = (row: Row, bold: boolean): unknown[] => s.columns.map((c) => ({
    text: display(row[c.key], c, r.timeZone), bold, alignment: c.kind === 'text' || c.kind === 'datetime' ? 'left' : 'right',
  }))
  const body: unknown[][] = [s.columns.map((c) => ({ text: c.label, style: 'header' }))]
  let n = 0
  for await (const row of sectionRows(s)) {
    if (++n > PDF_MAX_ROWS) break
    body.push(cell(row, false))
  }
  if (s.totals) body.push(cell(s.totals, true))
  const out: unknown[] = []
  if (r.sections.length > 1) out.push({ text: s.title, style: 'section' })
  const fontSize = s.columns.length > 12 ? 6 : s.columns.length > 9 ? 7 : 8
  out.push({
    table: { headerRows: 1, dontBreakRows: true, widths: s.columns.map((c, i) => (i === 0 ? '*' : c.kind === 'datetime' ? 70 : 'auto')), body },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, hLineColor: () => '#cccccc', fillColor: (i: number) => (i > 0 && i % 2 === 0 ? '#f3f6fa' : null) },
    fontSize, maxWidth: pageWidth,
  })
  if (n > PDF_MAX_ROWS) out.push({ text: `… ${PDF_MAX_ROWS.toLocaleString('en-US')}+`, italics: true, fontSize: 7 })
  return out
}

export async function writePdf(r: ReportResult, out: NodeJS.WritableStream): Promise<void> {
  const doc = pdfmake.createPdf(await pdfDocument(r))
  const stream = await doc.getStream()
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve())
    stream.on('error', reject)
    out.on('error', reject)
    stream.pipe(out)
    stream.end()
  })
}
