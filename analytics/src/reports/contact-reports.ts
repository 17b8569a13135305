/**
 * Contact search (the drill-down from an interval: its visits, newest first) and one contact's
 * full event timeline. Callers' numbers are masked unless the reader holds `pii`.
 */
import { contactJourney } from './journey.ts'
import { phoneFor } from '../pii.ts'
import { ENTERED_IN_RANGE, visitsSql } from '../rollups/visits-sql.ts'
import { nameOf, t, type ReportContext } from './context.ts'
import { filterText } from './filter-text.ts'
import { ReportInputError, type ReportFilters } from './filters.ts'
import type { Column, ReportResult, Row } from './types.ts'

export const OUTCOMES = ['answered', 'abandoned', 'caller_exit', 'timeout', 'no_agents', 'callback', 'transferred', 'overflow', 'error', 'waiting'] as const

export interface ContactSearch {
  /** Outcome of the queue visit; `waiting` for visits not yet dequeued. */
  outcome?: string
  /** Contact id, or the caller's number (readers with `pii` only), exact. */
  search?: string
  limit?: number
  /** Rows to skip (the on-screen list's pages). */
  offset?: number
  /** A column of CONTACT_SORTS, `-` first for descending; newest first by default. */
  sort?: string
  /** For exports: rows stream from the store as they are written. */
  stream?: boolean
}

/** The columns the contact list sorts by, and what each sorts on in SQL. Ties by entry time, then id. */
const CONTACT_SORTS: Record<string, string> = {
  entered: 'entered', wait: 'waitMs', talk: 'talkMs', hold: 'holdMs', wrap: 'wrapMs', queue: 'queueId', agent: 'agentId', outcome: 'outcome', channel: 'channel',
}
export const CONTACT_SORT_KEYS = Object.keys(CONTACT_SORTS)

function orderBy(sort: string | undefined): { sql: string; sort: string } {
  const s = sort ?? '-entered'
  const key = s.replace(/^-/, '')
  const col = CONTACT_SORTS[key]
  if (!col) throw new ReportInputError(`The contact list cannot be sorted by "${key.slice(0, 30)}"; use one of ${CONTACT_SORT_KEYS.join(', ')} (with - in front for descending).`)
  const dir = s.startsWith('-') ? 'DESC' : 'ASC'
  return { sql: `${col} ${dir}${key === 'entered' ? '' : `, entered ${dir}`}, contactId ${dir}`, sort: s }
}

const SEARCH_SQL = `
SELECT v.queue_id AS queueId, v.contact_id AS contactId, v_channel AS channel, v_entered AS entered, v_outcome AS outcome, v_wait AS waitMs,
    v_agent AS agentId, v_talk AS talkMs, v_hold AS holdMs, v_wrap AS wrapMs, v_disposition AS disposition, v_handled AS handled, v_dequeued AS dequeued,
    c.ani AS ani
FROM (${visitsSql(ENTERED_IN_RANGE)}) AS v
LEFT JOIN
(
    SELECT contact_id, any(JSONExtractString(data, 'ani')) AS ani
    FROM events
    WHERE tenant = {tenant:String} AND type = 'contact.created' AND time_ms >= {from:Int64} - 86400000 AND time_ms < {to:Int64}
    GROUP BY contact_id
) AS c ON c.contact_id = v.contact_id
WHERE v_entered >= {from:Int64} AND v_entered < {to:Int64}
  AND (empty({channels:Array(String)}) OR has({channels:Array(String)}, v_channel))
  AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, v_agent))
  AND ({outcome:String} = '' OR v_outcome = {outcome:String})
  AND ({waiting:UInt8} = 0 OR v_dequeued = 0)
  AND (empty({ids:Array(String)}) OR has({ids:Array(String)}, v.contact_id))
  AND ({ani:String} = '' OR c.ani = {ani:String})
  AND ({paged:UInt8} = 0 OR (v_entered, v.contact_id) < ({afterEntered:Int64}, {afterContact:String}))`
const searchSql = (order: string): string => `${SEARCH_SQL}
ORDER BY ${order}
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`
const COUNT_SQL = `SELECT count() AS n FROM (${SEARCH_SQL})`

/** Rows per page when an export streams a contact list: each page is one bounded query. */
const EXPORT_PAGE = 20_000
const EXPORT_WINDOW_MS = 3_600_000

/** Rows an on-screen contact list holds; exports stream up to MAX_EXPORT_CONTACTS. */
export const MAX_LIST_CONTACTS = 5000
export const MAX_EXPORT_CONTACTS = 500_000

export async function contactSearch(ctx: ReportContext, f: ReportFilters, s: ContactSearch = {}): Promise<ReportResult> {
  const tr = t(ctx)
  if (s.outcome && !(OUTCOMES as readonly string[]).includes(s.outcome)) throw new ReportInputError(`Outcome "${s.outcome.slice(0, 30)}" is unknown; use one of ${OUTCOMES.join(', ')}.`)
  const search = (s.search ?? '').trim()
  const byPhone = /^[+\d][\d\s-]{2,30}$/.test(search)
  if (search && byPhone && !ctx.pii) throw new ReportInputError('Searching by phone number needs the personal-data permission; search by contact id instead.', 403)
  if (search.length > 128) throw new ReportInputError('The search text is too long; give a contact id or a phone number.')
  const limit = Math.min(s.limit ?? (s.stream ? MAX_EXPORT_CONTACTS : 500), s.stream ? MAX_EXPORT_CONTACTS : MAX_LIST_CONTACTS)
  const offset = s.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000_000) throw new ReportInputError('"offset" must be a whole number from 0 to 10,000,000.')
  // Exports keep the keyset order (newest first) they page by.
  const order = s.stream ? { sql: 'entered DESC, contactId DESC', sort: '-entered' } : orderBy(s.sort)
  const params = {
    tenant: ctx.tenant, from: f.from, to: f.to, queues: f.queues, channels: f.channels, agents: f.agents,
    outcome: s.outcome === 'waiting' ? '' : s.outcome ?? '', waiting: s.outcome === 'waiting' ? 1 : 0,
    ids: search && !byPhone ? [search] : [], ani: search && byPhone ? search.replace(/[\s-]/g, '') : '', limit,
    paged: 0, afterEntered: 0, afterContact: '', offset: 0,
  }
  const toRow = (v: Record<string, string | number>): Row => ({
    contact: String(v.contactId), entered: Number(v.entered), queue: ctx.queue(String(v.queueId)).name, queueId: String(v.queueId), channel: nameOf(ctx, 'channel', String(v.channel)), channelId: String(v.channel),
    caller: phoneFor(String(v.ani ?? ''), ctx.pii), outcome: tr(`outcome.${v.outcome}`), outcomeId: String(v.outcome),
    wait: Number(v.dequeued) > 0 ? Number(v.waitMs) : null, agent: v.agentId ? ctx.agentName(String(v.agentId)) : '', agentId: String(v.agentId),
    talk: Number(v.handled) ? Number(v.talkMs) : null, hold: Number(v.handled) ? Number(v.holdMs) : null, wrap: Number(v.handled) ? Number(v.wrapMs) : null,
    disposition: nameOf(ctx, 'disposition', String(v.disposition)), dispositionId: String(v.disposition),
  })
  // One thread per page: an export is a background job, and each thread would hold its own hash
  // tables. Written into the statement, not passed as a client setting: chDB applies client
  // settings with SET, which would stay on its session for every later query.
  const page = (p: typeof params) => ctx.client.query({
    query: s.stream ? `${searchSql(order.sql)}\nSETTINGS max_threads = 1` : searchSql(order.sql), format: 'JSONEachRow', query_params: p,
  }).then((r) => r.json<Record<string, string | number>>())
  const rows = s.stream ? [] : (await page({ ...params, offset })).map(toRow)
  // The on-screen list says where its page sits: "101–200 of 19,471".
  const total = s.stream ? 0 : Number((await (await ctx.client.query({ query: COUNT_SQL, format: 'JSONEachRow', query_params: params })).json<{ n: string | number }>())[0]?.n ?? 0)
  // Exports read the period an hour at a time, newest first, and each hour page by page (keyset
  // on entered time and contact id): every query folds one hour's visits, so neither this process
  // nor the store holds the whole list, however long the period.
  const stream = s.stream
    ? async function* (): AsyncIterable<Row> {
        let left = limit
        for (let end = f.to; end > f.from && left > 0; end -= EXPORT_WINDOW_MS) {
          const start = Math.max(f.from, end - EXPORT_WINDOW_MS)
          let after: Record<string, string | number> | undefined
          for (;;) {
            const size = Math.min(EXPORT_PAGE, left)
            const got = await page({
              ...params, from: start, limit: size,
              to: after ? Number(after.entered) + 1 : end,
              ...(after ? { paged: 1, afterEntered: Number(after.entered), afterContact: String(after.contactId) } : {}),
            })
            for (const r of got) yield toRow(r)
            left -= got.length
            if (got.length < size || left <= 0) break
            after = got[got.length - 1]
          }
        }
      }
    : undefined
  const columns: Column[] = [
    { key: 'entered', label: tr('col.entered'), kind: 'datetime' }, { key: 'contact', label: tr('col.contact'), kind: 'text' },
    { key: 'queue', label: tr('col.queue'), kind: 'text' }, { key: 'channel', label: tr('col.channel'), kind: 'text' },
    { key: 'caller', label: tr('col.caller'), kind: 'text' }, { key: 'outcome', label: tr('col.outcome'), kind: 'text' },
    { key: 'wait', label: tr('col.wait'), kind: 'duration' }, { key: 'agent', label: tr('col.agent'), kind: 'text' },
    { key: 'talk', label: tr('col.talk'), kind: 'duration' }, { key: 'hold', label: tr('col.hold'), kind: 'duration' },
    { key: 'wrap', label: tr('col.wrapTime'), kind: 'duration' }, { key: 'disposition', label: tr('col.disposition'), kind: 'text' },
  ]
  const extra: Array<[string, string]> = []
  if (s.outcome) extra.push([tr('filter.outcome'), tr(`outcome.${s.outcome === 'waiting' ? '' : s.outcome}`)])
  if (search) extra.push([tr('filter.search'), byPhone ? phoneFor(search, ctx.pii) : search])
  return {
    report: 'contacts', title: tr('report.contacts'), locale: ctx.locale, timeZone: ctx.timeZone, filters: f, filterText: filterText(ctx, f, extra),
    generatedAt: ctx.now ?? Date.now(), sections: [{ id: 'contacts', title: tr('section.contacts'), columns, rows, ...(stream ? { stream } : { page: { offset, limit, total, sort: order.sort } }) }],
    notes: [tr('note.attribution'), ...(ctx.pii ? [] : [tr('note.masked')])],
  }
}

const DETAIL_SQL = `
SELECT id, type, time_ms AS time, queue_id AS queueId, agent_id AS agentId, channel, interaction_id AS interactionId, data
FROM events
WHERE tenant = {tenant:String} AND contact_id = {contactId:String}
ORDER BY time_ms, id
LIMIT 1 BY id
LIMIT 2000`

export interface ContactEventRow { id: string; type: string; time: number; queueId: string; agentId: string; channel: string; interactionId: string; data: Record<string, unknown> }

/** One contact's events in order; undefined when unknown or outside `visibleQueue`. */
export async function contactDetail(ctx: ReportContext, contactId: string, visibleQueue: (q: string) => boolean): Promise<ReportResult | undefined> {
  const tr = t(ctx)
  const rs = await ctx.client.query({ query: DETAIL_SQL, format: 'JSONEachRow', query_params: { tenant: ctx.tenant, contactId } })
  const events = (await rs.json<Record<string, string | number>>()).map((r): ContactEventRow => ({
    id: String(r.id), type: String(r.type), time: Number(r.time), queueId: String(r.queueId), agentId: String(r.agentId), channel: String(r.channel),
    interactionId: String(r.interactionId), data: JSON.parse(String(r.data || '{}')) as Record<string, unknown>,
  }))
  const queues = [...new Set(events.map((e) => e.queueId).filter(Boolean))]
  if (events.length === 0 || (queues.length > 0 ? !queues.some(visibleQueue) : !visibleQueue('*'))) return undefined
  const first = events[0]!
  const rows: Row[] = events.map((e) => ({
    time: e.time, type: e.type, queue: e.queueId ? ctx.queue(e.queueId).name : '', agent: e.agentId ? ctx.agentName(e.agentId) : '',
    detail: describe(e.data, ctx.pii),
  }))
  const f: ReportFilters = { from: first.time, to: events[events.length - 1]!.time + 1, interval: '15m', queues, teams: [], agents: [], channels: [first.channel].filter(Boolean) }
  // The journey is the contact's own steps; agents' activity around it stays in the raw events.
  const journey = contactJourney(events.filter((e) => e.type.startsWith('contact.')), { queue: (q) => ctx.queue(q).name, agent: ctx.agentName, phone: (n) => phoneFor(n, ctx.pii), code: (c) => nameOf(ctx, 'disposition', c) }, ctx.locale)
  return {
    report: 'contact', title: `${tr('report.contact')} ${contactId}`, locale: ctx.locale, timeZone: ctx.timeZone, filters: f,
    filterText: [[tr('col.contact'), contactId], [tr('col.interaction'), first.interactionId], ...filterText(ctx, f).slice(-1)],
    generatedAt: ctx.now ?? Date.now(), notes: ctx.pii ? [] : [tr('note.masked')],
    sections: [{
      id: 'journey', title: tr('section.journey'),
      columns: [{ key: 'time', label: tr('col.time'), kind: 'datetime' }, { key: 'step', label: tr('col.step'), kind: 'text' }],
      rows: journey.map((s) => ({ time: s.time, step: s.step })),
    }, {
      id: 'events', title: tr('section.events'),
      columns: [
        { key: 'time', label: tr('col.time'), kind: 'datetime' }, { key: 'type', label: tr('col.type'), kind: 'text' },
        { key: 'queue', label: tr('col.queue'), kind: 'text' }, { key: 'agent', label: tr('col.agent'), kind: 'text' },
        { key: 'detail', label: tr('col.detail'), kind: 'text' },
      ],
      rows,
    }],
  }
}

function describe(data: Record<string, unknown>, pii: boolean): string {
  return Object.entries(data)
    .filter(([, v]) => v !== '' && v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${(k === 'ani' || k === 'number') && typeof v === 'string' ? phoneFor(v, pii) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ')
}
