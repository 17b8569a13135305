/** Shared helpers for benchmarks: fixtures, timing, percentiles, RSS. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

/** The repository root (found through a package: benchmarks run compiled from node_modules/.cache). */
export const ROOT = join(dirname(createRequire(import.meta.url).resolve('@agner/analytics/package.json')), '..')

/** Node's flags for Agner processes, as bin/compile.mjs's NODE_FLAGS (not imported: that would load esbuild here). */
export const NODE_FLAGS = ['--max-semi-space-size=4']

/**
 * Node arguments that run the benchmark script `name` (e.g. `_ingest-pipeline`) in a child process:
 * its compiled file when this benchmark runs compiled (`npm run bench`), else through tsx.
 */
export function benchScript(name: string): string[] {
  const here = dirname(fileURLToPath(import.meta.url))
  return import.meta.url.endsWith('.ts') ? ['--import', 'tsx', join(here, `${name}.ts`)] : [...NODE_FLAGS, join(here, `${name}.js`)]
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


export interface MemorySample { rss: number; anon: number; file: number; heap: number; external: number }

/** This process's memory now: RSS split into anonymous and file-backed pages (/proc), V8 heap, external buffers. */
export function memoryNow(): MemorySample {
  const status = readFileSync('/proc/self/status', 'utf8')
  const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
  const m = process.memoryUsage()
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem'), heap: m.heapTotal, external: m.external + m.arrayBuffers }
}

/** Samples memoryNow() every `everyMs` until stopped; returns the sample with the largest RSS. */
export function sampleMemory(everyMs = 20): { stop: () => MemorySample } {
  let peak = memoryNow()
  const t = setInterval(() => { const s = memoryNow(); if (s.rss > peak.rss) peak = s }, everyMs)
  return { stop: () => { clearInterval(t); const s = memoryNow(); return s.rss > peak.rss ? s : peak } }
}

export const memText = (s: MemorySample): string =>
  `${mb(s.rss)} (anonymous ${mb(s.anon)}, file-backed ${mb(s.file)}; V8 heap ${mb(s.heap)}, buffers ${mb(s.external)})`
