/**
 * Asterisk queue_log → canonical events, on the reference's real-format samples (telephony.md §8.2):
 * units (CONNECT in s, RINGNOANSWER in ms), outcomes per verb, systemname-prefixed call ids,
 * `Local/` members, restarts closing open calls, custom verbs counted, deterministic ids.
 */
import { describe, expect, it } from 'vitest'
import { validateEvent, type CanonicalEvent } from '@agner/events'
import { parseQueueLogLine, QueueLogMapper } from '../src/index.ts'

const BOOK = `1292281046|psy1-1292281041.87|7100|NONE|ENTERQUEUE||4165551212|1
1292281046|psy1-1292281041.87|7100|Local/9996@MemberConnector|RINGNOANSWER|0
1292281048|psy1-1292281041.87|7100|Local/9990@MemberConnector|CONNECT|2|psy1-1292281046.90|0
1292284121|psy1-1292281041.87|7100|Local/9990@MemberConnector|COMPLETECALLER|2|3073|1
1292284222|MANAGER|7100|Local/9990@MemberConnector|REMOVEMEMBER|
1292284491|MANAGER|7100|Local/9990@MemberConnector|ADDMEMBER|`

const ABANDON = `1596191926|NONE|NONE|NONE|QUEUESTART|
1596510480|CLI|sales|SIP/0004f2040001|ADDMEMBER|
1596512941|1596512941.163|support|NONE|ENTERQUEUE||7000|1
1596513009|1596512941.163|support|NONE|ABANDON|1|1|68`

const SYNTHETIC = `1700000000|1700000000.11|sales|NONE|EXITWITHTIMEOUT|2|3|300
1700000100|1700000100.12|sales|NONE|EXITWITHKEY|1|1|1|42
1700000200|1700000200.13|sales|NONE|EXITEMPTY|1|1|5
1700000300|NONE|sales|agent1001|PAUSE|lunch
1700000400|NONE|sales|agent1001|UNPAUSE|
1700000500|1700000500.14|sales|agent1001|BLINDTRANSFER|2000|from-internal|12|80|1`

function run(text: string, mapper = new QueueLogMapper({ instance: 'pbx1' })): CanonicalEvent[] {
  const out: CanonicalEvent[] = []
  for (const t of text.split('\n')) {
    const p = parseQueueLogLine(t)
    if (p.ok) out.push(...mapper.map(p.line))
  }
  return out
}
const S = 1000

describe('queue_log lines', () => {
  it('parse: fields by position, epoch seconds to ms; a line that is not queue_log says why', () => {
    const p = parseQueueLogLine('1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000')
    expect(p).toEqual({ ok: true, line: { time: 1366720340 * S, callId: '1366720340.303267', queue: 'MYQUEUE', agent: 'SIP/8007', verb: 'RINGNOANSWER', data: ['1000'] } })
    expect(parseQueueLogLine('hello world')).toEqual({ ok: false, problem: 'not a queue_log line (1 fields; expected epoch|callid|queue|agent|event|data…)' })
    expect(parseQueueLogLine('yesterday|x|q|a|CONNECT|1')).toMatchObject({ ok: false, problem: '"yesterday" is not an epoch time in seconds' })
    // Epoch seconds: 9 to 11 digits, optionally a fraction; a lower-case verb is read upper-case.
    expect(parseQueueLogLine('1366720340.25|x|q|a|connect|1')).toMatchObject({ ok: true, line: { time: 1366720340250, verb: 'CONNECT' } })
    expect(parseQueueLogLine('136672034|x|q|a|CONNECT|1')).toMatchObject({ ok: true, line: { time: 136672034000 } })
    for (const bad of ['13667203', '136672034012', '1366720340.', '1366720340.5a', '.1366720340', '1366720340x']) {
      expect(parseQueueLogLine(`${bad}|x|q|a|CONNECT|1`), bad).toMatchObject({ ok: false, problem: `"${bad}" is not an epoch time in seconds` })
    }
    expect(parseQueueLogLine('1366720340|x|q|a|9LIVES|1')).toMatchObject({ ok: false, problem: '"9LIVES" is not a queue_log event name' })
  })

  it('one call from the book, end to end: queued, a missed ring (ms), answered after 2 s, 3,073 s of talk', () => {
    const events = run(BOOK)
    for (const e of events) expect(validateEvent(e, { now: Date.UTC(2030, 0, 1) }).ok, JSON.stringify(e)).toBe(true)
    const call = events.filter((e) => e.interactionId === 'psy1-1292281041.87')
    expect(call.map((e) => e.type)).toEqual([
      'contact.created', 'contact.queued', 'contact.offered', 'contact.offer_ended', 'contact.offered', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended',
    ])
    const contactId = 'psy1-1292281041.87@7100'
    expect(call.every((e) => e.contactId === contactId && e.queueId === '7100' && e.channel === 'voice')).toBe(true)
    const by = (type: string) => call.find((e) => e.type === type)!.data as Record<string, unknown>
    expect(by('contact.created')).toMatchObject({ direction: 'inbound', ani: '4165551212' })
    expect(by('contact.queued')).toMatchObject({ position: 1 })
    expect(by('contact.offer_ended')).toMatchObject({ agentId: 'Local/9996@MemberConnector', ringMs: 0, outcome: 'timeout' })
    expect(by('contact.dequeued')).toEqual({ waitMs: 2 * S, outcome: 'answered' })
    expect(by('contact.connected')).toEqual({ agentId: 'Local/9990@MemberConnector', waitMs: 2 * S, ringMs: 0 })
    expect(by('contact.ended')).toEqual({ endedBy: 'customer', talkMs: 3073 * S, holdMs: 0, holdCount: 0 })
    expect(by('contact.wrapup_ended')).toEqual({ durationMs: 0 })
    // The member removed and added again by the manager.
    const member = events.filter((e) => e.type === 'agent.status_changed').map((e) => [e.agentId, (e.data as { status: string; origin: string }).status, (e.data as { origin: string }).origin])
    expect(member).toEqual([['Local/9990@MemberConnector', 'offline', 'supervisor'], ['Local/9990@MemberConnector', 'available', 'supervisor']])
  })

  it('ring no answer is in ms, connect in s: 1000 ms of ringing is 1 s, not 1,000', () => {
    const [offered, ended] = run('1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000')
    expect(ended!.data).toMatchObject({ ringMs: 1000 })
    expect(offered!.time).toBe(1366720340 * S - 1000)
  })

  it('every exit verb has its outcome and wait (s); a caller who pressed a key says which', () => {
    const events = [...run(ABANDON), ...run(SYNTHETIC)]
    for (const e of events) expect(validateEvent(e, { now: Date.UTC(2030, 0, 1) }).ok, JSON.stringify(e)).toBe(true)
    const dequeued = events.filter((e) => e.type === 'contact.dequeued').map((e) => [e.interactionId, (e.data as { outcome: string }).outcome, (e.data as { waitMs: number }).waitMs])
    expect(dequeued).toEqual([
      ['1596512941.163', 'abandoned', 68 * S],
      ['1700000000.11', 'timeout', 300 * S],
      ['1700000100.12', 'caller_exit', 42 * S],
      ['1700000200.13', 'no_agents', 5 * S],
    ])
    expect(events.find((e) => e.type === 'contact.ivr_step')!.data).toEqual({ node: 'queue-exit-key', input: '1' })
    const pauses = events.filter((e) => e.type === 'agent.status_changed' && e.agentId === 'agent1001').map((e) => e.data)
    expect(pauses).toEqual([{ status: 'aux', reasonCode: 'lunch', origin: 'agent' }, { status: 'available', origin: 'agent' }])
    const transfer = events.find((e) => e.type === 'contact.transferred')!
    expect(transfer.data).toEqual({ mode: 'blind', target: '2000@from-internal' })
    expect(events.find((e) => e.type === 'contact.ended' && e.interactionId === '1700000500.14')!.data).toEqual({ endedBy: 'transfer', talkMs: 80 * S, holdMs: 0, holdCount: 0 })
  })

  it('a call left open by an Asterisk restart is closed with outcome error, never left waiting or counted as answered', () => {
    const mapper = new QueueLogMapper({ instance: 'pbx1' })
    run('1700001000|1700001000.20|sales|NONE|ENTERQUEUE||13800001234|1', mapper)
    expect(mapper.openVisits).toBe(1)
    const closed = run('1700001090|NONE|NONE|NONE|QUEUESTART|', mapper)
    expect(closed.map((e) => [e.type, e.data])).toEqual([
      ['contact.dequeued', { waitMs: 90 * S, outcome: 'error', reason: 'Asterisk logged QUEUESTART while the call was open' }],
      ['contact.ended', { endedBy: 'system', talkMs: 0, holdMs: 0, holdCount: 0, reason: 'Asterisk logged QUEUESTART while the call was open' }],
    ])
    expect(mapper.openVisits).toBe(0)
  })

  it('re-reading the same file makes the same ids; custom verbs are counted, never fatal; the wrap-up time is the queue\'s when configured', () => {
    const a = run(BOOK).map((e) => e.id)
    const b = run(BOOK).map((e) => e.id)
    expect(a).toEqual(b)
    expect(new Set(a).size).toBe(a.length)
    const mapper = new QueueLogMapper({ instance: 'pbx1', wrapUpMs: (q) => (q === '7100' ? 15_000 : 0), agentId: (x) => x.replace(/^Local\/(\d+)@.*$/, '$1') })
    const events = run(`${BOOK}\n1292284500|psy1-1292281041.87|7100|NONE|PAUSEREASON|coffee\n1292284501|x|7100|NONE|MYVERB|1`, mapper)
    expect(Object.fromEntries(mapper.unknownVerbs)).toEqual({ PAUSEREASON: 1, MYVERB: 1 })
    const wrap = events.find((e) => e.type === 'contact.wrapup_ended')!
    expect(wrap.data).toEqual({ durationMs: 15_000 })
    expect(wrap.time).toBe(1292284121 * S + 15_000)
    expect(wrap.agentId).toBe('9990')
    // Another PBX's identical lines are other events.
    expect(run(BOOK, new QueueLogMapper({ instance: 'pbx2' })).map((e) => e.id)).not.toEqual(a)
  })
})
