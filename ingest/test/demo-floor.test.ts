/**
 * The live demo's floor answers to its supervisor: a status set from the agents view on one of the
 * simulated agents is carried out in the simulation that drives them (not in the embedded ACD, which
 * the simulation would overrule with its next event), and stays.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'
import { signIn, type SignedIn } from './support/access.ts'

let c: AccessCenter
let sup: SignedIn
beforeAll(async () => {
  c = await startAccessCenter({ demoRate: 5 })
  sup = await signIn(c.url, 'supervisor', c.passwords.supervisor)
}, 120_000)
afterAll(async () => { await c?.dispose() })

interface Agent { agentId: string; state: string; reasonCode: string | null; queues: string[] }
const agents = async (): Promise<Agent[]> => ((await (await fetch(`${c.url}/api/live`, { headers: sup.headers })).json()) as { agents: Agent[] }).agents
const setStatus = (agentId: string, body: object) => fetch(`${c.url}/api/agents/${agentId}/status`, { method: 'POST', headers: { ...sup.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })

it('a simulated agent set ready by the supervisor works, and one sent on a break stays on it', async () => {
  // The simulation's agents of the supervisor's team (sales, vip), not the two people sign in as.
  let team: Agent[] = []
  for (let i = 0; i < 50 && team.length === 0; i++) {
    team = (await agents()).filter((a) => !['agent-01', 'agent-04'].includes(a.agentId) && a.queues.some((q) => q === 'sales' || q === 'vip'))
    if (team.length === 0) await new Promise((r) => setTimeout(r, 100))
  }
  expect(team.length).toBeGreaterThan(0)
  const offline = team.find((a) => a.state === 'offline')
  if (offline) {
    expect((await setStatus(offline.agentId, { status: 'available' })).status).toBe(200)
    await expect.poll(async () => (await agents()).find((a) => a.agentId === offline.agentId)?.state, { timeout: 5_000 }).not.toBe('offline')
  }
  // An idle agent (ready) goes on a break and stays there: the simulation does not put them back.
  let ready: Agent | undefined
  await expect.poll(async () => (ready = (await agents()).find((a) => team.some((t) => t.agentId === a.agentId) && a.state === 'ready')), { timeout: 15_000 }).toBeDefined()
  expect((await setStatus(ready!.agentId, { status: 'aux', reasonCode: 'training' })).status).toBe(200)
  await expect.poll(async () => (await agents()).find((a) => a.agentId === ready!.agentId), { timeout: 5_000 }).toMatchObject({ state: 'aux', reasonCode: 'training' })
  await new Promise((r) => setTimeout(r, 2_000))
  expect((await agents()).find((a) => a.agentId === ready!.agentId)).toMatchObject({ state: 'aux', reasonCode: 'training' })
  // Carried out by the simulation (its own source), with the supervisor as its origin.
  const stored = async () => {
    const rs = await c.agner.store.client.query({
      query: `SELECT source_kind AS kind, JSONExtractString(data, 'origin') AS origin FROM events WHERE agent_id = {agent:String} AND type = 'agent.status_changed'
              AND JSONExtractString(data, 'reasonCode') = 'training' ORDER BY time_ms DESC LIMIT 1`,
      query_params: { agent: ready!.agentId }, format: 'JSONEachRow',
    })
    return (await rs.json<{ kind: string; origin: string }>())[0]
  }
  await expect.poll(stored, { timeout: 10_000 }).toEqual({ kind: 'simulator', origin: 'supervisor' })
  // Another team's agent is not the supervisor's to change.
  const other = (await fetch(`${c.url}/api/agents/agent-02/status`, { method: 'POST', headers: { ...sup.headers, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'offline' }) })).status
  expect(other).toBe(404)
}, 60_000)
