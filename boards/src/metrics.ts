/**
 * The live metrics a wallboard widget can show (DESIGN §4), for one queue or a group of queues:
 * how each is computed from the live feed, its unit, which way is good, and its formula in words
 * for the hover text. A group's ratios sum each queue's numerator and denominator (each queue by
 * its own formula and thresholds); they never average percentages. Pure.
 */
import type { AgentLive, DerivedState, Figures, QueueLive } from './live-types.ts'

export const WINDOWS = ['today', '15m', '30m', '60m'] as const
export type Window = (typeof WINDOWS)[number]

export type Unit = 'percent' | 'duration' | 'count'

export interface MetricDef {
  unit: Unit
  /** Which way is worse: thresholds fire when the value goes above (`high`) or below (`low`) them. */
  bad: 'high' | 'low'
  /** Whether the window (today or a sliding window) applies; point-in-time metrics ignore it. */
  windowed: boolean
  formula: string
  value: (queues: readonly QueueLive[], window: Window, now: number, agents: readonly AgentLive[]) => number | null
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null)
const figuresOf = (q: QueueLive, w: Window): Figures => (w === 'today' ? q.today : q.windows[w])
const sum = (qs: readonly QueueLive[], f: (q: QueueLive) => number): number => qs.reduce((a, q) => a + f(q), 0)
const parts = (key: keyof Figures['parts']) => (qs: readonly QueueLive[], w: Window): number | null =>
  ratio(sum(qs, (q) => figuresOf(q, w).parts[key][0]), sum(qs, (q) => figuresOf(q, w).parts[key][1]))
const count = (key: 'offered' | 'answered' | 'abandoned' | 'shortAbandons' | 'flowedOut' | 'callbacks' | 'handled') =>
  (qs: readonly QueueLive[], w: Window): number => sum(qs, (q) => figuresOf(q, w)[key])
/** Agents serving any of the queues, each counted once (an agent on two queues of a group is one agent). */
const agents = (...states: DerivedState[]) => (qs: readonly QueueLive[], _w: Window, _now: number, all: readonly AgentLive[]): number => {
  const ids = new Set(qs.map((q) => q.queueId))
  let n = 0
  for (const a of all) if (states.includes(a.state) && a.queues.some((q) => ids.has(q))) n++
  return n
}

export const METRICS = {
  waiting: { unit: 'count', bad: 'high', windowed: false, formula: 'contacts waiting in the queue now', value: (qs) => sum(qs, (q) => q.waiting) },
  longestWait: {
    unit: 'duration', bad: 'high', windowed: false, formula: 'age of the oldest contact waiting now',
    value: (qs, _w, now) => {
      const oldest = qs.reduce<number | null>((m, q) => (q.oldestWaitingSince !== null && (m === null || q.oldestWaitingSince < m) ? q.oldestWaitingSince : m), null)
      return oldest === null ? 0 : Math.max(0, now - oldest)
    },
  },
  waitingPastThreshold: { unit: 'count', bad: 'high', windowed: false, formula: 'contacts waiting longer than their queue\'s service-level threshold T', value: (qs) => sum(qs, (q) => q.waitingPastThreshold) },
  serviceLevel: { unit: 'percent', bad: 'low', windowed: true, formula: 'each queue\'s formula, e.g. A≤T / (A + Ab − Ab≤S); contacts still waiting past T count as misses', value: parts('serviceLevel') },
  asa: { unit: 'duration', bad: 'high', windowed: true, formula: 'queue wait of answered contacts / answered (IVR time excluded)', value: parts('asa') },
  aht: { unit: 'duration', bad: 'high', windowed: true, formula: '(talk + hold + wrap) / handled contacts', value: parts('aht') },
  abandonRate: { unit: 'percent', bad: 'high', windowed: true, formula: '(Ab − Ab≤S) / (Q − Ab≤S); short abandons are counted on their own', value: parts('abandonRate') },
  maxWait: {
    unit: 'duration', bad: 'high', windowed: false, formula: 'largest wait today, abandoned contacts included',
    value: (qs) => qs.reduce((m, q) => Math.max(m, q.today.maxWaitMs), 0),
  },
  offered: { unit: 'count', bad: 'high', windowed: true, formula: 'Q: queue visits that entered in the period', value: count('offered') },
  answered: { unit: 'count', bad: 'low', windowed: true, formula: 'A: contacts answered by an agent', value: count('answered') },
  abandoned: { unit: 'count', bad: 'high', windowed: true, formula: 'Ab: callers who hung up while waiting (short abandons included)', value: count('abandoned') },
  shortAbandons: { unit: 'count', bad: 'high', windowed: true, formula: 'Ab≤S: abandoned within the short-abandon threshold S', value: count('shortAbandons') },
  flowedOut: { unit: 'count', bad: 'high', windowed: true, formula: 'F: left by timeout, no agents, overflow or transfer', value: count('flowedOut') },
  callbacks: { unit: 'count', bad: 'high', windowed: true, formula: 'C: callers who chose a callback', value: count('callbacks') },
  handled: { unit: 'count', bad: 'low', windowed: true, formula: 'answered contacts whose wrap-up has ended', value: count('handled') },
  agentsReady: { unit: 'count', bad: 'low', windowed: false, formula: 'agents available and idle', value: agents('ready') },
  agentsBusy: { unit: 'count', bad: 'high', windowed: false, formula: 'agents on a contact or holding one (offered counts apart)', value: agents('busy', 'reserved') },
  agentsWrap: { unit: 'count', bad: 'high', windowed: false, formula: 'agents in wrap-up', value: agents('wrap') },
  agentsAux: { unit: 'count', bad: 'high', windowed: false, formula: 'agents in aux (breaks, training, …)', value: agents('aux') },
  agentsLoggedIn: { unit: 'count', bad: 'low', windowed: false, formula: 'agents not offline', value: agents('ready', 'reserved', 'busy', 'wrap', 'aux') },
} satisfies Record<string, MetricDef>

export type MetricId = keyof typeof METRICS
export const METRIC_IDS = Object.keys(METRICS) as MetricId[]

export function isMetric(id: unknown): id is MetricId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(METRICS, id)
}

/** A metric's value over a group of queues and the agents of the feed (null: no denominator yet, shown as "—"). */
export function metricValue(id: MetricId, queues: readonly QueueLive[], window: Window, now: number, agents: readonly AgentLive[] = []): number | null {
  const m: MetricDef = METRICS[id]
  return m.value(queues, m.windowed ? window : 'today', now, agents)
}

export interface Thresholds { amber: number; red: number; flash?: boolean; sound?: boolean }
export type Level = 'ok' | 'amber' | 'red'

/**
 * Where a value stands against its thresholds, in the metric's bad direction. Thresholds are in
 * the metric's display unit: percent as 0–100, durations in seconds, counts as counts.
 */
export function levelOf(id: MetricId, value: number | null, t: Thresholds | undefined): Level {
  if (!t || value === null) return 'ok'
  const m: MetricDef = METRICS[id]
  const v = m.unit === 'percent' ? value * 100 : m.unit === 'duration' ? value / 1000 : value
  if (m.bad === 'high') return v >= t.red ? 'red' : v >= t.amber ? 'amber' : 'ok'
  return v <= t.red ? 'red' : v <= t.amber ? 'amber' : 'ok'
}
