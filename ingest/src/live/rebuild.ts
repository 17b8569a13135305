/** Rebuilds the live engine after a restart: today's events from the store, oldest first. */
import { readEvents, readLatestAgentEvents, type Store } from '@agner/analytics'
import type { LiveEngine } from './engine.ts'

/** Contacts queued this long before midnight are still read, so those waiting across it are known. */
const LOOKBACK_MS = 2 * 3600_000

export async function rebuildFromStore(engine: LiveEngine, store: Store, now = Date.now()): Promise<number> {
  const from = engine.currentDayStart - LOOKBACK_MS
  let n = 0
  for (const e of await readLatestAgentEvents(store.client, engine.tenant, from)) { engine.apply(e); n++ }
  for await (const e of readEvents(store.client, engine.tenant, from, now + 3600_000)) { engine.apply(e); n++ }
  return n
}
