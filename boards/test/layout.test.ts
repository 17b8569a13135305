/** Board layouts: the default renders, and every kind of bad import is refused with a sentence. */
import { describe, expect, it } from 'vitest'
import { checkLayout, defaultLayout, LayoutError } from '../src/index.ts'

const known = (q: string): boolean => ['sales', 'vip'].includes(q)
const withWidget = (w: object) => ({ version: 1, pages: [{ id: 'p', widgets: [{ id: 'a', x: 0, y: 0, w: 2, h: 2, ...w }] }] })
const refusal = (input: unknown): string => {
  try { checkLayout(input, known); return 'accepted' } catch (e) { expect(e).toBeInstanceOf(LayoutError); return (e as Error).message }
}

describe('checkLayout', () => {
  it('accepts the default board and a board as JSON text', () => {
    expect(checkLayout(defaultLayout(), known).pages[0]!.widgets.length).toBeGreaterThan(8)
    expect(checkLayout(JSON.stringify(defaultLayout()), known).version).toBe(1)
  })

  it('refuses what cannot render, naming the problem', () => {
    expect(refusal('{"version": 1, "pages": [')).toBe('The board is not valid JSON; export a board to see the expected shape.')
    expect(refusal([])).toBe('A board must be a JSON object with "version": 1 and "pages".')
    expect(refusal({ version: 2, pages: [] })).toBe('"version" must be 1, got 2.')
    expect(refusal({ version: 1, pages: [] })).toBe('"pages" must list 1 to 20 pages.')
    expect(refusal(withWidget({ type: 'pie' }))).toMatch(/^Page 1, widget 1 \("a"\): "type" must be one of kpi, queue-table/)
    expect(refusal(withWidget({ type: 'kpi', metric: 'happiness' }))).toMatch(/there is no metric "happiness"; use one of waiting, longestWait/)
    expect(refusal(withWidget({ type: 'kpi' }))).toBe('Page 1, widget 1 ("a"): a kpi widget needs a "metric".')
    expect(refusal(withWidget({ type: 'kpi', metric: 'waiting', queues: ['sales', 'billing'] }))).toBe('Page 1, widget 1 ("a") shows queue "billing", which is not one of this board\'s queues.')
    expect(refusal(withWidget({ type: 'clock', x: 11 }))).toMatch(/must sit on the 12 × 12 grid/)
    expect(refusal(withWidget({ type: 'kpi', metric: 'serviceLevel', thresholds: { amber: 70, red: 80 } }))).toBe('Page 1, widget 1 ("a"): for serviceLevel, lower is worse, so "red" (80) must be at most "amber" (70).')
    expect(refusal(withWidget({ type: 'kpi', metric: 'waiting', thresholds: { amber: 10, red: 5 } }))).toMatch(/higher is worse, so "red" \(5\) must be at least "amber" \(10\)/)
    expect(refusal(withWidget({ type: 'trend', metric: 'waiting' }))).toMatch(/a trend shows one of offered, answered/)
    expect(refusal(withWidget({ type: 'banner' }))).toMatch(/a banner needs "text"/)
    expect(refusal({ version: 1, pages: [{ id: 'p', widgets: [{ id: 'a', type: 'clock', x: 0, y: 0, w: 2, h: 2 }, { id: 'b', type: 'clock', x: 1, y: 1, w: 2, h: 2 }] }] }))
      .toBe('Page 1: widgets "a" and "b" overlap; move or resize one.')
    expect(refusal({ version: 1, rotateSeconds: 2, pages: [{ id: 'p', widgets: [] }] })).toBe('"rotateSeconds" must be 0 (no rotation) or 5–3600 seconds.')
  })
})
