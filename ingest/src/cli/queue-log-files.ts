/**
 * `agner convert asterisk-queue-log FILE…` prints the canonical events Agner makes of queue_log
 * files (NDJSON on stdout), so a center sees at once what Agner makes of its PBX; `agner import
 * asterisk-queue-log FILE…` writes them into the store (AGNER_DATA_DIR or CLICKHOUSE_URL).
 * Rotated and gzipped files are read as they are; lines that are not queue_log are reported with
 * their line number and skipped; importing the same file again adds nothing (the event ids are
 * UUIDv5 of the source instance and each line's natural key).
 */
import { existsSync, statSync } from 'node:fs'
import type { CanonicalEvent } from '@agner/events'
import { createStore, EventTsvBatch, insertEventTsv, migrate, rebuildRollups, type Store } from '@agner/analytics'
import { parseQueueLogLine, QueueLogMapper } from '@agner/telephony'
import { loadConfig, storeConfig } from '../config.ts'
import { fileLines } from './file-lines.ts'
import { ImportProgress, type ProgressOptions } from './import-progress.ts'

export interface QueueLogFilesArgs { files: string[]; instance: string }
interface Summary { lines: number; events: number; skipped: string[]; unknownVerbs: Map<string, number> }

/**
 * Reads the files in order through one mapper (a call can span a rotation), handing each line's
 * events on as they are made; when the handler returns a promise (a batch is being written), reading
 * waits for it.
 */
async function readQueueLogs(
  a: QueueLogFilesArgs, tenant: string, onEvents: (events: CanonicalEvent[]) => Promise<void> | void, progress?: ImportProgress,
): Promise<Summary> {
  for (const f of a.files) if (!existsSync(f)) throw new Error(`${f} does not exist; give the path of an Asterisk queue_log file (as written, rotated or gzipped)`)
  const mapper = new QueueLogMapper({ instance: a.instance, tenant })
  const s: Summary = { lines: 0, events: 0, skipped: [], unknownVerbs: mapper.unknownVerbs }
  const sizes = a.files.map((f) => statSync(f).size)
  const bytesTotal = sizes.reduce((sum, size) => sum + size, 0)
  let bytesBefore = 0
  for (const [i, file] of a.files.entries()) {
    let n = 0
    let read = 0
    for await (const lines of fileLines(file, (bytes) => { read = bytes })) {
      for (const text of lines) {
        n++
        if (text.trim() === '') continue
        s.lines++
        const p = parseQueueLogLine(text)
        if (!p.ok) { s.skipped.push(`${file} line ${n}: ${p.problem}`); continue }
        const events = mapper.map(p.line, text)
        if (events.length === 0) continue
        s.events += events.length
        const wait = onEvents(events)
        if (wait) await wait
      }
      progress?.at({ file, fileIndex: i + 1, files: a.files.length, bytesDone: bytesBefore + read, bytesTotal, lines: s.lines, events: s.events })
    }
    bytesBefore += sizes[i]!
  }
  return s
}

function report(s: Summary, done: string): void {
  console.error(`${done}: ${s.lines.toLocaleString('en')} lines, ${s.events.toLocaleString('en')} events`)
  for (const p of s.skipped.slice(0, 20)) console.error(`  skipped ${p}`)
  if (s.skipped.length > 20) console.error(`  … and ${s.skipped.length - 20} more lines skipped`)
  if (s.unknownVerbs.size > 0) console.error(`  verbs Agner does not map (kept out, counted): ${[...s.unknownVerbs].map(([v, c]) => `${v} ×${c}`).join(', ')}`)
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

export async function convertQueueLogs(a: QueueLogFilesArgs): Promise<void> {
  let out: string[] = []
  const write = (): Promise<void> => new Promise<void>((resolve, reject) => {
    const text = `${out.join('\n')}\n`
    out = []
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()))
  })
  const s = await readQueueLogs(a, loadConfig().tenant, (events) => {
    for (const e of events) out.push(JSON.stringify(e))
    return out.length >= 10_000 ? write() : undefined
  })
  if (out.length > 0) await write()
  report(s, 'converted')
}

/**
 * Events per insert (about 10 MB of TabSeparated). On the embedded store a batch this size goes
 * through a file the engine reads in parallel (about 2× its inline insert; bulk-file-insert.ts).
 * A year of a 100-agent center (10 M lines): 35,000 took 154–163 s at 583–585 MB peak; 50,000
 * 141–154 s but 611–640 MB; 200,000 765 MB (bench/README "adapters").
 */
export const IMPORT_BATCH_EVENTS = 35_000

export async function importQueueLogs(a: QueueLogFilesArgs & { store?: Store; tenant?: string; progress?: ProgressOptions }): Promise<void> {
  const c = a.store ? undefined : loadConfig()
  const store = a.store ?? await createStore(storeConfig(c!))
  const tenant = a.tenant ?? c!.tenant
  try {
    await migrate(store.client)
    const receivedAt = Date.now()
    let first = Infinity, last = -Infinity
    // Two inserts at once, as the store writer does: the engine inserts on its own threads while
    // the next batch is read, mapped and encoded.
    const inflight = new Set<Promise<void>>()
    let failed: unknown
    let batch = new EventTsvBatch(receivedAt, IMPORT_BATCH_EVENTS)
    const flush = async (): Promise<void> => {
      const done = batch
      batch = new EventTsvBatch(receivedAt, IMPORT_BATCH_EVENTS)
      first = Math.min(first, done.first); last = Math.max(last, done.last)
      const { tsv, token } = done.finish()
      const p: Promise<void> = insertEventTsv(store, tsv, token).catch((err: unknown) => { failed ??= err }).finally(() => inflight.delete(p))
      inflight.add(p)
      while (inflight.size >= 2) await Promise.race(inflight)
      if (failed) throw failed
    }
    const progress = new ImportProgress(a.progress)
    const s = await readQueueLogs(a, tenant, (events) => {
      for (const e of events) batch.add(e)
      return batch.count >= IMPORT_BATCH_EVENTS ? flush() : undefined
    }, progress)
    if (batch.count > 0) await flush()
    await Promise.all(inflight)
    if (failed) throw failed
    // Straight into the store: bring the report rollups up to date for the period imported.
    if (s.events > 0) {
      progress.say(`read ${s.lines.toLocaleString('en')} lines; bringing the reports up to date for ${day(first)} to ${day(last)} (UTC)…`)
      await rebuildRollups(store.client, tenant, first - 86_400_000, last + 86_400_000)
    }
    progress.done()
    report(s, 'imported')
  } finally {
    // A store handed in belongs to its owner (a running Agner); only our own is closed.
    if (!a.store) await store.close()
  }
}
