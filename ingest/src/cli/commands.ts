/** The `agner` commands: start, migrate, emit, replay. */
import { createReadStream, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { createBus, validateEvent, type CanonicalEvent, type DeadLetter } from '@agner/events'
import { createStore, eventToRow, insertDeadLetters, insertEventRows, migrate, rebuildRollups, type EventRow } from '@agner/analytics'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import { loadConfig, storeConfig } from '../config.ts'
import { postEvents } from './http-sink.ts'

export async function migrateCommand(): Promise<void> {
  const c = loadConfig()
  const store = await createStore(storeConfig(c))
  const applied = await migrate(store.client)
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date')
  await store.close()
}

export interface EmitArgs { rate: number; duration: number; url?: string; queues?: number; seed?: number }

/**
 * Publishes lifecycle-consistent synthetic traffic at about `rate` events/s for `duration` s:
 * to the bus when NATS_URL is set, else to a running server (--url, default http://127.0.0.1:PORT).
 */
export async function emitCommand(a: EmitArgs): Promise<void> {
  const c = loadConfig()
  const cfg = trafficForRate({ eventsPerSecond: a.rate, queues: a.queues, tenant: c.tenant, seed: a.seed ?? Date.now() % 1_000_000 })
  const useBus = !a.url && c.natsUrl
  const bus = useBus ? await createBus(c.natsUrl, { name: 'agner-emit' }) : undefined
  const url = a.url ?? `http://127.0.0.1:${c.port}`
  const started = Date.now()
  const model = new TrafficModel(cfg, started)
  let sent = 0, rejected = 0
  console.log(`emitting about ${a.rate} events/s for ${a.duration} s (${cfg.queues.length} queues, ${cfg.agents.length} agents) to ${bus ? c.natsUrl : url}`)
  while (Date.now() - started < a.duration * 1000) {
    const tickStart = Date.now()
    const events = model.advance(tickStart).map((e) => ({ ...e, receivedAt: tickStart }))
    if (events.length > 0) {
      if (bus) { await bus.publish(events); sent += events.length } else {
        const r = await postEvents(url, events.map((e) => JSON.stringify(e)))
        sent += r.accepted; rejected += r.rejected
      }
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStart))))
  }
  await bus?.close()
  const secs = (Date.now() - started) / 1000
  console.log(`published ${sent} events in ${secs.toFixed(1)} s (${Math.round(sent / secs)} events/s)${rejected ? `, ${rejected} rejected` : ''}`)
}

/**
 * Publishes canonical events from an NDJSON file: to a running server with --url, else straight
 * into the store at AGNER_DATA_DIR (or CLICKHOUSE_URL). Prints accepted/rejected counts.
 */
export async function replayCommand(file: string, url?: string): Promise<{ accepted: number; rejected: number }> {
  if (!existsSync(file)) throw new Error(`${file} does not exist; give the path of an NDJSON file of canonical events`)
  // Opened right before it is read: a readline interface that emits while nobody iterates loses its lines.
  const openLines = () => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  let accepted = 0, rejected = 0
  const problems: string[] = []
  if (url) {
    const batch: string[] = []
    for await (const line of openLines()) {
      if (line.trim() === '') continue
      batch.push(line)
      if (batch.length >= 5000) { const r = await postEvents(url, batch.splice(0)); accepted += r.accepted; rejected += r.rejected; problems.push(...r.problems) }
    }
    const r = await postEvents(url, batch); accepted += r.accepted; rejected += r.rejected; problems.push(...r.problems)
  } else {
    const c = loadConfig()
    const store = await createStore(storeConfig(c))
    await migrate(store.client)
    let rows: EventRow[] = []
    let letters: DeadLetter[] = []
    let n = 0
    let first = Infinity, last = -Infinity
    const flush = async (): Promise<void> => {
      await insertEventRows(store, rows); await insertDeadLetters(store.client, letters)
      rows = []; letters = []
    }
    for await (const line of openLines()) {
      n++
      if (line.trim() === '') continue
      let value: unknown
      try { value = JSON.parse(line) } catch (err) {
        rejected++; problems.push(`line ${n}: not valid JSON (${(err as Error).message})`)
        letters.push({ tenant: c.tenant, stage: 'http', reason: `line ${n} is not valid JSON`, payload: line.slice(0, 65_536), at: Date.now() })
        continue
      }
      const v = validateEvent(value)
      if (!v.ok) {
        rejected++; problems.push(`line ${n}: ${v.problems.join('; ')}`)
        letters.push({ tenant: c.tenant, stage: 'http', reason: v.problems.join('; '), eventId: v.id, payload: line.slice(0, 65_536), at: Date.now() })
        continue
      }
      rows.push(eventToRow(v.event as CanonicalEvent)); accepted++
      first = Math.min(first, v.event.time); last = Math.max(last, v.event.time)
      if (rows.length >= 10_000) await flush()
    }
    await flush()
    // Straight into the store, past the server: bring the report rollups up to date for the period.
    if (accepted > 0) await rebuildRollups(store.client, c.tenant, first - 86_400_000, last + 86_400_000)
    await store.close()
  }
  console.log(`accepted ${accepted}, rejected ${rejected}`)
  for (const p of problems.slice(0, 20)) console.log(`  rejected: ${p}`)
  if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`)
  return { accepted, rejected }
}
