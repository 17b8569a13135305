/**
 * The wait a caller in line is told: their place × the queue's average handle time today ÷ the
 * agents logged in to the queue (at least one). Honest and simple; a wait under a minute is
 * rounded up to a minute by the widget. Pure.
 */
export const DEFAULT_AHT_MS = 180_000

export function expectedWaitMs(position: number, ahtMs: number | undefined, agentsLoggedIn: number): number {
  const aht = ahtMs && ahtMs > 0 ? ahtMs : DEFAULT_AHT_MS
  return Math.round((Math.max(1, position) * aht) / Math.max(1, agentsLoggedIn))
}
