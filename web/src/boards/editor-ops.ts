/**
 * The board editor's operations on a layout, as pure functions: find room for a new widget, move
 * or resize one on the grid without leaving it or covering another, and make new ids.
 */
import { GRID, type BoardPage, type Widget, type WidgetType } from '@agner/boards'

const overlaps = (a: Pick<Widget, 'x' | 'y' | 'w' | 'h'>, b: Pick<Widget, 'x' | 'y' | 'w' | 'h'>): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** Would `box` fit on the page (on the grid, over no other widget than `except`)? */
export function fits(page: BoardPage, box: Pick<Widget, 'x' | 'y' | 'w' | 'h'>, except?: string): boolean {
  if (box.x < 0 || box.y < 0 || box.w < 1 || box.h < 1 || box.x + box.w > GRID.columns || box.y + box.h > GRID.rows) return false
  return page.widgets.every((w) => w.id === except || !overlaps(w, box))
}

/** The first free place for a w × h widget, scanning rows top to bottom; smaller sizes if none. */
export function freeSpot(page: BoardPage, w: number, h: number): { x: number; y: number; w: number; h: number } | undefined {
  for (const [ww, hh] of [[w, h], [Math.max(1, w - 1), h], [w, Math.max(1, h - 1)], [2, 2], [1, 1]] as const) {
    for (let y = 0; y + hh <= GRID.rows; y++) for (let x = 0; x + ww <= GRID.columns; x++) if (fits(page, { x, y, w: ww, h: hh })) return { x, y, w: ww, h: hh }
  }
  return undefined
}

export function newId(page: BoardPage, type: WidgetType): string {
  for (let i = 1; ; i++) { const id = `${type}-${i}`; if (!page.widgets.some((w) => w.id === id)) return id }
}

export const DEFAULT_SIZE: Record<WidgetType, [number, number]> = {
  kpi: [2, 2], 'queue-table': [6, 4], 'agent-grid': [6, 4], 'waiting-list': [3, 4], 'sl-gauge': [3, 3], trend: [5, 4], clock: [2, 2], banner: [12, 1],
}

export function newWidget(page: BoardPage, type: WidgetType): Widget | undefined {
  const [w, h] = DEFAULT_SIZE[type]
  const spot = freeSpot(page, w, h)
  if (!spot) return undefined
  const base: Widget = { id: newId(page, type), type, ...spot }
  if (type === 'kpi') return { ...base, metric: 'waiting', thresholds: { amber: 5, red: 10, flash: true, sound: false } }
  if (type === 'trend') return { ...base, metric: 'offered' }
  if (type === 'sl-gauge') return { ...base, metric: 'serviceLevel', window: 'today', thresholds: { amber: 80, red: 70 } }
  if (type === 'banner') return { ...base, text: '', level: 'info' }
  return base
}

/** Moves or resizes a widget to `box` when it fits there; returns whether it did. */
export function place(page: BoardPage, id: string, box: Pick<Widget, 'x' | 'y' | 'w' | 'h'>): boolean {
  const w = page.widgets.find((x) => x.id === id)
  if (!w || !fits(page, box, id)) return false
  Object.assign(w, box)
  return true
}
