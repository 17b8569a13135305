/**
 * Scheduling quality and speed: a synthetic center of 200 agents with 3 skills (multi-skill agents,
 * full- and part-time contracts, availability limits, time off), one week in 15-minute intervals,
 * scheduled with a 60 s limit. Printed next to the LP relaxation of the shift selection (the lower
 * bound on paid hours and on the objective, solved in the same run) as ratios. Then the demo
 * center's generated week (`--demo`): coverage % and mean predicted service level. Method in
 * bench/README.md.
 */
import { buildSchedule, syntheticWeek } from '../wfm/src/index.ts'

const AGENTS = Number(process.env.BENCH_AGENTS ?? 200)
const LIMIT = Number(process.env.BENCH_LIMIT_SEC ?? 60)

const input = { ...syntheticWeek({ agents: AGENTS, skills: 3, intervalMin: 15 }), timeLimitSec: LIMIT }
const requiredHours = input.requirements.reduce((s, r) => s + r.agents.reduce((a, b) => a + b, 0), 0) / 4
const underPenalty = input.underPenalty ?? 20
console.log(`schedule: ${AGENTS} agents, 3 skills, 7 days × 96 intervals; ${Math.round(requiredHours).toLocaleString('en')} required agent-hours; limit ${LIMIT} s`)
const t0 = performance.now()
const s = await buildSchedule(input)
const seconds = (performance.now() - t0) / 1000
const t = s.coverage.totals
const lp = s.solver.lpBound
const objective = t.paidHours + underPenalty * t.underHours
console.log(`  time to schedule: ${seconds.toFixed(1)} s (shift selection ${s.solver.status}, MILP gap ${(s.solver.gap * 100).toFixed(2)} %)`)
console.log(`  shifts: ${s.shifts.length}; paid hours ${t.paidHours.toFixed(1)}; under-staffed ${t.underHours.toFixed(2)} agent-hours; over-staffed ${t.overHours.toFixed(1)}`)
console.log(`  coverage ${(t.coveragePct * 100).toFixed(2)} %; mean predicted SL ${((t.meanServiceLevel ?? 0) * 100).toFixed(1)} %`)
if (lp) {
  console.log(`  LP relaxation: paid hours ${lp.paidHours.toFixed(1)}, objective ${lp.objective.toFixed(1)} (paid hours + ${underPenalty} × under-staffed agent-hours)`)
  console.log(`  ratio paid hours / LP paid hours: ${(t.paidHours / lp.paidHours).toFixed(3)}`)
  console.log(`  ratio objective / LP objective:   ${(objective / lp.objective).toFixed(3)} (schedule objective ${objective.toFixed(1)}, breaks placed)`)
} else {
  console.log(`  LP relaxation: not solved within the ${LIMIT} s limit, so no ratios (raise BENCH_LIMIT_SEC)`)
}
console.log(`  rule violations: ${s.violations.length}; problems: ${s.problems.length ? s.problems.map((p) => p.message).join(' | ') : 'none'}`)

if (process.argv.includes('--demo')) {
  // The demo center's generated week, through the server as a planner would: 8 weeks of seeded
  // history, next week's forecast per queue, the schedule with the same time limit.
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { loadConfig, startAgner } = await import('../ingest/src/index.ts')
  const { freePort } = await import('@agner/events/testing')
  const dataDir = mkdtempSync(join(tmpdir(), 'agner-bench-schedule-'))
  const password = 'bench admin password'
  const agner = await startAgner(loadConfig({}, { demo: true, demoRate: 0, demoHistoryWeeks: 8, demoSchedules: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'Asia/Shanghai', adminPassword: password }))
  try {
    const login = await fetch(`${agner.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) })
    const { csrfToken } = await login.json() as { csrfToken: string }
    const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
    const local = new Date(Date.now() + 8 * 3_600_000)
    const monday = new Date(local.getTime() + (7 - ((local.getUTCDay() + 6) % 7)) * 86_400_000).toISOString().slice(0, 10)
    const t1 = performance.now()
    const res = await fetch(`${agner.url}/api/wfm/schedules`, { method: 'POST', headers, body: JSON.stringify({ week: monday, timeLimitSec: LIMIT }) })
    const d = await res.json() as {
      shifts: unknown[]; agents: unknown[]; coverage: { totals: { paidHours: number; coveragePct: number; underHours: number; meanServiceLevel: number | null } }
      simulation: { serviceLevel: Array<number | null>; offered: number[] }; solver: { gap: number; lpBound?: { paidHours: number } }; problems: Array<{ message: string }>
    }
    const sim = d.simulation
    const offered = sim.offered.reduce((a, b) => a + b, 0)
    const simSl = sim.serviceLevel.reduce((a: number, x, i) => a + (x ?? 0) * sim.offered[i]!, 0) / offered
    console.log(`\ndemo center, week of ${monday}: ${d.agents.length} agents, ${d.shifts.length} shifts, ${((performance.now() - t1) / 1000).toFixed(1)} s (forecast + schedule + simulation)`)
    console.log(`  coverage ${(d.coverage.totals.coveragePct * 100).toFixed(1)} %; paid hours ${d.coverage.totals.paidHours}; under-staffed ${d.coverage.totals.underHours.toFixed(1)} agent-hours; MILP gap ${(d.solver.gap * 100).toFixed(2)} %`)
    console.log(`  mean predicted SL (Erlang per queue) ${((d.coverage.totals.meanServiceLevel ?? 0) * 100).toFixed(1)} %; simulated SL ${(simSl * 100).toFixed(1)} % (${Math.round(offered).toLocaleString('en')} contacts)`)
    console.log(`  problems: ${d.problems.map((p) => p.message).join(' | ') || 'none'}`)
  } finally {
    await agner.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
