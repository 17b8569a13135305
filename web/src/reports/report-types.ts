/** What GET /api/reports/:name answers (analytics' ReportResult, over HTTP). */
export type ColumnKind = 'text' | 'int' | 'number' | 'pct' | 'duration' | 'datetime'
export type Cell = string | number | null
export type Row = Record<string, Cell>
export interface Column { key: string; label: string; kind: ColumnKind; formula?: string }
export interface Section { id: string; title: string; columns: Column[]; rows: Row[]; totals?: Row; page?: { offset: number; limit: number; total: number; sort: string } }
export interface ChartSpec { categories: string[]; series: Array<{ name: string; type: 'bar' | 'line'; data: Array<number | null>; axis: 0 | 1 }>; axes: Array<{ name: string; kind: ColumnKind }> }
export interface ReportResult {
  report: string; title: string; timeZone: string; filterText: Array<[string, string]>; generatedAt: number
  filters: { from: number; to: number; interval: string; queues: string[] }
  sections: Section[]; chart?: ChartSpec; notes: string[]
}
export interface ReportCatalog {
  reports: string[]; intervals: string[]; formats: string[]; outcomes: string[]
  queues: Array<{ id: string; name: string }>; teams: Array<{ id: string; name: string }>; agents: Array<{ id: string; name: string }>
}
