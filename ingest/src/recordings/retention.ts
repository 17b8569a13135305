/**
 * Deletes recordings older than the center keeps them (AGNER_RECORDINGS_DAYS): the file goes, the
 * index keeps a row marked deleted (so the journey says when and why), and the job says what it
 * deleted. Runs at start and every hour.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { insertRecording, recordingsBefore, type Store } from '@agner/analytics'

const DAY = 86_400_000
const EVERY_MS = 3_600_000

export interface RetentionOptions { store: Store; tenant: string; dir: string; days: number }

export async function deleteExpiredRecordings(o: RetentionOptions, now = Date.now()): Promise<{ deleted: number; bytes: number }> {
  const old = await recordingsBefore(o.store.client, o.tenant, now - o.days * DAY)
  let bytes = 0
  for (const r of old) {
    await rm(join(o.dir, r.path), { force: true })
    await insertRecording(o.store.client, o.tenant, { ...r, status: 'deleted', deletedMs: now })
    bytes += r.bytes
  }
  return { deleted: old.length, bytes }
}

export function startRetention(o: RetentionOptions, log: (msg: string) => void): () => void {
  const run = () => deleteExpiredRecordings(o).then(
    ({ deleted, bytes }) => { if (deleted > 0) log(`agner recordings: deleted ${deleted} recording(s) older than ${o.days} days (${(bytes / 1_048_576).toFixed(1)} MB freed)`) },
    (err: Error) => log(`agner recordings: the retention job could not run (${err.message}); it tries again within the hour`),
  )
  void run()
  const timer = setInterval(() => void run(), EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
