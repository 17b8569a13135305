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

/**
 * The events of `template` re-issued for round `round`: fresh event ids and contact ids, the same
 * lifecycles. Lets a benchmark push millions of events while holding only the template in memory.
 */
export function reissue(template: readonly CanonicalEvent[], round: number): CanonicalEvent[] {
  if (round === 0) return template as CanonicalEvent[]
  const tag = `:${round}`
  return template.map((e) => {
    const copy = { ...e, id: e.id + tag } as CanonicalEvent & { contactId?: string; interactionId?: string }
    if (e.contactId) { copy.contactId = e.contactId + tag; copy.interactionId = e.contactId + tag }
    return copy
  })
}

/** Calls `f` with consecutive chunks of `total` events built from the template. */
export function* chunks(template: readonly CanonicalEvent[], total: number, size: number): Generator<CanonicalEvent[]> {
  let sent = 0
  for (let round = 0; sent < total; round++) {
    const events = reissue(template, round)
    for (let i = 0; i < events.length && sent < total; i += size) {
      const chunk = events.slice(i, Math.min(i + size, i + total - sent))
      sent += chunk.length
      yield chunk
    }
  }
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

/** Samples this process's RSS every 25 ms until stopped; returns the largest sample. */
export function sampleRss(): { stop: () => number } {
  let max = process.memoryUsage().rss
  const t = setInterval(() => { max = Math.max(max, process.memoryUsage().rss) }, 25)
  return { stop: () => { clearInterval(t); return Math.max(max, process.memoryUsage().rss) } }
}
