/**
 * Fault: the server (and its ACD) restarted mid-day. The new process recovers the agents' states
 * from the store, and no contact is left waiting forever: the ones in flight are closed with
 * outcome `error` and the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { RESTART_REASON } from '@agner/telephony'
import { apiToken, signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter } from './support/access-center.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'agner-acd-restart-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('restores agent states and closes the contacts left in flight, with the reason', async () => {
  const first = await startAccessCenter({ dataDir })
  const agentPassword = first.passwords.agent
  const agent = await signIn(first.url, 'agent', agentPassword)
  const adapter = { authorization: `Bearer ${await apiToken(first.agner.access.directory, ['events:write'])}`, 'content-type': 'application/json' }
  const post = (url: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers, ...(body ? { body: JSON.stringify(body) } : {}) }).then(async (r) => ({ status: r.status, body: await r.json() as Record<string, unknown> }))
  await post(first.url, '/api/agent/status', { ...agent.headers, 'content-type': 'application/json' }, { status: 'available' })
  const talking = (await post(first.url, '/api/acd/contacts', adapter, { queueId: 'sales' })).body.contactId as string
  const state = await fetch(`${first.url}/api/agent`, { headers: agent.headers }).then((r) => r.json()) as { offer: { offerId: string } }
  await post(first.url, `/api/agent/offers/${state.offer.offerId}/accept`, agent.headers)
  const waiting = (await post(first.url, '/api/acd/contacts', adapter, { queueId: 'sales' })).body.contactId as string
  await first.dispose()

  const second = await startAccessCenter({ dataDir, adminPassword: ADMIN_PASSWORD })
  try {
    expect(second.agner.acd.engine.waitingCount).toBe(0)
    const again = await signIn(second.url, 'agent', agentPassword)
    expect(await fetch(`${second.url}/api/agent`, { headers: again.headers }).then((r) => r.json())).toMatchObject({ status: 'available', activity: 'idle', offer: null, contacts: [] })
    const rows = async (contactId: string) => (await second.agner.store.client.query({
      query: 'SELECT type, data FROM events FINAL WHERE contact_id = {c:String} ORDER BY time_ms, id', query_params: { c: contactId }, format: 'JSONEachRow',
    })).json<{ type: string; data: string }>()
    await expect.poll(async () => (await rows(waiting)).map((r) => r.type)).toContain('contact.dequeued')
    const dq = (await rows(waiting)).find((r) => r.type === 'contact.dequeued')!
    expect(JSON.parse(dq.data)).toMatchObject({ outcome: 'error', reason: RESTART_REASON })
    await expect.poll(async () => (await rows(talking)).map((r) => r.type)).toContain('contact.wrapup_ended')
    expect(JSON.parse((await rows(talking)).find((r) => r.type === 'contact.ended')!.data)).toMatchObject({ endedBy: 'system', reason: RESTART_REASON })
    // The live view agrees: nobody is waiting in sales, and the agent is ready.
    const supervisor = await signIn(second.url, 'supervisor', first.passwords.supervisor)
    await expect.poll(async () => {
      const live = await fetch(`${second.url}/api/live`, { headers: supervisor.headers }).then((r) => r.json()) as { queues: Array<{ queueId: string; waiting: number }>; agents: Array<{ agentId: string; state: string }> }
      return [live.queues.find((q) => q.queueId === 'sales')?.waiting, live.agents.find((a) => a.agentId === 'agent-01')?.state]
    }).toEqual([0, 'ready'])
  } finally {
    await second.dispose()
  }
}, 90_000)
