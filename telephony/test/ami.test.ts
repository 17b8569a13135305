/**
 * AMI bytes → messages → canonical events, on the reference's real captures (telephony.md §8.1):
 * framing at any byte boundary, units (RingTime ms in AgentRingNoAnswer, s in AgentConnect),
 * pre-12 names, bad bytes reported with their offset, and the same ids as queue_log for one call.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateEvent, type CanonicalEvent } from '@agner/events'
import { AmiFrameReader, AmiMapper, parseQueueLogLine, QueueLogMapper, type AmiFrame } from '../src/index.ts'
import { syntheticCenter } from '../src/testing.ts'

const CAPTURE = readFileSync(new URL('./fixtures/ami-reference-8.1.txt', import.meta.url))
const S = 1000

function frames(chunks: Buffer[]): AmiFrame[] {
  const r = new AmiFrameReader()
  return [...chunks.flatMap((c) => r.push(c)), ...r.end()]
}
function mapAll(fs: AmiFrame[], mapper = new AmiMapper({ instance: 'pbx1' }), at = 1594054062 * S): CanonicalEvent[] {
  const out: CanonicalEvent[] = []
  for (const f of fs) if (f.kind === 'message') out.push(...mapper.map(f.message, at))
  out.push(...mapper.tick(Infinity))
  return out
}

describe('AMI framing', () => {
  it('the capture split at random byte boundaries gives the same messages as in one piece', () => {
    const whole = frames([CAPTURE])
    expect(whole[0]).toMatchObject({ kind: 'banner', text: 'Asterisk Call Manager/5.0.1' })
    expect(whole.filter((f) => f.kind === 'message')).toHaveLength(8)
    expect(whole.some((f) => f.kind === 'problem')).toBe(false)
    for (let seed = 1; seed <= 50; seed++) {
      const chunks: Buffer[] = []
      let i = 0
      let x = seed
      while (i < CAPTURE.length) { x = (x * 1103515245 + 12345) % 2 ** 31; const n = 1 + (x % 97); chunks.push(CAPTURE.subarray(i, i + n)); i += n }
      expect(frames(chunks)).toEqual(whole)
    }
    const connect = whole.find((f) => f.kind === 'message' && f.message.headers.Event === 'AgentConnect')
    expect(connect?.kind === 'message' && connect.message.headers).toMatchObject({ HoldTime: '6', RingTime: '5', AccountCode: '', MemberName: 'agent1001' })
  })

  it('binary junk, a line without a colon, a 1 MB line and a block cut by a dropped connection are problems with offsets; neighbours survive', () => {
    const good = 'Event: QueueMemberPause\r\nQueue: sales\r\nMemberName: agent1001\r\nInterface: SIP/1001\r\nPaused: 1\r\nPausedReason: lunch\r\n\r\n'
    const junk = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x0d, 0x0a, 0x0d, 0x0a])
    const big = `Event: UserEvent\r\nData: ${'x'.repeat(1024 * 1024)}\r\n\r\n`
    const r = new AmiFrameReader()
    const out = [
      ...r.push('Asterisk Call Manager/2.10.4\r\n'), ...r.push(good), ...r.push(junk), ...r.push('garbage line\r\n\r\n'), ...r.push(good),
      ...r.push(big), ...r.push(good), ...r.push('Event: QueueCallerJoin\r\nQueue: sa'), ...r.end(),
    ]
    const kinds = out.map((f) => f.kind)
    expect(kinds).toEqual(['banner', 'message', 'problem', 'problem', 'message', 'problem', 'message', 'problem'])
    const problems = out.filter((f) => f.kind === 'problem')
    expect(problems.map((p) => p.problem)).toEqual([
      expect.stringMatching(/^not an AMI line/), expect.stringMatching(/^not an AMI line: "garbage line"/),
      'a message longer than 262144 bytes; dropped', 'the connection closed in the middle of a message (truncated block)',
    ])
    expect(problems[0]!.kind === 'problem' && problems[0]!.offset).toBe(30 + good.length)
  })
})

describe('AMI events → canonical', () => {
  it('the reference call: queued, offered, answered after 6 s wait with 5 s ring (s), 15 s talk, ended by a transfer', () => {
    const events = mapAll(frames([CAPTURE]))
    for (const e of events) expect(validateEvent(e, { now: Date.UTC(2030, 0, 1) }).ok, JSON.stringify(e)).toBe(true)
    const call = events.filter((e) => e.interactionId === '1594054062.123')
    expect(call.map((e) => e.type)).toEqual(['contact.created', 'contact.queued', 'contact.offered', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended'])
    expect(call.every((e) => e.contactId === '1594054062.123@201' && e.queueId === '201' && e.source.kind === 'asterisk-ami')).toBe(true)
    const by = (type: string) => call.find((e) => e.type === type)!.data
    expect(by('contact.created')).toEqual({ direction: 'inbound', initiation: 'inbound', ani: '206399' })
    expect(by('contact.offered')).toMatchObject({ agentId: 'agent1001', offerId: '1594054062.123@201/offer/agent1001/1' })
    expect(by('contact.dequeued')).toEqual({ waitMs: 6 * S, outcome: 'answered' })
    expect(by('contact.connected')).toEqual({ agentId: 'agent1001', waitMs: 6 * S, ringMs: 5 * S })
    expect(by('contact.ended')).toEqual({ endedBy: 'transfer', talkMs: 15 * S, holdMs: 0, holdCount: 0 })
    // The other calls of the capture: a ring-no-answer of 15,000 ms, an abandon after 6 s.
    const rna = events.find((e) => e.type === 'contact.offer_ended' && e.interactionId === '1594068281.147')!
    expect(rna.data).toMatchObject({ ringMs: 15_000, outcome: 'timeout', agentId: 'agent1001' })
    const abandon = events.find((e) => e.type === 'contact.dequeued' && e.interactionId === '1594058334.130')!
    expect(abandon.data).toEqual({ waitMs: 6 * S, outcome: 'abandoned', position: 1 })
    // Asterisk 11 / XiVO member status (Location, no Interface): the member's device is free.
    expect(events.find((e) => e.type === 'agent.activity_changed' && e.agentId === 'Agent/401')?.data).toEqual({ activity: 'idle' })
  })

  it('pauses: PausedReason (master) and Reason (13/16) and the pre-12 QueueMemberPaused with Location; once per agent, not per queue', () => {
    const m = new AmiMapper({ instance: 'pbx1', agentField: 'Interface' })
    const msg = (h: Record<string, string>) => ({ headers: h, raw: '', offset: 0 })
    const t = 1_700_000_300 * S
    const a = m.map(msg({ Event: 'QueueMemberPause', Queue: 'sales', Interface: 'SIP/1001', MemberName: 'Ann', Paused: '1', PausedReason: 'lunch' }), t)
    const b = m.map(msg({ Event: 'QueueMemberPause', Queue: 'support', Interface: 'SIP/1001', MemberName: 'Ann', Paused: '1', PausedReason: 'lunch' }), t + 10)
    const c = m.map(msg({ Event: 'QueueMemberPause', Queue: 'sales', Interface: 'SIP/1002', Paused: '1', Reason: 'training' }), t)
    const d = m.map(msg({ Event: 'QueueMemberPaused', Queue: 'sales', Location: 'SIP/1003', Paused: '0' }), t)
    expect(a[0]).toMatchObject({ agentId: 'SIP/1001', data: { status: 'aux', reasonCode: 'lunch' } })
    expect(b[0]!.id).toBe(a[0]!.id)
    expect(c[0]).toMatchObject({ agentId: 'SIP/1002', data: { status: 'aux', reasonCode: 'training' } })
    expect(d[0]).toMatchObject({ agentId: 'SIP/1003', data: { status: 'available' } })
    expect(m.map(msg({ Event: 'SomethingNew' }), t)).toEqual([])
    expect(m.unknownEvents.get('SomethingNew')).toBe(1)
  })

  it('a leave with no connect and no abandon is a timeout after the grace, or nothing when queue_log decides outcomes', () => {
    const { records } = syntheticCenter({ start: 1_700_000_000 * S, calls: 200, seed: 3 })
    const run = (outcomesFromQueueLog: boolean) => {
      const m = new AmiMapper({ instance: 'pbx1', outcomesFromQueueLog })
      const r = new AmiFrameReader()
      const out: CanonicalEvent[] = []
      for (const rec of records) if (rec.ami) for (const f of r.push(rec.ami)) if (f.kind === 'message') out.push(...m.map(f.message, rec.time))
      out.push(...m.tick(Infinity))
      expect(m.openVisits).toBe(0)
      return out.filter((e) => e.type === 'contact.dequeued').map((e) => (e.data as { outcome: string }).outcome)
    }
    const alone = run(false)
    expect(alone).toHaveLength(200)
    expect(new Set(alone)).toEqual(new Set(['answered', 'abandoned', 'timeout']))
    expect(run(true).filter((o) => o === 'timeout')).toHaveLength(0)
  })

  it('events without a Timestamp that arrive together keep Asterisk\'s order: each is 1 ms after the one before', () => {
    const m = new AmiMapper({ instance: 'pbx1' })
    const msg = (h: Record<string, string>) => ({ headers: h, raw: '', offset: 0 })
    const now = Date.now()
    const call = { Uniqueid: '1700000001.1', Linkedid: '1700000001.1', Queue: 'sales', MemberName: 'agent1001' }
    m.map(msg({ Event: 'QueueCallerJoin', Position: '1', ...call }), now)
    const called = m.map(msg({ Event: 'AgentCalled', ...call }), now)
    const connected = m.map(msg({ Event: 'AgentConnect', HoldTime: '2', RingTime: '1', ...call }), now)
    const activity = (es: CanonicalEvent[]) => es.find((e) => e.type === 'agent.activity_changed')!
    expect(activity(called).time).toBe(now + 1)
    expect(activity(connected).time).toBe(now + 2)
    expect((activity(connected).data as { activity: string }).activity).toBe('on_contact')
  })

  it('a leave replayed from the past waits its grace in arrival time: a connect a moment later still makes it answered', () => {
    const m = new AmiMapper({ instance: 'pbx1' })
    const msg = (h: Record<string, string>) => ({ headers: h, raw: '', offset: 0 })
    const now = Date.now()
    const call = { Uniqueid: '1700000000.9', Linkedid: '1700000000.9', Queue: 'sales' }
    m.map(msg({ Event: 'QueueCallerJoin', Timestamp: '1700000000.000000', Position: '1', ...call }), now)
    m.map(msg({ Event: 'QueueCallerLeave', Timestamp: '1700000012.000000', ...call }), now + 10)
    expect(m.tick(now + 500)).toEqual([])
    const connect = m.map(msg({ Event: 'AgentConnect', Timestamp: '1700000012.000000', MemberName: 'agent1001', HoldTime: '12', RingTime: '3', ...call }), now + 600)
    expect(connect.find((e) => e.type === 'contact.dequeued')?.data).toEqual({ waitMs: 12_000, outcome: 'answered' })
    expect(m.tick(now + 60_000)).toEqual([])
  })

  it('the same calls through AMI and through queue_log make the same ids for the same facts', () => {
    const { records } = syntheticCenter({ start: 1_700_000_000 * S, calls: 300, seed: 5 })
    const ami = new AmiMapper({ instance: 'pbx1', outcomesFromQueueLog: true })
    const ql = new QueueLogMapper({ instance: 'pbx1' })
    const r = new AmiFrameReader()
    const fromAmi: CanonicalEvent[] = []
    const fromLog: CanonicalEvent[] = []
    for (const rec of records) {
      if (rec.ami) for (const f of r.push(rec.ami)) if (f.kind === 'message') fromAmi.push(...ami.map(f.message, rec.time))
      if (rec.queueLog) { const p = parseQueueLogLine(rec.queueLog); if (p.ok) fromLog.push(...ql.map(p.line)) }
    }
    fromAmi.push(...ami.tick(Infinity))
    const visitFacts = (es: CanonicalEvent[]) => new Map(es.filter((e) => e.type.startsWith('contact.') && e.type !== 'contact.offered' && e.type !== 'contact.offer_ended').map((e) => [e.id, { type: e.type, time: e.time, contactId: e.contactId, data: e.data }]))
    const a = visitFacts(fromAmi)
    const l = visitFacts(fromLog)
    // Every fact AMI knows is queue_log's too, with the same id and the same values.
    for (const [id, fact] of a) expect(l.get(id), JSON.stringify(fact)).toEqual(fact)
    // queue_log adds the outcomes AMI cannot see (time-outs, exits with a key), nothing else.
    const extra = [...l.values()].filter((f) => ![...a.values()].some((x) => x.contactId === f.contactId && x.type === f.type))
    expect(new Set(extra.map((f) => f.type))).toEqual(new Set(['contact.dequeued', 'contact.ended', 'contact.ivr_step']))
    // Missed rings: the same offer ids from AgentRingNoAnswer and RINGNOANSWER.
    const rnaIds = (es: CanonicalEvent[]) => es.filter((e) => e.type === 'contact.offer_ended').map((e) => e.id).sort()
    expect(rnaIds(fromAmi)).toEqual(rnaIds(fromLog))
    expect(rnaIds(fromLog).length).toBeGreaterThan(20)
  })
})
