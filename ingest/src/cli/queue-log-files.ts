/**
 * `agner convert asterisk-queue-log FILE…` prints the canonical events Agner makes of queue_log
 * files (NDJSON on stdout), so a center sees at once what Agner makes of its PBX; `agner import
 * asterisk-queue-log FILE…` writes them into the store (AGNER_DATA_DIR or CLICKHOUSE_URL).
 * Rotated and gzipped files are read as they are; lines that are not queue_log are reported with
 * their line number and skipped; importing the same file again adds nothing (the event ids are
 * UUIDv5 of the source instance and each line's natural key).
 */
import { createReadStream, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import type { CanonicalEvent } from '@agner/events'
import { createStore, eventToRow, insertEventRows, migrate, rebuildRollups, type EventRow, type Store } from '@agner/analytics'
import { parseQueueLogLine, QueueLogMapper } from '@agner/telephony'
import { loadConfig, storeConfig } from '../config.ts'

export interface QueueLogFilesArgs { files: string[]; instance: string }
interface Summary { lines: number; events: number; skipped: string[]; unknownVerbs: Map<string, number> }

/** Reads the files in order through one mapper (a call can span a rotation), handing events on in batches. */
async function readQueueLogs(a: QueueLogFilesArgs, tenant: string, onEvents: (events: CanonicalEvent[]) => Promise<void> | void): Promise<Summary> {
  for (const f of a.files) if (!existsSync(f)) throw new Error(`${f} does not exist; give the path of an Asterisk queue_log file (as written, rotated or gzipped)`)
  const mapper = new QueueLogMapper({ instance: a.instance, tenant })
  const s: Summary = { lines: 0, events: 0, skipped: [], unknownVerbs: mapper.unknownVerbs }
  let batch: CanonicalEvent[] = []
  for (const file of a.files) {
    const raw = createReadStream(file)
    const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
    let n = 0
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      n++
      if (text.trim() === '') continue
      s.lines++
      const p = parseQueueLogLine(text)
      if (!p.ok) { s.skipped.push(`${file} line ${n}: ${p.problem}`); continue }
      batch.push(...mapper.map(p.line, text))
      if (batch.length >= 10_000) { s.events += batch.length; await onEvents(batch); batch = [] }
    }
  }
  s.events += batch.length
  await onEvents(batch)
  return s
}

function report(s: Summary, done: string): void {
  console.error(`${done}: ${s.lines} lines, ${s.events} events`)
  for (const p of s.skipped.slice(0, 20)) console.error(`  skipped ${p}`)
  if (s.skipped.length > 20) console.error(`  … and ${s.skipped.length - 20} more lines skipped`)
  if (s.unknownVerbs.size > 0) console.error(`  verbs Agner does not map (kept out, counted): ${[...s.unknownVerbs].map(([v, c]) => `${v} ×${c}`).join(', ')}`)
}

export async function convertQueueLogs(a: QueueLogFilesArgs): Promise<void> {
  const s = await readQueueLogs(a, loadConfig().tenant, (events) => new Promise<void>((resolve, reject) => {
    const text = events.map((e) => JSON.stringify(e)).join('\n')
    if (text === '') { resolve(); return }
    process.stdout.write(`${text}\n`, (err) => (err ? reject(err) : resolve()))
  }))
  report(s, 'converted')
}

export async function importQueueLogs(a: QueueLogFilesArgs & { store?: Store; tenant?: string }): Promise<void> {
  const c = a.store ? undefined : loadConfig()
  const store = a.store ?? await createStore(storeConfig(c!))
  const tenant = a.tenant ?? c!.tenant
  try {
    await migrate(store.client)
    let first = Infinity, last = -Infinity
    // Two inserts at once, as the store writer does: the engine inserts on its own threads while
    // the next batch is read and mapped.
    const inflight = new Set<Promise<void>>()
    let failed: unknown
    const s = await readQueueLogs(a, tenant, async (events) => {
      if (failed) throw failed
      const rows: EventRow[] = events.map((e) => { first = Math.min(first, e.time); last = Math.max(last, e.time); return eventToRow(e) })
      const p: Promise<void> = insertEventRows(store, rows).catch((err: unknown) => { failed ??= err }).finally(() => inflight.delete(p))
      inflight.add(p)
      while (inflight.size >= 2) await Promise.race(inflight)
      if (failed) throw failed
    })
    await Promise.all(inflight)
    if (failed) throw failed
    // Straight into the store: bring the report rollups up to date for the period imported.
    if (s.events > 0) await rebuildRollups(store.client, tenant, first - 86_400_000, last + 86_400_000)
    report(s, 'imported')
  } finally {
    // A store handed in belongs to its owner (a running Agner); only our own is closed.
    if (!a.store) await store.close()
  }
}
