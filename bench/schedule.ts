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
const s = await buildSchedule(input, { withBound: true })
const seconds = (performance.now() - t0) / 1000
const t = s.coverage.totals
const lp = s.solver.lpBound!
const objective = t.paidHours + underPenalty * t.underHours
console.log(`  time to schedule: ${seconds.toFixed(1)} s (shift selection ${s.solver.status}, MILP gap ${(s.solver.gap * 100).toFixed(2)} %)`)
console.log(`  shifts: ${s.shifts.length}; paid hours ${t.paidHours.toFixed(1)}; under-staffed ${t.underHours.toFixed(2)} agent-hours; over-staffed ${t.overHours.toFixed(1)}`)
console.log(`  coverage ${(t.coveragePct * 100).toFixed(2)} %; mean predicted SL ${((t.meanServiceLevel ?? 0) * 100).toFixed(1)} %`)
console.log(`  LP relaxation: paid hours ${lp.paidHours.toFixed(1)}, objective ${lp.objective.toFixed(1)} (paid hours + ${underPenalty} × under-staffed agent-hours)`)
console.log(`  ratio paid hours / LP paid hours: ${(t.paidHours / lp.paidHours).toFixed(3)}`)
console.log(`  ratio objective / LP objective:   ${(objective / lp.objective).toFixed(3)} (schedule objective ${objective.toFixed(1)}, breaks placed)`)
console.log(`  rule violations: ${s.violations.length}; problems: ${s.problems.length ? s.problems.join(' | ') : 'none'}`)
