/** Canonical event ⇄ `events` row. */
import type { CanonicalEvent, DeadLetter } from '@agner/events'
import { LineBuffer } from './line-buffer.ts'

export interface EventRow {
  id: string
  type: string
  time_ms: number
  received_at_ms: number
  tenant: string
  source_kind: string
  source_instance: string
  interaction_id: string
  contact_id: string
  queue_id: string
  agent_id: string
  channel: string
  data: string
  raw: string
}

/** The events table's insert columns, in the order `eventToTuple` writes them. */
export const EVENT_COLUMNS = [
  'id', 'type', 'time_ms', 'received_at_ms', 'tenant', 'source_kind', 'source_instance', 'interaction_id', 'contact_id',
  'queue_id', 'agent_id', 'channel', 'data', 'raw',
] as const satisfies ReadonlyArray<keyof EventRow>

const NEEDS_ESCAPE = /[\\\t\n\r]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** A value escaped for ClickHouse's TabSeparated format. */
export function tsvValue(v: string | number): string {
  if (typeof v === 'number') return String(v)
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v
}

/**
 * Rows as TabSeparated bytes in EVENT_COLUMNS order. ClickHouse parses it about 30 % faster than
 * JSONCompactEachRow (no quoting, and the `data` JSON is not escaped a second time).
 */
export function rowsToTsv(rows: readonly EventRow[]): Buffer {
  const out = new LineBuffer(rows.length * 256)
  for (const r of rows) out.push(rowTsvLine(r))
  return out.bytes()
}

/** One row as a TabSeparated line (without its newline), in EVENT_COLUMNS order. */
export function rowTsvLine(r: EventRow): string {
  return `${tsvValue(r.id)}\t${r.type}\t${r.time_ms}\t${r.received_at_ms}\t${tsvValue(r.tenant)}\t${tsvValue(r.source_kind)}\t` +
    `${tsvValue(r.source_instance)}\t${tsvValue(r.interaction_id)}\t${tsvValue(r.contact_id)}\t${tsvValue(r.queue_id)}\t` +
    `${tsvValue(r.agent_id)}\t${tsvValue(r.channel)}\t${tsvValue(r.data)}\t${tsvValue(r.raw)}`
}

/** One event as a TabSeparated line (without its newline), in EVENT_COLUMNS order. */
export function eventTsvLine(e: CanonicalEvent, receivedAt: number): string {
  return `${tsvValue(e.id)}\t${e.type}\t${e.time}\t${e.receivedAt ?? receivedAt}\t${tsvValue(e.tenant)}\t${tsvValue(e.source.kind)}\t` +
    `${tsvValue(e.source.instance)}\t${tsvValue(e.interactionId ?? '')}\t${tsvValue(e.contactId ?? '')}\t${tsvValue(e.queueId ?? '')}\t` +
    `${tsvValue(e.agentId ?? '')}\t${tsvValue(e.channel ?? '')}\t${tsvValue(JSON.stringify(e.data))}\t${tsvValue(e.raw ?? '')}`
}

/**
 * Events straight to TabSeparated bytes, the same as rowsToTsv(events.map(eventToRow)) without the
 * row objects in between. Inserts encode through EventTsvBatch, which writes the same lines.
 */
export function eventsToTsv(events: readonly CanonicalEvent[], receivedAt: number): Buffer {
  const out = new LineBuffer(events.length * 256)
  for (const e of events) out.push(eventTsvLine(e, receivedAt))
  return out.bytes()
}

export function eventToRow(e: CanonicalEvent, receivedAt = Date.now()): EventRow {
  return {
    id: e.id, type: e.type, time_ms: e.time, received_at_ms: e.receivedAt ?? receivedAt, tenant: e.tenant,
    source_kind: e.source.kind, source_instance: e.source.instance, interaction_id: e.interactionId ?? '',
    contact_id: e.contactId ?? '', queue_id: e.queueId ?? '', agent_id: e.agentId ?? '', channel: e.channel ?? '',
    data: JSON.stringify(e.data), raw: e.raw ?? '',
  }
}

export function rowToEvent(r: EventRow): CanonicalEvent {
  const e: Record<string, unknown> = {
    id: r.id, type: r.type, time: Number(r.time_ms), receivedAt: Number(r.received_at_ms), tenant: r.tenant,
    source: { kind: r.source_kind, instance: r.source_instance }, data: JSON.parse(r.data),
  }
  if (r.interaction_id) e.interactionId = r.interaction_id
  if (r.contact_id) e.contactId = r.contact_id
  if (r.queue_id) e.queueId = r.queue_id
  if (r.agent_id) e.agentId = r.agent_id
  if (r.channel) e.channel = r.channel
  if (r.raw) e.raw = r.raw
  return e as unknown as CanonicalEvent
}

export interface DeadLetterRow { at_ms: number; tenant: string; stage: string; reason: string; event_id: string; payload: string }

export function deadLetterToRow(d: DeadLetter): DeadLetterRow {
  return { at_ms: d.at, tenant: d.tenant, stage: d.stage, reason: d.reason, event_id: d.eventId ?? '', payload: d.payload }
}
