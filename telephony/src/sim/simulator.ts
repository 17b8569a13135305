/**
 * The contact-center simulator: the ACD engine run in virtual time, fed by non-homogeneous Poisson
 * arrivals per queue (by hour of day and weekday), callers who give up after their patience, and
 * agent bots that answer at once, talk for the sampled handle time and wrap up. Deterministic for
 * a seed. Returns per-queue counters and occupancy; every event goes to `onEvent` as well.
 */
import { dispositionFor, surveyAnswer } from '../traffic/customer.ts'
import type { CanonicalEvent } from '@agner/events'
import { AcdEngine } from '../acd/engine-desk.ts'
import { seededRandom, type Random } from '../traffic/random.ts'
import { TimerQueue } from '../traffic/timers.ts'
import { sampleMs } from './distributions.ts'
import { agentConfigs, queueConfig, type Scenario, type ScenarioQueue, type Shift } from './scenario.ts'
import { SimStats, type QueueCounters } from './stats.ts'

export interface SimOptions {
  hours?: number
  seed?: number
  /** Leave the first hours out of the figures, so an empty center filling up does not skew them. */
  warmupHours?: number
  onEvent?: (e: CanonicalEvent) => void
  tenant?: string
  instance?: string
  /** Prefix of contact ids (default "<instance>-"), so simulated contacts never collide with others in the store. */
  idPrefix?: string
}

export interface SimQueueResult { queueId: string; serviceLevelMs: number; shortAbandonMs: number; counters: QueueCounters }

export interface SimResult {
  start: number
  end: number
  agents: number
  contacts: number
  events: number
  /** Share of the agents' logged-in time spent on contacts (talk, hold, wrap). */
  occupancy: number
  queues: SimQueueResult[]
}

const HOUR = 3_600_000
export const DEFAULT_START = Date.UTC(2026, 10, 23) // a Monday

/** Runs a whole scenario at once. */
export function simulate(s: Scenario, opts: SimOptions = {}): SimResult {
  const run = createSimulation(s, opts)
  run.advance(run.end)
  return run.finish()
}

export interface Simulation {
  start: number
  end: number
  /** Runs virtual time up to `to` (events go to `onEvent` as they happen). */
  advance(to: number): void
  /** Closes the run at its end and returns the figures. */
  /** Runs to the end; `closeAll` (a reason) closes every open contact and logs every agent out there. */
  finish(opts?: { closeAll?: string }): SimResult
  /** Is this agent one of the simulation's? */
  hasAgent(agentId: string): boolean
  /** A command on the simulated center from outside (a supervisor's status change), at its current time; its events go out like the rest. */
  command<T>(fn: (engine: AcdEngine) => T): T
}

/** A simulation run piece by piece, so a caller can store each day's events before the next. */
export function createSimulation(s: Scenario, opts: SimOptions = {}): Simulation {
  const hours = opts.hours ?? s.hours ?? 8
  const seed = opts.seed ?? s.seed ?? 1
  const start = s.start ? Date.parse(s.start) : DEFAULT_START
  const end = start + hours * HOUR
  const warmupEnd = start + (opts.warmupHours ?? 0) * HOUR
  const rng = seededRandom(seed)
  const sim = new TimerQueue()
  const stats = new SimStats()
  const agents = agentConfigs(s)
  const pending: CanonicalEvent[] = []
  const waits = new Map<string, number>()
  const acd = new AcdEngine({
    tenant: opts.tenant ?? 'default', source: { kind: 'simulator', instance: opts.instance ?? `sim-${seed}` }, now: start,
    idPrefix: opts.idPrefix ?? `${opts.instance ?? `sim-${seed}`}-`,
    emit: (e) => pending.push(e),
  })
  const byId = new Map<string, ScenarioQueue>()
  for (const q of s.queues) {
    const cfg = queueConfig(q)
    acd.addQueue(cfg)
    byId.set(q.id, q)
    stats.addQueue(q.id, cfg.serviceLevelMs, cfg.shortAbandonMs ?? 5000)
  }
  for (const a of agents) acd.addAgent(a)
  for (const a of agents) {
    if (a.presence) schedulePresence(a.id, a.presence)
    else if (a.shift) scheduleShifts(a.id, a.shift)
    else acd.setStatus(a.id, 'available', undefined, 'agent')
  }

  const specialDays = new Map((s.specialDays ?? []).map((d) => [d.date, d.factor]))
  let contacts = 0
  const queueOfContact = new Map<string, ScenarioQueue>()
  const answered = new Set<string>()
  for (const q of s.queues) scheduleArrival(q, start)

  /** The roster bot: every worked day, log in, breaks and lunch, log out. */
  function scheduleShifts(agentId: string, shift: Shift): void {
    const DAY = 24 * HOUR
    for (let day = Math.floor(start / DAY) * DAY - DAY; day < end; day += DAY) {
      const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1
      if (shift.days && !shift.days.includes(weekday)) continue
      const on = day + shift.startHour * HOUR
      const off = on + shift.hours * HOUR
      if (off <= start || on >= end) continue
      const jitter = () => (rng.next() - 0.5) * 10 * 60_000
      sim.at(Math.max(start, on + jitter()), () => status(agentId, 'available'))
      for (const [afterH, minutes, code] of [[2, 15, 'break'], [4, 30, 'lunch'], [6.5, 15, 'break']] as const) {
        if (afterH * HOUR + minutes * 60_000 > shift.hours * HOUR - 30 * 60_000) continue
        sim.at(on + afterH * HOUR + jitter(), () => status(agentId, 'aux', code, minutes * 60_000))
      }
      sim.at(off + jitter(), () => status(agentId, 'offline'))
    }
  }

  /** A published schedule followed to the minute: each stretch starts on time (a contact in hand is finished first), offline between stretches. */
  function schedulePresence(agentId: string, spans: NonNullable<(typeof agents)[number]['presence']>): void {
    const sorted = [...spans].sort((x, y) => x.startMs - y.startMs)
    sorted.forEach((p, k) => {
      if (p.endMs <= start || p.startMs >= end) return
      sim.at(Math.max(start, p.startMs), () => status(agentId, p.status, p.code, undefined, p.endMs))
      const next = sorted[k + 1]
      if (!next || next.startMs > p.endMs) sim.at(Math.min(end, p.endMs), () => status(agentId, 'offline'))
    })
  }

  /**
   * A status change waits for the agent to finish the contact in hand (checked every 20 s); a
   * break lasts `forMs` from when it really starts. A change still waiting at `until` is dropped
   * (its stretch of the schedule is over).
   */
  function status(agentId: string, to: 'available' | 'aux' | 'offline', code?: string, forMs?: number, until = Infinity): void {
    if (acd.now >= until) return
    const a = acd.agent(agentId)
    if (a.contacts.size > 0 || a.offer) { sim.at(acd.now + 20_000, () => status(agentId, to, code, forMs, until)); return }
    if (to === 'aux' && a.status === 'offline') return // the shift is over
    acd.setStatus(agentId, to, code, 'agent')
    if (forMs !== undefined) sim.at(acd.now + forMs, () => { if (acd.agent(agentId).status === 'aux') status(agentId, 'available') })
  }

  function rateAt(q: ScenarioQueue, t: number): number {
    if (q.arrivalsPerInterval) {
      const step = q.arrivalsPerInterval.intervalMinutes * 60_000
      return (q.arrivalsPerInterval.values[Math.floor((t - start) / step)] ?? 0) / step
    }
    const d = new Date(t)
    const perHour = Array.isArray(q.arrivalsPerHour) ? q.arrivalsPerHour[d.getUTCHours()]! : q.arrivalsPerHour
    const weekday = q.weekdayFactors ? q.weekdayFactors[(d.getUTCDay() + 6) % 7]! : 1
    const special = specialDays.get(d.toISOString().slice(0, 10)) ?? 1
    return (perHour * weekday * special) / HOUR
  }

  function maxRate(q: ScenarioQueue): number {
    if (q.arrivalsPerInterval) return Math.max(0, ...q.arrivalsPerInterval.values) / (q.arrivalsPerInterval.intervalMinutes * 60_000)
    const hourly = Array.isArray(q.arrivalsPerHour) ? Math.max(...q.arrivalsPerHour) : q.arrivalsPerHour
    return (hourly * Math.max(1, ...(q.weekdayFactors ?? [1])) * Math.max(1, ...specialDays.values())) / HOUR
  }

  /** Thinning: candidates at the peak rate, each kept with probability rate(t)/peak. */
  function scheduleArrival(q: ScenarioQueue, from: number): void {
    const peak = maxRate(q)
    if (peak <= 0) return
    let t = from
    for (;;) {
      t += rng.exp(1 / peak)
      if (t >= end) return
      if (rng.next() * peak <= rateAt(q, t)) break
    }
    sim.at(t, () => { arrive(q); scheduleArrival(q, t) })
  }

  function arrive(q: ScenarioQueue): void {
    contacts++
    const id = acd.arrive({ queueId: q.id, ...((q.channel ?? 'voice') === 'voice' ? { ani: phone(rng) } : {}) })
    queueOfContact.set(id, q)
    const patience = sampleMs(q.patience ?? { distribution: 'none' }, rng)
    // Patience runs out only for callers still waiting: an answered caller stays on the line.
    if (Number.isFinite(patience)) sim.at(acd.now + patience, () => { if (queueOfContact.has(id) && !answered.has(id)) { try { acd.callerHangup(id) } catch { /* already gone */ } } })
  }

  /** The bots: answer offers at once, talk for the handle time, wrap up. */
  function react(e: CanonicalEvent): void {
    if (e.type === 'contact.offered') {
      const { offerId, agentId } = e.data as { offerId: string; agentId: string }
      sim.at(e.time, () => { try { acd.accept(agentId, offerId) } catch { /* the caller left meanwhile */ } })
    } else if (e.type === 'contact.connected') {
      answered.add(e.contactId!)
      waits.set(e.contactId!, (e.data as { waitMs: number }).waitMs)
      const q = queueOfContact.get(e.contactId!)!
      const id = e.contactId!, agentId = e.agentId!
      sim.at(e.time + sampleMs(q.handleTime, rng), () => { try { acd.end(agentId, id) } catch { /* ended by the caller */ } })
    } else if (e.type === 'contact.dequeued') {
      const d = e.data as { outcome: string; overflowTo?: string }
      if (d.outcome !== 'answered' && !d.overflowTo) queueOfContact.delete(e.contactId!)
    } else if (e.type === 'contact.ended') {
      const q = queueOfContact.get(e.contactId!)
      const id = e.contactId!, agentId = e.agentId!
      sim.at(e.time + (q?.wrapSeconds ?? 0) * 1000, () => { try { acd.wrapUp(agentId, id, dispositionFor(id)) } catch { /* done */ } queueOfContact.delete(id); answered.delete(id) })
    } else if (e.type === 'contact.wrapup_ended') {
      // Some customers answer the post-contact survey.
      const csat = surveyAnswer(e.contactId!, waits.get(e.contactId!) ?? 0)
      waits.delete(e.contactId!)
      if (csat !== undefined) pending.push({ ...e, id: `${e.id}-survey`, type: 'contact.survey', data: { csat } } as CanonicalEvent)
    }
  }

  function drain(): void {
    for (let i = 0; i < pending.length; i++) {
      const e = pending[i]!
      stats.observe(e, warmupEnd)
      opts.onEvent?.(e)
      react(e)
    }
    pending.length = 0
  }

  drain()
  function advance(to: number): void {
    const until = Math.min(to, end)
    for (;;) {
      const a = sim.peek(), b = acd.nextTimerAt()
      const next = a === undefined ? b : b === undefined ? a : Math.min(a, b)
      if (next === undefined || next > until) break
      acd.advance(next)
      drain()
      if (a !== undefined && a <= next) { const t = sim.pop()!; t.run(); drain() }
    }
    acd.advance(until)
    drain()
  }

  function finish(opts: { closeAll?: string } = {}): SimResult {
    advance(end)
    if (opts.closeAll) { acd.closeAll(opts.closeAll); drain() }
    stats.close(end, warmupEnd)
    return {
      start, end, agents: agents.length, contacts, events: stats.events,
      occupancy: stats.availableMs > 0 ? stats.busyMs / stats.availableMs : 0,
      queues: s.queues.map((q) => {
        const cfg = queueConfig(q)
        return { queueId: q.id, serviceLevelMs: cfg.serviceLevelMs, shortAbandonMs: cfg.shortAbandonMs ?? 5000, counters: stats.queues.get(q.id)! }
      }),
    }
  }

  const agentIds = new Set(agents.map((a) => a.id))
  const command = <T>(fn: (engine: AcdEngine) => T): T => { try { return fn(acd) } finally { drain() } }
  return { start, end, advance, finish, hasAgent: (id) => agentIds.has(id), command }
}

function phone(rng: Random): string {
  return `1${['38', '39', '58', '86'][Math.floor(rng.next() * 4)]}${String(Math.floor(rng.next() * 1e8)).padStart(8, '0')}`
}
