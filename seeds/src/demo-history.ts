/**
 * The demo center's history, as a simulator scenario: the demo's voice, chat and email queues with weekly and
 * intraday seasonality (in the center's local time), a holiday, and 60 agents (the 32 demo agents
 * and 28 more) on early, day, late and night shifts with breaks and lunch, as the demo's contract
 * (six days × 8 paid hours) allows: 8.5-hour shifts with an unpaid 30-minute lunch, one day off a
 * week, on Saturday or Sunday (the quiet days).
 */
import type { Scenario, ScenarioAgent, ScenarioQueue, Shift } from '@agner/telephony'
import { DEMO_AGENTS, DEMO_CAPACITY, DEMO_QUEUES, extraAgentQueues } from './demo-center.ts'

/** Share of the day's contacts by local hour, 0–23 (a center open around the clock, busy 9–21). */
const INTRADAY = [0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 6.5, 7.8, 7.5, 6, 6.5, 7.4, 7.2, 6.8, 6.2, 5.5, 5, 4.6, 3.8, 2.5, 1.2]
const WEEKDAY = [1.18, 1.06, 1, 0.98, 0.95, 0.62, 0.5]
/** Contacts per average day, per queue. */
const DAILY: Record<string, number> = { sales: 900, support: 1100, billing: 420, vip: 140, chat: 520, email: 260 }
const AHT: Record<string, number> = { sales: 210, support: 330, billing: 240, vip: 300, chat: 540, email: 420 }
/** Shift length, start to end: 8 paid hours and a 30-minute unpaid lunch (the demo's contract). */
const SHIFT_HOURS = 8.5
/** Mean patience, seconds; emails wait for ever. */
const PATIENCE: Record<string, number | undefined> = { sales: 150, support: 150, billing: 150, vip: 240, chat: 300, email: undefined }

export interface DemoHistoryOptions {
  start: number
  hours: number
  /** The center's offset from UTC, hours (Asia/Shanghai: 8). */
  utcOffsetHours: number
  seed?: number
  /** A holiday (YYYY-MM-DD, by UTC date of the simulated clock) with a tenth of the usual traffic. */
  holiday?: string
  /** Multiplies every queue's volume, and the staff with it (1: about 2,500 contacts a day, 60 agents). */
  volumeScale?: number
  /** Agents left out (the demo agent a person drives through the ACD). */
  excludeAgents?: readonly string[]
}

export function demoHistoryScenario(o: DemoHistoryOptions): Scenario {
  const total = INTRADAY.reduce((a, b) => a + b, 0)
  const utcHour = (local: number): number => (((local - o.utcOffsetHours) % 24) + 24) % 24
  const queues: ScenarioQueue[] = DEMO_QUEUES.map((q) => {
    const perHour = Array.from({ length: 24 }, (_, h) => (DAILY[q.id]! * (o.volumeScale ?? 1) * INTRADAY[(h + o.utcOffsetHours + 24) % 24]!) / total)
    return {
      id: q.id, name: q.name.en, channel: q.channel, serviceLevelSeconds: q.serviceLevelMs / 1000, shortAbandonSeconds: q.shortAbandonMs / 1000,
      arrivalsPerHour: perHour, weekdayFactors: WEEKDAY,
      handleTime: { distribution: 'lognormal', meanSeconds: AHT[q.id]!, sdSeconds: AHT[q.id]! * 0.6 },
      patience: PATIENCE[q.id] === undefined ? { distribution: 'none' } : { distribution: 'exponential', meanSeconds: PATIENCE[q.id]! },
      wrapSeconds: q.channel === 'voice' ? 20 : 5, ringTimeoutSeconds: 20,
    }
  })
  // Local start times that cover the clock: early, day, mid, late, night (8.5 h each, lunch unpaid).
  const starts = [6.5, 8, 12, 13.5, 22]
  const shift = (localStart: number, dayOff: number): Shift => {
    // The simulator names a shift's days by the UTC date it starts on: a local start before the
    // offset falls on the UTC day before.
    const before = localStart - o.utcOffsetHours < 0 ? 1 : 0
    const off = ((dayOff - 1 - before + 7) % 7) + 1
    return { startHour: utcHour(localStart), hours: SHIFT_HOURS, days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== off) }
  }
  // 60 agents for the center's real volume (all named in the demo center); more when it is scaled up.
  const staff = Math.max(DEMO_AGENTS.length, Math.round(60 * (o.volumeScale ?? 1)))
  const extra = Array.from({ length: staff - DEMO_AGENTS.length }, (_, i) => ({
    id: `agent-${String(DEMO_AGENTS.length + 1 + i).padStart(2, '0')}`, queues: extraAgentQueues(DEMO_AGENTS.length - 32 + i),
  }))
  const agents: ScenarioAgent[] = [...DEMO_AGENTS, ...extra].filter((a) => !o.excludeAgents?.includes(a.id)).map((a, i) => ({
    id: a.id, skills: Object.fromEntries(a.queues.map((q) => [q, 5])), capacity: DEMO_CAPACITY,
    shift: shift(starts[i % starts.length]!, i % 2 === 0 ? 6 : 7),
  }))
  const holidayUtc = o.holiday ? [{ date: o.holiday, factor: 0.1 }] : []
  return {
    name: 'Agner demo center history', start: new Date(o.start).toISOString(), hours: o.hours, seed: o.seed ?? 2026,
    queues: queues.map((q) => ({ ...q, requiredSkills: { [q.id]: 1 } })), agents, specialDays: holidayUtc,
  }
}
