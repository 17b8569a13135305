/**
 * FreeSWITCH event socket bytes → frames → canonical events: the reference's callcenter::info
 * samples (telephony.md §8.3) in json and URL-encoded plain framing, split at any byte, epoch-second
 * times, BREAK_OUT told apart from a hang-up, bad frames reported, resync tables.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateEvent, type CanonicalEvent } from '@agner/events'
import { EslFrameReader, eslEventOf, EslMapper, type EslRead } from '../src/index.ts'
import { eslEventFrame, eslReply } from '../src/testing.ts'

const S = 1000
const BLOCKS = readFileSync(new URL('./fixtures/esl-reference-8.3.txt', import.meta.url), 'utf8').trim().split('\n\n')
  .map((b) => Object.fromEntries(b.split('\n').map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)])) as Record<string, string>)

function events(reads: EslRead[]): Array<Record<string, string>> {
  return reads.flatMap((r) => { if (r.kind !== 'frame') return []; const e = eslEventOf(r.frame); return e?.ok ? [e.event] : [] })
}

describe('ESL framing', () => {
  for (const framing of ['json', 'plain'] as const) {
    it(`${framing}: the reference events, split at random byte boundaries, come back whole and decoded`, () => {
      const wire = Buffer.from(eslReply('auth/request') + eslReply('command/reply', { 'Reply-Text': '+OK accepted' }) + BLOCKS.map((b) => eslEventFrame(b, framing)).join(''))
      const whole = new EslFrameReader().push(wire)
      expect(whole.map((r) => r.kind === 'frame' && r.frame.headers['Content-Type'])).toEqual(['auth/request', 'command/reply', ...BLOCKS.map(() => `text/event-${framing}`)])
      expect(events(whole)).toEqual(BLOCKS)
      expect(events(whole)[0]!['CC-Member-CID-Name']).toBe('CHOUINARD MO')
      for (let seed = 1; seed <= 30; seed++) {
        const r = new EslFrameReader()
        const got: EslRead[] = []
        let i = 0
        let x = seed
        while (i < wire.length) { x = (x * 1103515245 + 12345) % 2 ** 31; const n = 1 + (x % 61); got.push(...r.push(wire.subarray(i, i + n))); i += n }
        expect(got).toEqual(whole)
      }
    })
  }

  it('a bad Content-Length, a body that is not JSON, a header line without ": " and a frame cut off are problems; the next frame is read', () => {
    const good = eslEventFrame(BLOCKS[3]!, 'json')
    const r = new EslFrameReader()
    const out = [
      ...r.push('Content-Length: lots\nContent-Type: text/event-json\n\n'), ...r.push(good),
      ...r.push('Content-Length: 5\nContent-Type: text/event-json\n\n{oops'), ...r.push('\x00\x01 junk\n\n'), ...r.push(good), ...r.push('Content-Length: 100\n\n{"a'), ...r.end(),
    ]
    expect(out.map((o) => (o.kind === 'problem' ? o.problem : eslEventOf(o.frame)?.ok === false ? 'not json' : 'ok'))).toEqual([
      'Content-Length "lots" is not a byte count', 'ok', 'not json', expect.stringMatching(/^not an event-socket header line/), 'ok', 'the connection closed in the middle of a frame (truncated)',
    ])
  })
})

const T0 = 1_700_000_000
const call = (action: string, extra: Record<string, string | number>) => ({
  'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': action, 'CC-Queue': 'support@default',
  'CC-Member-UUID': 'm-1', 'CC-Member-Session-UUID': 's-1', 'CC-Member-CID-Number': '13800001234', ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
})
function run(seq: Array<Record<string, string>>, m = new EslMapper({ instance: 'fs1' })): CanonicalEvent[] {
  const out: CanonicalEvent[] = []
  for (const h of seq) out.push(...m.map(h, (Number(h['CC-Member-Leaving-Time'] ?? h['CC-Bridge-Terminated-Time'] ?? h['CC-Agent-Answered-Time'] ?? T0)) * S))
  return [...out, ...m.tick(Infinity)]
}

describe('mod_callcenter events → canonical', () => {
  it('the reference samples: epoch-second times, member uuid as contact, session uuid as interaction', () => {
    const m = new EslMapper({ instance: 'fs1' })
    const start = m.map(BLOCKS[0]!, T0 * S)
    expect(start.map((e) => e.type)).toEqual(['contact.created', 'contact.queued'])
    expect(start[0]).toMatchObject({ contactId: '453324f8-3424-4322-4242362fd23d', interactionId: 'b77c49c2-a732-11df-9438-e7d9456f8886', queueId: 'support@default', data: { ani: '4385551212' } })
    const bridge = new EslMapper({ instance: 'fs1' }).map(BLOCKS[1]!, T0 * S)
    expect(bridge.find((e) => e.type === 'contact.connected')!.data).toEqual({ agentId: 'AgentNameHere', waitMs: 1009 * S, ringMs: 9 * S })
    const end = new EslMapper({ instance: 'fs1' }).map(BLOCKS[2]!, T0 * S)
    expect(end.find((e) => e.type === 'contact.dequeued')!.data).toEqual({ waitMs: 1050 * S, outcome: 'timeout' })
    expect(new EslMapper({ instance: 'fs1' }).map(BLOCKS[3]!, T0 * S)[0]).toMatchObject({ agentId: '1000@default', data: { status: 'available', origin: 'agent' } })
  })

  it('one call end to end: a missed ring (NO_ANSWER), answered after 21 s, a 30 s hold, agent hangs up', () => {
    const events = run([
      call('member-queue-start', { 'CC-Member-Joined-Time': T0, 'Event-Date-Timestamp': T0 * 1e6 }),
      call('agent-offering', { 'CC-Agent': '1001@default', 'Event-Date-Timestamp': (T0 + 2) * 1e6 }),
      call('bridge-agent-fail', { 'CC-Agent': '1001@default', 'CC-Hangup-Cause': 'NO_ANSWER', 'CC-Agent-Called-Time': T0 + 2, 'CC-Agent-Aborted-Time': T0 + 17, 'CC-Member-Joined-Time': T0 }),
      call('agent-offering', { 'CC-Agent': '1002@default', 'Event-Date-Timestamp': (T0 + 18) * 1e6 }),
      call('bridge-agent-start', { 'CC-Agent': '1002@default', 'CC-Agent-UUID': 'a-2', 'CC-Agent-Called-Time': T0 + 18, 'CC-Agent-Answered-Time': T0 + 21, 'CC-Member-Joined-Time': T0 }),
      { 'Event-Name': 'CHANNEL_HOLD', 'Unique-ID': 's-1', 'Event-Date-Timestamp': String((T0 + 60) * 1e6) },
      { 'Event-Name': 'CHANNEL_UNHOLD', 'Unique-ID': 's-1', 'Event-Date-Timestamp': String((T0 + 90) * 1e6) },
      call('bridge-agent-end', { 'CC-Agent': '1002@default', 'CC-Agent-Answered-Time': T0 + 21, 'CC-Bridge-Terminated-Time': T0 + 321, 'CC-Hangup-Cause': 'NORMAL_CLEARING', variable_sip_hangup_disposition: 'send_bye', 'CC-Member-Joined-Time': T0 }),
      call('member-queue-end', { 'CC-Cause': 'Terminated', 'CC-Member-Joined-Time': T0, 'CC-Member-Leaving-Time': T0 + 321 }),
    ])
    for (const e of events) expect(validateEvent(e, { now: Date.UTC(2030, 0, 1) }).ok, JSON.stringify(e)).toBe(true)
    const contact = events.filter((e) => e.contactId === 'm-1')
    expect(contact.map((e) => e.type)).toEqual(['contact.created', 'contact.queued', 'contact.offered', 'contact.offer_ended', 'contact.offered', 'contact.dequeued', 'contact.connected', 'contact.held', 'contact.resumed', 'contact.ended', 'contact.wrapup_ended'])
    const by = (t: string) => contact.find((e) => e.type === t)!.data
    expect(by('contact.offer_ended')).toEqual({ offerId: 'm-1/offer/1001@default/1', agentId: '1001@default', ringMs: 15 * S, outcome: 'timeout' })
    expect(by('contact.connected')).toEqual({ agentId: '1002@default', waitMs: 21 * S, ringMs: 3 * S })
    expect(by('contact.ended')).toEqual({ endedBy: 'agent', talkMs: 270 * S, holdMs: 30 * S, holdCount: 1 })
    expect(events.filter((e) => e.type === 'agent.activity_changed' && e.agentId === '1002@default').map((e) => (e.data as { activity: string }).activity)).toEqual(['offered', 'on_contact', 'on_hold', 'on_contact', 'idle'])
  })

  it('BREAK_OUT: abandoned when the channel is hanging up or hangs up within the grace; otherwise the caller was taken out (transferred)', () => {
    const start = call('member-queue-start', { 'CC-Member-Joined-Time': T0 })
    const end = (extra: Record<string, string | number>) => call('member-queue-end', { 'CC-Cause': 'Cancel', 'CC-Cancel-Reason': 'BREAK_OUT', 'CC-Member-Joined-Time': T0, 'CC-Member-Leaving-Time': T0 + 40, ...extra })
    const outcome = (es: CanonicalEvent[]) => es.filter((e) => e.type === 'contact.dequeued').map((e) => e.data)
    expect(outcome(run([start, end({ 'Channel-State': 'CS_HANGUP' })]))).toEqual([{ waitMs: 40 * S, outcome: 'abandoned' }])
    expect(outcome(run([start, end({ 'Channel-State': 'CS_EXECUTE' }), { 'Event-Name': 'CHANNEL_HANGUP', 'Unique-ID': 's-1', 'Event-Date-Timestamp': String((T0 + 40) * 1e6) }]))).toEqual([{ waitMs: 40 * S, outcome: 'abandoned' }])
    expect(outcome(run([start, end({ 'Channel-State': 'CS_EXECUTE' })]))).toEqual([{ waitMs: 40 * S, outcome: 'transferred' }])
    expect(outcome(run([start, call('member-queue-end', { 'CC-Cause': 'Cancel', 'CC-Cancel-Reason': 'NO_AGENT_TIMEOUT', 'CC-Member-Joined-Time': T0, 'CC-Member-Leaving-Time': T0 + 5 })]))).toEqual([{ waitMs: 5 * S, outcome: 'no_agents' }])
    const key = run([start, call('member-queue-end', { 'CC-Cause': 'Cancel', 'CC-Cancel-Reason': 'EXIT_WITH_KEY', variable_cc_exit_key: '1', 'CC-Member-Joined-Time': T0, 'CC-Member-Leaving-Time': T0 + 9 })])
    expect(key.map((e) => e.type)).toContain('contact.ivr_step')
    expect(outcome(key)).toEqual([{ waitMs: 9 * S, outcome: 'caller_exit' }])
  })

  it('agent status (Available, Available (On Demand), On Break, Logged Out), max-no-answer, and resync from callcenter_config tables', () => {
    const m = new EslMapper({ instance: 'fs1' })
    const st = (s: string) => m.map({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': 'agent-status-change', 'CC-Agent': '1001@default', 'CC-Agent-Status': s }, T0 * S)[0]?.data
    expect([st('Available'), st('Available (On Demand)'), st('On Break'), st('Logged Out')]).toEqual([
      { status: 'available', origin: 'agent' }, { status: 'available', origin: 'agent' }, { status: 'aux', reasonCode: 'On Break', origin: 'agent' }, { status: 'offline', origin: 'agent' },
    ])
    expect(m.map({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': 'agent-max-no-answer', 'CC-Agent': '1001@default', 'CC-Agent-No-Answer-Status': 'On Break' }, T0 * S)[0]!.data).toEqual({ status: 'aux', reasonCode: 'On Break', origin: 'system' })
    const agents = 'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time\n1001@default|single_box||callback|user/1001|Available|Waiting|3|10\n1002@default|single_box||callback|user/1002|On Break|Waiting|3|10\n+OK\n'
    expect(m.resyncAgents(agents, T0 * S).map((e) => [e.agentId, e.data])).toEqual([['1001@default', { status: 'available', origin: 'system' }], ['1002@default', { status: 'aux', reasonCode: 'On Break', origin: 'system' }]])
    const members = 'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state\nsupport@default|single_box|m-9|s-9|13900000000|Bob|0|1699999990|0|0|0|0|0|||Waiting\n+OK\n'
    const waiting = m.resyncMembers(members, T0 * S)
    expect(waiting.map((e) => [e.type, e.contactId, e.time])).toEqual([['contact.created', 'm-9', 1_699_999_990 * S], ['contact.queued', 'm-9', 1_699_999_990 * S]])
    expect(m.resyncMembers(members, T0 * S)).toEqual([])
    m.map({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': 'something-new' }, T0 * S)
    expect(m.unknownEvents.get('callcenter::info something-new')).toBe(1)
  })
})
