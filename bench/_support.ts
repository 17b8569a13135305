/** Shared helpers for benchmarks: fixtures, timing, percentiles, RSS. */
import type { CanonicalEvent } from '@agner/events'
import { TrafficModel, trafficForRate } from '@agner/telephony'

/** `n` lifecycle-consistent events of a busy center, generated in virtual time (yesterday). */
export function fixture(n: number, queues = 50, seed = 11): CanonicalEvent[] {
  const start = Date.now() - 86_400_000
  const model = new TrafficModel(trafficForRate({ eventsPerSecond: 2000, queues, seed }), start)
  const out: CanonicalEvent[] = []
  for (let t = start; out.length < n; t += 10_000) out.push(...model.advance(t))
  return out.slice(0, n)
}

export const rate = (n: number, ms: number): number => Math.round(n / (ms / 1000))
export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`
/** Peak resident set size of this process so far. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
