/** `agner seed --weeks N`: N weeks of the demo center's history into the store (chDB: stop the server first). */
import { createStore, migrate } from '@agner/analytics'
import { loadConfig, storeConfig } from '../config.ts'
import { seedHistory } from '../seed-history.ts'

export async function seedCommand(weeks: number): Promise<void> {
  const c = loadConfig()
  const store = await createStore(storeConfig(c))
  try {
    await migrate(store.client)
    let shown = -1
    const r = await seedHistory(store, {
      tenant: c.tenant, timeZone: c.timeZone, weeks,
      onProgress: (share) => { const pct = Math.floor(share * 10) * 10; if (pct !== shown) { shown = pct; process.stdout.write(`\r  ${pct}%`) } },
    })
    const days = (r.to - r.from) / 86_400_000
    console.log(`\rseeded ${weeks} weeks (${days} days to ${new Date(r.to).toISOString()}): ${r.contacts.toLocaleString('en')} contacts, ${r.events.toLocaleString('en')} events in ${(r.wallMs / 1000).toFixed(1)} s (${Math.round(r.events / (r.wallMs / 1000)).toLocaleString('en')} events/s)`)
  } finally {
    await store.close()
  }
}
