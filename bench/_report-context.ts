/** The report context and clock shared by bench/reports.ts and its export process. */
import type { ReportContext, Store } from '../analytics/src/index.ts'

export const DAY = 86_400_000
export const END = Date.UTC(2026, 10, 1) // 2026-11-01 00:00 UTC
export const TZ = 'UTC'

export const ctx = (store: Store): ReportContext => ({
  client: store.client, tenant: 'default', timeZone: TZ, locale: 'en', pii: false, now: END,
  queue: (id) => ({ name: `Queue ${id}`, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', flowOutsInDenominator: false }),
  agentName: (id) => `Agent ${id}`,
})

export async function timeIt<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const r = await f()
  return [r, performance.now() - t0]
}
