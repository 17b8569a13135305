/**
 * A wallboard's layout as JSON: pages of widgets on a 12 × 12 grid, each widget with its queues
 * (or the board's), metric, window and thresholds; a page rotation timer; alert settings.
 * `checkLayout` accepts only a layout that can render, naming the first problem in one sentence
 * (malformed JSON, an unknown widget type, metric or queue, a widget off the grid, overlapping
 * widgets, thresholds in the wrong order). Pure.
 */
import { SaidError } from '@agner/events/sentences'
import { sayLayout } from './layout-sayings.ts'
import { isMetric, METRICS, WINDOWS, type MetricId, type Thresholds, type Window } from './metrics.ts'

export const GRID = { columns: 12, rows: 12 } as const
export const WIDGET_TYPES = ['kpi', 'queue-table', 'agent-grid', 'waiting-list', 'sl-gauge', 'trend', 'clock', 'banner'] as const
export type WidgetType = (typeof WIDGET_TYPES)[number]
export const TREND_METRICS = ['offered', 'answered', 'abandoned', 'serviceLevel', 'asa', 'aht'] as const satisfies readonly MetricId[]

export interface Widget {
  id: string
  type: WidgetType
  /** Grid cell of the top-left corner (0-based) and size in cells. */
  x: number
  y: number
  w: number
  h: number
  title?: string
  /** Queues shown; empty or absent: all the board's queues. */
  queues?: string[]
  /** kpi, sl-gauge (serviceLevel), trend. */
  metric?: MetricId
  window?: Window
  thresholds?: Thresholds
  /** banner: the announcement. */
  text?: string
  level?: 'info' | 'warning' | 'alert'
}

export interface BoardPage { id: string; title?: string; widgets: Widget[] }

export interface BoardLayout {
  version: 1
  theme?: 'dark' | 'light'
  /** Seconds each page shows before the next (0: no rotation). */
  rotateSeconds?: number
  alerts?: { mute?: boolean; minGapSeconds?: number }
  pages: BoardPage[]
}

/** A refused layout: its sentence in both languages (SaidError). */
export class LayoutError extends SaidError {}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isInt = (x: unknown, lo: number, hi: number): x is number => Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** Parses and checks a layout (text or parsed JSON) against the queues the board may show. */
export function checkLayout(input: unknown, knownQueue: (id: string) => boolean): BoardLayout {
  let raw = input
  if (typeof input === 'string') {
    try { raw = JSON.parse(input) } catch { throw new LayoutError(sayLayout('notJson')) }
  }
  if (!isObj(raw)) throw new LayoutError(sayLayout('notObject'))
  if (raw.version !== 1) throw new LayoutError(sayLayout('version', { got: String(JSON.stringify(raw.version)).slice(0, 40) }))
  if (raw.theme !== undefined && raw.theme !== 'dark' && raw.theme !== 'light') throw new LayoutError(sayLayout('theme'))
  if (raw.rotateSeconds !== undefined && !(raw.rotateSeconds === 0 || isInt(raw.rotateSeconds, 5, 3600))) throw new LayoutError(sayLayout('rotate'))
  if (raw.alerts !== undefined) {
    const a = raw.alerts
    if (!isObj(a) || (a.mute !== undefined && typeof a.mute !== 'boolean') || (a.minGapSeconds !== undefined && !isInt(a.minGapSeconds, 0, 3600))) {
      throw new LayoutError(sayLayout('alerts'))
    }
  }
  if (!Array.isArray(raw.pages) || raw.pages.length === 0 || raw.pages.length > 20) throw new LayoutError(sayLayout('pages'))
  const pageIds = new Set<string>()
  raw.pages.forEach((p: unknown, i: number) => {
    if (!isObj(p) || typeof p.id !== 'string' || !p.id) throw new LayoutError(sayLayout('pageId', { page: i + 1 }))
    if (pageIds.has(p.id)) throw new LayoutError(sayLayout('pageTwice', { id: p.id.slice(0, 64) }))
    pageIds.add(p.id)
    if (p.title !== undefined && (typeof p.title !== 'string' || p.title.length > 120)) throw new LayoutError(sayLayout('pageTitle', { page: i + 1 }))
    if (!Array.isArray(p.widgets) || p.widgets.length > 60) throw new LayoutError(sayLayout('widgets', { page: i + 1 }))
    const ids = new Set<string>()
    const cells = new Map<string, string>()
    p.widgets.forEach((w: unknown, j: number) => {
      checkWidget(w, i + 1, j + 1, knownQueue)
      const widget = w as Widget
      if (ids.has(widget.id)) throw new LayoutError(sayLayout('widgetTwice', { page: i + 1, id: widget.id }))
      ids.add(widget.id)
      for (let x = widget.x; x < widget.x + widget.w; x++) {
        for (let y = widget.y; y < widget.y + widget.h; y++) {
          const other = cells.get(`${x},${y}`)
          if (other) throw new LayoutError(sayLayout('overlap', { page: i + 1, a: other, b: widget.id }))
          cells.set(`${x},${y}`, widget.id)
        }
      }
    })
  })
  return raw as unknown as BoardLayout
}

function checkWidget(w: unknown, page: number, widget: number, knownQueue: (id: string) => boolean): void {
  if (!isObj(w)) throw new LayoutError(sayLayout('widgetObject', { page, widget }))
  if (typeof w.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(w.id)) throw new LayoutError(sayLayout('widgetId', { page, widget }))
  // Where, in both languages, for every sentence below.
  const where = { at: `Page ${page}, widget ${widget} ("${w.id}")`, atZh: `第 ${page} 页第 ${widget} 个组件（“${w.id}”）` }
  if (!(WIDGET_TYPES as readonly unknown[]).includes(w.type)) throw new LayoutError(sayLayout('type', { ...where, types: WIDGET_TYPES.join(', '), got: String(JSON.stringify(w.type)).slice(0, 40) }))
  if (!isInt(w.x, 0, GRID.columns - 1) || !isInt(w.y, 0, GRID.rows - 1) || !isInt(w.w, 1, GRID.columns) || !isInt(w.h, 1, GRID.rows) ||
      (w.x as number) + (w.w as number) > GRID.columns || (w.y as number) + (w.h as number) > GRID.rows) {
    throw new LayoutError(sayLayout('grid', { ...where, cols: GRID.columns, rows: GRID.rows }))
  }
  if (w.title !== undefined && (typeof w.title !== 'string' || w.title.length > 120)) throw new LayoutError(sayLayout('title', where))
  if (w.queues !== undefined) {
    if (!Array.isArray(w.queues) || !w.queues.every((q) => typeof q === 'string')) throw new LayoutError(sayLayout('queues', where))
    const unknown = w.queues.find((q) => !knownQueue(q as string))
    if (unknown !== undefined) throw new LayoutError(sayLayout('queueUnknown', { ...where, queue: String(unknown).slice(0, 64) }))
  }
  if (w.window !== undefined && !(WINDOWS as readonly unknown[]).includes(w.window)) throw new LayoutError(sayLayout('window', { ...where, windows: WINDOWS.join(', ') }))
  const needsMetric = w.type === 'kpi' || w.type === 'trend'
  if (needsMetric && w.metric === undefined) throw new LayoutError(sayLayout('needsMetric', { ...where, type: String(w.type) }))
  if (w.metric !== undefined && !isMetric(w.metric)) throw new LayoutError(sayLayout('metric', { ...where, metric: String(w.metric).slice(0, 40), metrics: Object.keys(METRICS).join(', ') }))
  if (w.type === 'trend' && !(TREND_METRICS as readonly unknown[]).includes(w.metric)) throw new LayoutError(sayLayout('trendMetric', { ...where, metrics: TREND_METRICS.join(', ') }))
  if (w.type === 'sl-gauge' && w.metric !== undefined && w.metric !== 'serviceLevel') throw new LayoutError(sayLayout('gaugeMetric', where))
  if (w.thresholds !== undefined) {
    const t = w.thresholds
    if (!isObj(t) || !isNum(t.amber) || !isNum(t.red) || (t.flash !== undefined && typeof t.flash !== 'boolean') || (t.sound !== undefined && typeof t.sound !== 'boolean')) {
      throw new LayoutError(sayLayout('thresholds', where))
    }
    const metric = (w.metric ?? (w.type === 'sl-gauge' ? 'serviceLevel' : undefined)) as MetricId | undefined
    if (metric) {
      const bad = METRICS[metric].bad
      if (bad === 'high' && t.red < t.amber) throw new LayoutError(sayLayout('higherWorse', { ...where, metric, red: t.red, amber: t.amber }))
      if (bad === 'low' && t.red > t.amber) throw new LayoutError(sayLayout('lowerWorse', { ...where, metric, red: t.red, amber: t.amber }))
    }
  }
  if (w.type === 'banner' && (typeof w.text !== 'string' || w.text.length > 500)) throw new LayoutError(sayLayout('banner', where))
  if (w.level !== undefined && !['info', 'warning', 'alert'].includes(String(w.level))) throw new LayoutError(sayLayout('level', where))
}

/**
 * A new board's first page: the service level, KPIs, clock, waiting contacts, the queue table and
 * the trend in the top eight rows, the bottom four left free for what the supervisor adds.
 */
export function starterLayout(): BoardLayout {
  const full = defaultLayout()
  return { ...full, pages: full.pages.map((p) => ({ ...p, widgets: p.widgets.filter((w) => w.y + w.h <= 8) })) }
}

/** A sensible first board for a set of queues: KPIs, the queue table, agents, waiting contacts, trend. */
export function defaultLayout(): BoardLayout {
  return {
    version: 1, theme: 'dark', rotateSeconds: 0, alerts: { mute: false, minGapSeconds: 60 },
    pages: [{
      id: 'main', title: '',
      widgets: [
        { id: 'sl', type: 'sl-gauge', x: 0, y: 0, w: 3, h: 4, metric: 'serviceLevel', window: 'today', thresholds: { amber: 80, red: 70, flash: true, sound: true } },
        { id: 'waiting', type: 'kpi', x: 3, y: 0, w: 2, h: 2, metric: 'waiting', thresholds: { amber: 5, red: 10, flash: true, sound: true } },
        { id: 'longest', type: 'kpi', x: 5, y: 0, w: 2, h: 2, metric: 'longestWait', thresholds: { amber: 60, red: 120, flash: true } },
        { id: 'asa', type: 'kpi', x: 3, y: 2, w: 2, h: 2, metric: 'asa', window: 'today', thresholds: { amber: 20, red: 40 } },
        { id: 'abandon', type: 'kpi', x: 5, y: 2, w: 2, h: 2, metric: 'abandonRate', window: 'today', thresholds: { amber: 5, red: 10 } },
        { id: 'clock', type: 'clock', x: 7, y: 0, w: 2, h: 2 },
        { id: 'ready', type: 'kpi', x: 7, y: 2, w: 2, h: 2, metric: 'agentsReady' },
        { id: 'waiting-list', type: 'waiting-list', x: 9, y: 0, w: 3, h: 4 },
        { id: 'queues', type: 'queue-table', x: 0, y: 4, w: 7, h: 4, window: 'today' },
        { id: 'trend', type: 'trend', x: 7, y: 4, w: 5, h: 4, metric: 'offered' },
        { id: 'agents', type: 'agent-grid', x: 0, y: 8, w: 12, h: 3 },
        { id: 'banner', type: 'banner', x: 0, y: 11, w: 12, h: 1, text: '', level: 'info' },
      ],
    }],
  }
}
