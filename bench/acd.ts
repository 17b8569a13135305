/**
 * ACD routing: 5,000 agents, 200 queues, 2,000 waiting contacts, skills with levels. Measures
 * routing decisions per second and per-decision latency (p50/p99) of the engine, against a
 * baseline measured in the same run: a naive router that scans every agent for every contact.
 * Method in bench/README.md.
 */
import { AcdEngine, pickAgent, type Candidate, type SkillNeed } from '../telephony/src/index.ts'
import { seededRandom } from '../telephony/src/traffic/random.ts'
import { percentile } from './_support.ts'

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5000)
const QUEUES = Number(process.env.BENCH_QUEUES ?? 200)
const WAITING = Number(process.env.BENCH_WAITING ?? 2000)
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 200_000)
const SKILLS = 50
const rng = seededRandom(7)

// Each agent has 5 of 50 skills at levels 1–10; each queue needs one skill at level ≥ 1–5.
const agentSkills = Array.from({ length: AGENTS }, () => {
  const s: Record<string, number> = {}
  while (Object.keys(s).length < 5) s[`s${Math.floor(rng.next() * SKILLS)}`] = 1 + Math.floor(rng.next() * 10)
  return s
})
const queueNeeds: SkillNeed[][] = Array.from({ length: QUEUES }, (_, i) => [{ skill: `s${i % SKILLS}`, minLevel: 1 + (i % 5) }])
const strategies = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const

let now = Date.UTC(2026, 10, 23, 9)
let events = 0
const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'bench' }, now, emit: () => { events++ } })
for (let q = 0; q < QUEUES; q++) {
  acd.addQueue({ id: `q${q}`, channel: 'voice', requiredSkills: queueNeeds[q]!, strategy: strategies[q % 4]!, serviceLevelMs: 20_000, ringTimeoutMs: 30_000, relax: [{ afterMs: 60_000, minLevel: 1 }] })
}
for (let a = 0; a < AGENTS; a++) acd.addAgent({ id: `a${a}`, skills: agentSkills[a]! })
// Everyone logs in but stays in aux, so the contacts pile up to the waiting level.
for (let a = 0; a < AGENTS; a++) acd.setStatus(`a${a}`, 'aux', 'meeting', 'agent')
for (let i = 0; i < WAITING; i++) acd.arrive({ queueId: `q${Math.floor(rng.next() * QUEUES)}`, priority: rng.next() < 0.1 ? 5 : 0 })

// Steady state: an agent comes free (one decision: which waiting contact), takes it, and a new
// contact arrives (one decision: which free agent; a fifth of the agents are free).
const freeShare = 0.2
for (let a = 0; a < AGENTS * freeShare; a++) acd.setStatus(`a${a}`, 'available', undefined, 'agent')
// The ones that got offers take them and go back to aux afterwards.
const lat: number[] = []
let offered: { agentId: string; offerId: string } | undefined
const t0 = performance.now()
let decisions = 0
for (let i = 0; i < DECISIONS / 2; i++) {
  now += 50
  acd.advance(now)
  const agent = `a${Math.floor(rng.next() * AGENTS)}`
  const st = acd.agent(agent)
  if (st.status !== 'aux' || st.contacts.size > 0 || st.offer) continue
  let t = performance.now()
  acd.setStatus(agent, 'available', undefined, 'agent')
  lat.push(performance.now() - t); decisions++
  const ringing = acd.agent(agent).offer
  if (ringing) { offered = { agentId: agent, offerId: ringing.id }; acd.accept(offered.agentId, offered.offerId) }
  const c = st.activityContact
  t = performance.now()
  acd.arrive({ queueId: `q${Math.floor(rng.next() * QUEUES)}` })
  lat.push(performance.now() - t); decisions++
  if (c && st.contacts.size > 0) { acd.end(agent, c); acd.wrapUp(agent, c, 'ok') }
  const after = acd.agent(agent)
  if (after.status === 'available' && !after.offer && after.contacts.size === 0) acd.setStatus(agent, 'aux', 'meeting', 'agent')
}
const engineMs = performance.now() - t0
const timed = lat.reduce((s, x) => s + x, 0)

// Baseline: a naive router — for each decision, scan all 5,000 agents and check skills.
const naiveAgents: Candidate[] = agentSkills.map((s, i) => ({ id: `a${i}`, index: i, idleSince: rng.next() * 1e6, skills: new Map(Object.entries(s)), occupancy: 0 }))
const free = naiveAgents.map(() => rng.next() < freeShare)
const baseN = Math.min(20_000, DECISIONS)
const tb = performance.now()
for (let i = 0; i < baseN; i++) {
  const needs = queueNeeds[i % QUEUES]!
  pickAgent(naiveAgents.filter((_, k) => free[k]), needs, 'longest_idle')
}
const baseMs = performance.now() - tb

lat.sort((a, b) => a - b)
const p50 = percentile(lat, 50), p99 = percentile(lat, 99), max = lat[lat.length - 1]!
const rate = decisions / (timed / 1000)
const baseRate = baseN / (baseMs / 1000)
console.log(`acd: ${AGENTS} agents, ${QUEUES} queues, ${acd.waitingCount} waiting at the end (${WAITING} at the start), ${decisions} timed decisions, ${events} events`)
console.log(`engine decisions:   ${Math.round(rate).toLocaleString('en')} /s   p50 ${p50.toFixed(3)} ms   p99 ${p99.toFixed(3)} ms   max ${max.toFixed(2)} ms`)
console.log(`loop wall time:     ${(engineMs / 1000).toFixed(1)} s (includes accepting, ending and wrapping up: ${Math.round(decisions / (engineMs / 1000)).toLocaleString('en')} decisions/s overall)`)
console.log(`baseline (naive scan of every agent): ${Math.round(baseRate).toLocaleString('en')} /s; engine / baseline: ${(rate / baseRate).toFixed(1)}×`)
console.log(`targets: ≥ 20,000 decisions/s (${rate >= 20_000 ? 'met' : 'not met'}), p99 ≤ 2 ms (${p99 <= 2 ? 'met' : 'not met'})`)
