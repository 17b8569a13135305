/** A chDB store in a fresh temporary directory, migrated: one per test file (chDB binds one directory per process). */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStore, type Store } from './store/client.ts'
import { migrate } from './store/migrate.ts'

export async function tempStore(): Promise<{ store: Store; dir: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'agner-chdb-'))
  const store = await createStore({ dataDir: dir })
  await migrate(store.client)
  return { store, dir, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }) } }
}
