/**
 * `agner simulate --scenario FILE.json [--hours H] [--seed N] [--json]`: runs a scenario through the
 * ACD in virtual time and prints per queue: offered, answered, abandoned, service level (answered
 * within T ÷ offered, the Erlang definition), ASA, AHT, and the agents' occupancy.
 */
import { readFileSync } from 'node:fs'
import { figures } from '@agner/analytics'
import { loadScenario, ScenarioError, simulate, type SimResult } from '@agner/telephony'

export interface SimulateArgs { scenario: string; hours?: number; seed?: number; json: boolean }

export interface SimulateReport {
  scenario: string
  hours: number
  seed: number | undefined
  agents: number
  contacts: number
  events: number
  wallMs: number
  occupancy: number
  queues: Array<{ queueId: string; offered: number; answered: number; abandoned: number; serviceLevel: number | null; serviceLevelFormula: 'offered'; asaSeconds: number | null; ahtSeconds: number | null; abandonRate: number | null }>
}

export function readScenario(path: string): ReturnType<typeof loadScenario> {
  let text: string
  try { text = readFileSync(path, 'utf8') } catch { throw new ScenarioError(`Cannot read the scenario file ${path}; check the path.`) }
  let raw: unknown
  try { raw = JSON.parse(text) } catch (err) { throw new ScenarioError(`The scenario file ${path} is not valid JSON (${(err as Error).message}).`) }
  return loadScenario(raw)
}

export function simulateReport(args: SimulateArgs): SimulateReport {
  const scenario = readScenario(args.scenario)
  const t = performance.now()
  const r: SimResult = simulate(scenario, { hours: args.hours, seed: args.seed })
  const wallMs = performance.now() - t
  const sec = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 10) / 100)
  return {
    scenario: scenario.name ?? args.scenario, hours: (r.end - r.start) / 3_600_000, seed: args.seed ?? scenario.seed, agents: r.agents,
    contacts: r.contacts, events: r.events, wallMs: Math.round(wallMs), occupancy: r.occupancy,
    queues: r.queues.map((q) => {
      const f = figures(q.counters, { formula: 'offered', flowOutsInDenominator: false })
      return {
        queueId: q.queueId, offered: f.offered, answered: f.answered, abandoned: f.abandoned, serviceLevel: f.serviceLevel, serviceLevelFormula: 'offered' as const,
        asaSeconds: sec(f.asaMs), ahtSeconds: sec(f.ahtMs), abandonRate: f.abandonRate,
      }
    }),
  }
}

export function simulateCommand(args: SimulateArgs): void {
  const report = simulateReport(args)
  if (args.json) { console.log(JSON.stringify(report, null, 2)); return }
  const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`)
  const num = (x: number | null): string => (x === null ? '—' : x.toFixed(1))
  console.log(`${report.scenario}: ${report.hours} h simulated in ${(report.wallMs / 1000).toFixed(1)} s, ${report.agents} agents, ${report.contacts} contacts, occupancy ${pct(report.occupancy)}`)
  console.log(['queue'.padEnd(16), 'offered', 'answered', 'abandoned', 'SL', 'ASA s', 'AHT s'].join('\t'))
  for (const q of report.queues) console.log([q.queueId.padEnd(16), q.offered, q.answered, q.abandoned, pct(q.serviceLevel), num(q.asaSeconds), num(q.ahtSeconds)].join('\t'))
}
