/**
 * Scheduling quality and speed: a synthetic center of 200 agents with 3 skills (multi-skill agents,
 * full- and part-time contracts, availability limits, time off), one week in 15-minute intervals,
 * scheduled with a 60 s limit. Printed next to the LP relaxation of the shift selection (the lower
 * bound on paid hours and on the objective, solved in the same run) as ratios. Then the demo
 * center's generated week (`--demo`): coverage % and mean predicted service level. Method in
 * bench/README.md.
 */
import { addCover, buildSchedule, shortageCost, syntheticWeek, type ScheduledShift } from '../wfm/src/index.ts'

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
// The scheduler's objective: paid hours plus the stepped shortage cost (wfm shortage.ts) per interval, in agent-hours × penalty.
const stepH = input.intervalMin / 60
const shortage = s.coverage.intervals.reduce((x, iv) => x + shortageCost(iv.under, iv.required) * stepH, 0)
const objective = t.paidHours + underPenalty * shortage
console.log(`  time to schedule: ${seconds.toFixed(1)} s (shift selection ${s.solver.status}, MILP gap ${(s.solver.gap * 100).toFixed(2)} %)`)
const im = s.solver.improved
if (im) console.log(`  local search after the MILP: ${im.added} added, ${im.moved} moved, ${im.dropped} dropped; objective (expected cover) ${im.before} → ${im.after}`)
console.log(`  shifts: ${s.shifts.length}; paid hours ${t.paidHours.toFixed(1)}; under-staffed ${t.underHours.toFixed(2)} agent-hours; over-staffed ${t.overHours.toFixed(1)}`)
console.log(`  coverage ${(t.coveragePct * 100).toFixed(2)} %; mean predicted SL ${((t.meanServiceLevel ?? 0) * 100).toFixed(1)} %`)
if (lp) {
  console.log(`  LP relaxation: paid hours ${lp.paidHours.toFixed(1)}, objective ${lp.objective.toFixed(1)} (paid hours + ${underPenalty} × the stepped shortage cost in agent-hours)`)
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
    // As a planner works: this week is generated and published first, so its Sunday night shifts
    // carry into next Monday's first hours (carry-in), then next week is generated.
    const thisMonday = new Date(Date.parse(`${monday}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10)
    const current = await (await fetch(`${agner.url}/api/wfm/schedules`, { method: 'POST', headers, body: JSON.stringify({ week: thisMonday, timeLimitSec: LIMIT }) })).json() as { id: string }
    await fetch(`${agner.url}/api/wfm/schedules/${current.id}/publish`, { method: 'POST', headers: { cookie: headers.cookie, 'x-csrf-token': headers['x-csrf-token'] } })
    const t1 = performance.now()
    const res = await fetch(`${agner.url}/api/wfm/schedules`, { method: 'POST', headers, body: JSON.stringify({ week: monday, timeLimitSec: LIMIT }) })
    const d = await res.json() as {
      shifts: unknown[]; agents: unknown[]; coverage: { intervals: Array<{ required: number; scheduled: number }>; totals: { paidHours: number; coveragePct: number; underHours: number; meanServiceLevel: number | null } }
      simulation: { serviceLevel: Array<number | null>; offered: number[] }; solver: { gap: number; lpBound?: { paidHours: number }; improved?: { added: number; moved: number; dropped: number; before: number; after: number; kept: boolean } }
      problems: Array<{ message: string }>; carriedIn?: Array<{ shift: ScheduledShift }>
      input: { requirements: Array<{ skill: string; agents: number[]; patienceSec?: number; pooling?: { factor: number; serviceLevel: number | null; uncorrected: number | null } }> }
    }
    // Agents on the phones per interval from last week's shifts that run into this one.
    const carriedOn = new Array<number>(d.coverage.intervals.length).fill(0)
    for (const c of d.carriedIn ?? []) addCover(c.shift, 15, carriedOn)
    const nobody = (iv: { required: number; scheduled: number }, k: number): boolean => iv.required > 0 && iv.scheduled <= 0 && carriedOn[k]! <= 0
    const sim = d.simulation
    const offered = sim.offered.reduce((a, b) => a + b, 0)
    const simSl = sim.serviceLevel.reduce((a: number, x, i) => a + (x ?? 0) * sim.offered[i]!, 0) / offered
    console.log(`\ndemo center, week of ${monday}: ${d.agents.length} agents, ${d.shifts.length} shifts, ${((performance.now() - t1) / 1000).toFixed(1)} s (forecast + schedule + simulation)`)
    const sizing = d.input.requirements.map((r) => `${r.skill} ${r.patienceSec ? `A ${Math.round(r.patienceSec)} s` : 'C'} ×${r.pooling?.factor.toFixed(2) ?? '1'} (sim ${r.pooling?.uncorrected !== undefined && r.pooling.uncorrected !== null ? (r.pooling.uncorrected * 100).toFixed(1) : '—'} → ${r.pooling?.serviceLevel !== undefined && r.pooling.serviceLevel !== null ? (r.pooling.serviceLevel * 100).toFixed(1) : '—'} %)`)
    const reqH = d.input.requirements.reduce((x, r) => x + r.agents.reduce((a, b) => a + b, 0), 0) / 4
    console.log(`  requirement ${Math.round(reqH).toLocaleString('en')} agent-h after carry-in; per queue (Erlang A/C, pooling factor, simulated SL of the requirement before → after): ${sizing.join('; ')}`)
    const imd = d.solver.improved
    console.log(`  carried in from this week: ${d.carriedIn?.length ?? 0} shifts; local search after the MILP: ${imd ? `${imd.added} added, ${imd.moved} moved, ${imd.dropped} dropped, objective ${imd.before} → ${imd.after}${imd.kept ? '' : ' (not kept)'}` : 'not needed'}`)
    console.log(`  coverage ${(d.coverage.totals.coveragePct * 100).toFixed(1)} %; paid hours ${d.coverage.totals.paidHours}; under-staffed ${d.coverage.totals.underHours.toFixed(1)} agent-hours; MILP gap ${(d.solver.gap * 100).toFixed(2)} %`)
    console.log(`  mean predicted SL (Erlang per queue) ${((d.coverage.totals.meanServiceLevel ?? 0) * 100).toFixed(1)} %; simulated SL ${(simSl * 100).toFixed(1)} % (${Math.round(offered).toLocaleString('en')} contacts)`)
    // The same measure over the week before, from the demo's own history (the queue-performance report, every queue).
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
    const mondayMs = Date.parse(`${monday}T00:00:00Z`)
    const hist = await (await fetch(`${agner.url}/api/reports/queue-performance?from=${day(mondayMs - 14 * 86_400_000)}&to=${day(mondayMs - 8 * 86_400_000)}&interval=week`, { headers })).json() as { sections: Array<{ id: string; totals: { serviceLevel: number | null; offered: number } }> }
    const histTotals = hist.sections.find((x) => x.id === 'byQueue')!.totals
    // The hours that history had: the roster the demo's history follows is not bound by the contracts.
    const agentsWeek = await (await fetch(`${agner.url}/api/reports/agent-performance?from=${day(mondayMs - 14 * 86_400_000)}&to=${day(mondayMs - 8 * 86_400_000)}`, { headers })).json() as { sections: Array<{ totals?: { loggedIn?: number } }> }
    const loggedH = (agentsWeek.sections.find((x) => x.totals?.loggedIn !== undefined)?.totals?.loggedIn ?? 0) / 3_600_000
    const empty = d.coverage.intervals.filter(nobody).length
    console.log(`  history SL, the week before (${day(mondayMs - 14 * 86_400_000)}–${day(mondayMs - 8 * 86_400_000)}, every queue): ${((histTotals.serviceLevel ?? 0) * 100).toFixed(1)} % (${histTotals.offered.toLocaleString('en')} contacts, ${Math.round(loggedH).toLocaleString('en')} logged-in agent-hours against the schedule's ${d.coverage.totals.paidHours.toLocaleString('en')} paid); simulated − history: ${((simSl - (histTotals.serviceLevel ?? 0)) * 100).toFixed(1)} points`)
    const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    const at = (k: number): string => `${names[Math.floor(k / 96)]} ${String(Math.floor((k % 96) / 4)).padStart(2, '0')}:${String((k % 4) * 15).padStart(2, '0')}`
    const emptyAt = d.coverage.intervals.flatMap((iv, k) => (nobody(iv, k) ? [`${at(k)} (${iv.required})`] : []))
    console.log(`  intervals with demand and nobody scheduled: ${empty} of ${d.coverage.intervals.filter((iv) => iv.required > 0).length}${emptyAt.length ? `: ${emptyAt.slice(0, 12).join(', ')}${emptyAt.length > 12 ? ', …' : ''}` : ''}`)
    console.log(`  problems: ${d.problems.map((p) => p.message).join(' | ') || 'none'}`)
  } finally {
    await agner.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
