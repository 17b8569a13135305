/**
 * The event-socket connection against a fake FreeSWITCH over real TCP: a wrong password says so and
 * backs off; a good one subscribes (json or plain) and resyncs from callcenter_config lists; events
 * in both framings map alike; a drop reconnects; an agent status goes back as callcenter_config.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { Backoff, EslConnection, EslMapper, type SourceState } from '../src/index.ts'
import { FakeEslServer } from '../src/testing.ts'

const until = async (ok: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}
let cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanup.reverse()) await c(); cleanup = [] })

async function rig(password: string, framing: 'json' | 'plain' = 'json') {
  const server = new FakeEslServer()
  await server.listen()
  const events: CanonicalEvent[] = []
  const states: SourceState[] = []
  const conn = new EslConnection({
    host: '127.0.0.1', port: server.port, password, framing, mapper: new EslMapper({ instance: 'fs1' }), backoff: new Backoff(50, 400),
    onEvents: (e) => events.push(...e), onProblem: () => undefined, onState: (s) => states.push(s),
  })
  cleanup.push(() => server.close(), () => conn.stop())
  return { server, conn, events, states }
}

const T0 = 1_700_000_000
const cc = (action: string, extra: Record<string, string>) => ({
  'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': action, 'CC-Queue': 'support@default', 'CC-Member-UUID': 'm-1',
  'CC-Member-Session-UUID': 's-1', 'CC-Member-CID-Name': 'CHOUINARD MO', 'CC-Member-CID-Number': '4385551212', ...extra,
})

describe('FreeSWITCH event socket connection', () => {
  it('a wrong password: one sentence in both languages, a long wait, no tight loop', async () => {
    const { server, conn, states } = await rig('wrong')
    conn.start()
    await until(() => states.some((s) => s.phase === 'retrying'))
    expect(conn.state.problem?.text.en).toBe(`FreeSWITCH event socket refused the password at 127.0.0.1:${server.port}: -ERR invalid. Check it against event_socket.conf.xml on the PBX; Agner keeps retrying.`)
    expect(conn.state.problem?.text['zh-CN']).toContain('拒绝了')
    expect(conn.state.retryAt! - conn.state.since).toBe(30_000)
    await new Promise((r) => setTimeout(r, 300))
    expect(server.authFailures).toBe(1)
  })

  it('an address FreeSWITCH\'s ACL turns away: said as that (not a wrong host or password), with what to change, and a long wait', async () => {
    const { server, conn, states } = await rig('ClueCon')
    server.rejectAddress = true
    conn.start()
    await until(() => states.some((s) => s.phase === 'retrying'))
    expect(conn.state.problem?.code).toBe('eslAclRejected')
    expect(conn.state.problem?.text.en).toBe(`FreeSWITCH at 127.0.0.1:${server.port} turned Agner's address away (Access Denied, go away.): its event socket takes only the addresses on the list that apply-inbound-acl in event_socket.conf.xml names (the local machine only when unset). Add Agner's address to that list in acl.conf.xml and run reloadacl; Agner keeps retrying.`)
    expect(conn.state.problem?.text['zh-CN']).toContain('apply-inbound-acl')
    expect(conn.state.retryAt! - conn.state.since).toBe(30_000)
    expect(server.commands).toEqual([]) // no password was sent to a server that had turned us away
  })

  for (const framing of ['json', 'plain'] as const) {
    it(`${framing}: subscribes, resyncs from callcenter_config, maps a call, reconnects after a drop`, async () => {
      const { server, conn, events } = await rig('ClueCon', framing)
      server.api['callcenter_config agent list'] = 'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time\n1001@default|single_box||callback|user/1001|On Break|Waiting|3|10\n+OK\n'
      server.api['callcenter_config queue list members'] = 'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state\nsupport@default|single_box|m-0|s-0|139|Bob|0|1699999990|0|0|0|0|0|||Waiting\n+OK\n'
      conn.start()
      await until(() => conn.connected && events.length >= 3)
      expect(server.commands).toEqual(['auth ***', `event ${framing} CUSTOM callcenter::info CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP`,
        'api callcenter_config agent list', 'api callcenter_config queue list', 'api callcenter_config queue list members support@default'])
      expect(events.map((e) => [e.type, e.agentId ?? e.contactId])).toEqual([['agent.status_changed', '1001@default'], ['contact.created', 'm-0'], ['contact.queued', 'm-0']])
      server.event(cc('member-queue-start', { 'CC-Member-Joined-Time': String(T0), 'Event-Date-Timestamp': String(T0 * 1e6) }))
      server.event(cc('bridge-agent-start', { 'CC-Agent': '1001@default', 'CC-Agent-Called-Time': String(T0 + 5), 'CC-Agent-Answered-Time': String(T0 + 8), 'CC-Member-Joined-Time': String(T0) }))
      await until(() => events.some((e) => e.type === 'contact.connected'))
      expect(events.find((e) => e.type === 'contact.created' && e.contactId === 'm-1')!.data).toEqual({ direction: 'inbound', initiation: 'inbound', ani: '4385551212' })
      expect(events.find((e) => e.type === 'contact.connected')!.data).toEqual({ agentId: '1001@default', waitMs: 8000, ringMs: 3000 })
      await conn.setAgentStatus('1001@default', 'Available')
      expect(server.commands.at(-1)).toBe("api callcenter_config agent set status 1001@default 'Available'")
      server.drop()
      await until(() => server.commands.filter((c) => c === 'auth ***').length === 2 && conn.connected)
    })
  }
})
