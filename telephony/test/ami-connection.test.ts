/**
 * The AMI connection against a fake Asterisk over real TCP: login refused says so in one sentence
 * and backs off (no tight loop); a good login filters, turns events on and resyncs with QueueStatus;
 * events split at random byte boundaries arrive whole; a connection dropped mid-event reconnects,
 * resyncs, and closes the calls that left meanwhile; QueuePause carries a pause back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { AmiConnection, AmiMapper, Backoff, type SourceState } from '../src/index.ts'
import { FakeAmiServer } from '../src/testing.ts'

const until = async (ok: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}

let cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanup.reverse()) await c(); cleanup = [] })

function rig(server: FakeAmiServer, over: Partial<ConstructorParameters<typeof AmiConnection>[0]> = {}) {
  const events: CanonicalEvent[] = []
  const problems: string[] = []
  const states: SourceState[] = []
  const mapper = new AmiMapper({ instance: 'pbx1', leaveGraceMs: 50 })
  const conn = new AmiConnection({
    host: '127.0.0.1', port: server.port, username: 'agner', secret: 'secret', mapper, backoff: new Backoff(50, 400),
    onEvents: (e) => events.push(...e), onProblem: (p) => problems.push(p.reason), onState: (s) => states.push(s), ...over,
  })
  cleanup.push(() => conn.stop())
  return { conn, events, problems, states, mapper }
}

const JOIN = (uid: string, q = 'sales') => `Event: QueueCallerJoin\nPrivilege: agent,all\nChannel: SIP/trunk-1\nCallerIDNum: 13800001234\nUniqueid: ${uid}\nLinkedid: ${uid}\nQueue: ${q}\nPosition: 1\nCount: 1`

describe('AMI connection', () => {
  it('a wrong secret: one clear sentence, then a long wait, never a tight loop', async () => {
    const server = new FakeAmiServer()
    await server.listen()
    cleanup.push(() => server.close())
    const { conn, states } = rig(server, { secret: 'wrong' })
    conn.start()
    await until(() => states.some((s) => s.phase === 'retrying'))
    const s = conn.state
    expect(s.problem?.text.en).toBe(`AMI login refused for user 'agner' at 127.0.0.1:${server.port}: Authentication failed. Check the user name and secret against manager.conf on the PBX, and that its permit= lets Agner's address in (Asterisk answers both the same way); Agner keeps retrying.`)
    expect(s.problem?.text['zh-CN']).toContain('AMI 登录被拒绝')
    expect(s.said.text.en).toMatch(/^connecting: retry in 30 s$/)
    await new Promise((r) => setTimeout(r, 500))
    expect(server.failedLogins).toBe(1)
  })

  it('nothing listening: "unreachable", retried with capped backoff', async () => {
    const server = new FakeAmiServer()
    const port = await server.listen()
    await server.close()
    const { conn, states } = rig(server, { port })
    conn.start()
    await until(() => states.filter((s) => s.phase === 'retrying').length >= 3)
    expect(conn.state.problem?.text.en).toMatch(new RegExp(`^127.0.0.1:${port} unreachable: connect ECONNREFUSED`))
    const delays = states.filter((s) => s.phase === 'retrying').map((s) => s.retryAt! - s.since)
    expect(delays.slice(0, 3)).toEqual([50, 100, 200])
  })

  it('login, filter, events on, QueueStatus resync; split events arrive whole; a drop mid-event reconnects and resyncs', async () => {
    const server = new FakeAmiServer({ splitWrites: true })
    await server.listen()
    cleanup.push(() => server.close())
    server.queueStatus = [
      'Event: QueueParams\nQueue: sales\nMax: 0\nStrategy: ringall\nCalls: 1',
      'Event: QueueMember\nQueue: sales\nName: agent1001\nLocation: SIP/1001\nStateInterface: SIP/1001\nMembership: dynamic\nPenalty: 0\nCallsTaken: 3\nLastCall: 0\nStatus: 1\nPaused: 1\nPausedReason: lunch',
      'Event: QueueEntry\nQueue: sales\nPosition: 1\nChannel: SIP/trunk-0\nUniqueid: 1700000000.1\nCallerIDNum: 13900000000\nWait: 42\nPriority: 0',
    ]
    const { conn, events, problems } = rig(server, { pingEveryMs: 100 })
    conn.start()
    await until(() => conn.connected && events.length >= 3)
    expect(server.actions.map((a) => a.Action)).toEqual(['Login', 'Filter', 'Events', 'QueueStatus'])
    expect(server.actions[0]).toMatchObject({ Username: 'agner', Events: 'off' })
    expect(server.actions[1]!.Filter).toMatch(/^Event: \(QueueCaller\|Agent/)
    expect(events.map((e) => [e.type, e.agentId ?? e.contactId])).toEqual([
      ['agent.status_changed', 'agent1001'], ['agent.activity_changed', 'agent1001'], ['contact.created', '1700000000.1@sales'], ['contact.queued', '1700000000.1@sales'],
    ].slice(0, events.length))
    const waited = events.find((e) => e.type === 'contact.queued')!
    expect(Date.now() - waited.time).toBeGreaterThanOrEqual(42_000)

    for (let i = 2; i <= 21; i++) await server.event(JOIN(`1700000100.${i}`))
    await until(() => events.filter((e) => e.type === 'contact.queued').length === 21)
    await until(() => server.actions.filter((a) => a.Action === 'Ping').length >= 2)

    // Dropped in the middle of an event; meanwhile the resync caller left and one new caller waits.
    server.queueStatus = ['Event: QueueEntry\nQueue: sales\nPosition: 1\nChannel: SIP/trunk-9\nUniqueid: 1700000200.9\nCallerIDNum: 1\nWait: 3\nPriority: 0',
      ...Array.from({ length: 20 }, (_, k) => `Event: QueueEntry\nQueue: sales\nPosition: 1\nChannel: SIP/t\nUniqueid: 1700000100.${k + 2}\nWait: 5\nPriority: 0`)]
    server.drop('Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nUniqueid: 1700000300.1\r\n')
    await until(() => server.actions.filter((a) => a.Action === 'QueueStatus').length === 2 && events.some((e) => e.contactId === '1700000200.9@sales'))
    await until(() => events.some((e) => e.type === 'contact.dequeued'))
    expect(problems).toEqual(['the connection closed in the middle of a message (truncated block)'])
    const closed = events.filter((e) => e.type === 'contact.dequeued')
    expect(closed.map((e) => [e.contactId, e.data])).toEqual([['1700000000.1@sales', { waitMs: expect.any(Number), outcome: 'error', reason: 'it left while Agner was disconnected from AMI' }]])
    expect(server.logins).toBe(2)
  })

  it('a pause set in Agner goes to Asterisk as QueuePause with the reason; Asterisk echoes it', async () => {
    const server = new FakeAmiServer()
    await server.listen()
    cleanup.push(() => server.close())
    server.queueStatus = ['Event: QueueMember\nQueue: sales\nMemberName: agent1001\nInterface: PJSIP/1001\nStatus: 1\nPaused: 0']
    const { conn, events } = rig(server)
    conn.start()
    await until(() => events.some((e) => e.type === 'agent.status_changed'))
    await conn.pause('agent1001', true, 'training')
    expect(server.actions.at(-1)).toMatchObject({ Action: 'QueuePause', Interface: 'PJSIP/1001', Paused: 'true', Reason: 'training' })
    await until(() => events.some((e) => e.type === 'agent.status_changed' && (e.data as { status: string }).status === 'aux'))
    await expect(conn.pause('nobody', true)).rejects.toThrow('Asterisk has not told Agner which interface agent nobody uses')
  })
})
