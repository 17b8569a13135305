/**
 * `npm start`, then Ctrl-C (SIGTERM from a service manager): the process stops cleanly with exit
 * code 0, also in the first seconds of a first start, while the demo's background work (the
 * schedules it publishes after seeding, the live traffic) still has queries in the engine. Such a
 * query left running at exit crashed the engine's teardown (SIGSEGV, exit 139): stopped 4 s into a
 * first start, three times in three, before the store's close waited for it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { freePort } from '@agner/events/testing'
import { countStoredEvents, createStore } from '@agner/analytics'
import { AgnerProcess } from './support/agner-process.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-stop-'))
let agner: AgnerProcess | undefined
afterAll(async () => {
  await agner?.stop('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

it('stops with exit code 0 right after a first start with the demo, and again after a restart', async () => {
  agner = new AgnerProcess({
    AGNER_DATA_DIR: dataDir, PORT: String(await freePort()), AGNER_DEMO_HISTORY_WEEKS: '1', AGNER_ADMIN_PASSWORD: 'graceful-stop-admin-pw',
  })
  for (const start of ['first start (seeds, then publishes the demo schedules)', 'restart']) {
    await agner.start(120_000)
    await new Promise((r) => setTimeout(r, 4000))
    expect(await agner.stop('SIGTERM'), `${start}: exit code`).toBe(0)
  }
  agner = undefined
  // What the first start seeded is in the store, readable by the next process.
  const store = await createStore({ dataDir })
  try {
    expect((await countStoredEvents(store.client)).distinctIds).toBeGreaterThan(10_000)
  } finally { await store.close() }
}, 300_000)
