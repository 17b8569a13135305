/**
 * Fills the store with weeks of the demo center's history by running the simulator in virtual
 * time, a quarter day at a time, each piece inserted before the next is simulated. History runs
 * from midnight N weeks ago up to the present moment, so today's live figures, trend and reports
 * already hold today's traffic when the live demo takes over.
 */
import type { CanonicalEvent } from '@agner/events'
import { eventToRow, insertEventRows, rebuildRollups, type Store } from '@agner/analytics'
import { demoHistoryScenario } from '@agner/seeds'
import { createSimulation } from '@agner/telephony'
import { startOfDayIn, utcOffsetHours } from './live/day.ts'

export interface SeedResult { weeks: number; from: number; to: number; contacts: number; events: number; wallMs: number }

const DAY = 86_400_000
const BATCH = 50_000

export async function seedHistory(store: Store, o: { tenant: string; timeZone: string; weeks: number; now?: number; onProgress?: (doneShare: number) => void }): Promise<SeedResult> {
  const t0 = performance.now()
  const now = o.now ?? Date.now()
  const to = now
  const from = startOfDayIn(now, o.timeZone) - o.weeks * 7 * DAY
  const offset = utcOffsetHours(o.timeZone, now)
  // A holiday two weeks before today, on a weekday, with a tenth of the traffic.
  const holiday = new Date(to - 15 * DAY).toISOString().slice(0, 10)
  const scenario = demoHistoryScenario({ start: from, hours: (to - from) / 3_600_000, utcOffsetHours: offset, holiday: o.weeks >= 3 ? holiday : undefined })
  let buffer: CanonicalEvent[] = []
  let events = 0
  const sim = createSimulation(scenario, { tenant: o.tenant, instance: 'history', onEvent: (e) => { buffer.push(e) } })
  const flush = async (): Promise<void> => {
    for (let i = 0; i < buffer.length; i += BATCH) {
      await insertEventRows(store, buffer.slice(i, i + BATCH).map((e) => eventToRow(e, e.time + 1000)))
    }
    events += buffer.length
    buffer = []
  }
  for (let t = from; t < to; t += DAY / 4) {
    sim.advance(Math.min(to, t + DAY / 4))
    await flush()
    o.onProgress?.((t + DAY / 4 - from) / (to - from))
  }
  // History ends now: whatever is still open there is closed, labelled, and the live demo starts from an empty floor.
  const result = sim.finish({ closeAll: 'end of the simulated history' })
  await flush()
  // The reports read interval rollups: build them for the seeded period.
  await rebuildRollups(store.client, o.tenant, from, to, now)
  return { weeks: o.weeks, from, to, contacts: result.contacts, events, wallMs: Math.round(performance.now() - t0) }
}
