/** What every report returns: titled sections of typed columns, an optional chart, the filters used. */
import type { ReportFilters } from './filters.ts'

export type ColumnKind = 'text' | 'int' | 'number' | 'pct' | 'duration' | 'datetime'
export type Cell = string | number | null
export type Row = Record<string, Cell>

export interface Column {
  key: string
  label: string
  kind: ColumnKind
  /** The metric's formula in words (hover text, report footnote). */
  formula?: string
}

export interface Section {
  id: string
  title: string
  columns: Column[]
  rows: Row[]
  /**
   * Large exports: rows read from the store as they are written (then `rows` is empty), so an
   * export of 100,000 contacts never holds them all.
   */
  stream?: () => AsyncIterable<Row>
  /** Sums and ratios of sums (never averages of percentages); absent when meaningless. */
  totals?: Row
  /** A section read a page at a time (the contact list): where these rows sit in the whole. */
  page?: { offset: number; limit: number; total: number; sort: string }
}

export interface ChartSeries { name: string; type: 'bar' | 'line'; data: Array<number | null>; axis: 0 | 1 }
export interface ChartSpec {
  categories: string[]
  series: ChartSeries[]
  /** Left axis, right axis. */
  axes: Array<{ name: string; kind: ColumnKind }>
}

export type Locale = 'en' | 'zh-CN'

export interface ReportResult {
  report: string
  title: string
  locale: Locale
  timeZone: string
  filters: ReportFilters
  /** The filters in words, label then value, for the top of every export. */
  filterText: Array<[string, string]>
  generatedAt: number
  sections: Section[]
  chart?: ChartSpec
  /** Footnotes: metric formulas and attribution rules. */
  notes: string[]
}
