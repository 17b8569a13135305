/**
 * The demo history's roster keeps the demo's own contract (six days × 8 paid hours: 8.5-hour
 * shifts with an unpaid 30-minute lunch), so the history a planner compares a schedule against
 * had the hours the contracts give: 60 agents × 48 h = 2,880 paid hours a week.
 */
import { expect, it } from 'vitest'
import { demoHistoryScenario } from '@agner/seeds'
import type { ScenarioAgent } from '@agner/telephony'

const HOUR = 3_600_000
const OFFSET = 8 // Asia/Shanghai
// Monday 2026-11-02 00:00 in Shanghai.
const MONDAY_LOCAL = Date.UTC(2026, 10, 2) - OFFSET * HOUR

/** Each agent's shifts that start in the local week, as [start, end] ms (the simulator's rule: a shift on each listed UTC weekday). */
function shiftsInWeek(a: ScenarioAgent): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let day = MONDAY_LOCAL - 2 * 86_400_000; day < MONDAY_LOCAL + 9 * 86_400_000; day += 86_400_000) {
    const utcMidnight = Math.floor(day / 86_400_000) * 86_400_000
    const weekday = ((new Date(utcMidnight).getUTCDay() + 6) % 7) + 1
    if (a.shift!.days && !a.shift!.days.includes(weekday)) continue
    const on = utcMidnight + a.shift!.startHour * HOUR
    if (on >= MONDAY_LOCAL && on < MONDAY_LOCAL + 7 * 86_400_000 && !out.some(([s]) => s === on)) out.push([on, on + a.shift!.hours * HOUR])
  }
  return out.sort((x, y) => x[0] - y[0])
}

it('gives each of the 60 agents six 8.5-hour shifts a week, the day off on Saturday or Sunday: 2,880 paid hours', () => {
  const s = demoHistoryScenario({ start: MONDAY_LOCAL, hours: 7 * 24, utcOffsetHours: OFFSET })
  const agents = s.agents as ScenarioAgent[]
  expect(agents).toHaveLength(60)
  let paidHours = 0
  for (const a of agents) {
    const shifts = shiftsInWeek(a)
    expect(shifts, a.id).toHaveLength(6)
    paidHours += shifts.reduce((h, [on, off]) => h + (off - on) / HOUR - 0.5, 0)
    // The local weekday with no shift start is Saturday (6) or Sunday (7).
    const worked = new Set(shifts.map(([on]) => Math.floor((on - MONDAY_LOCAL) / 86_400_000) + 1))
    const off = [1, 2, 3, 4, 5, 6, 7].filter((d) => !worked.has(d))
    expect(off.length, a.id).toBe(1)
    expect([6, 7]).toContain(off[0])
  }
  expect(paidHours).toBe(2880)
  // Somebody is on shift at every quarter hour of the week (the night shift meets the early one).
  const all = agents.flatMap(shiftsInWeek)
  for (let t = MONDAY_LOCAL + 7 * HOUR; t < MONDAY_LOCAL + 7 * 86_400_000; t += HOUR / 4) {
    expect(all.some(([on, off]) => on <= t && t < off), new Date(t + OFFSET * HOUR).toISOString()).toBe(true)
  }
})
