/**
 * Checked inputs for Erlang sizing: every problem is a WfmInputError naming the field, so a bad
 * value is a sentence for the planner, never a NaN or a search that does not end.
 */
import type { Sentence } from '@agner/events/sentences'

/** Bad WFM input, naming the field; a Sentence also says it in Chinese (the planner's language). */
export class WfmInputError extends Error {
  readonly said?: Sentence
  constructor(readonly field: string, message: string | Sentence) {
    super(`${field}: ${typeof message === 'string' ? message : message.text.en}`)
    if (typeof message !== 'string') this.said = { ...message, params: { ...message.params, field }, text: { en: this.message, 'zh-CN': message.text['zh-CN'] } }
  }
}

/** Contacts offered in one interval, and how they behave. All times in seconds. */
export interface IntervalLoad {
  /** Contacts offered in the interval. */
  volume: number
  /** Interval length, seconds (900 for 15 minutes). */
  intervalSec: number
  /** Average handle time, seconds. */
  ahtSec: number
  /** Mean patience (Erlang A); absent for Erlang C. */
  patienceSec?: number
}

export interface StaffingGoals {
  /** Service-level goal: this share answered within slThresholdSec (0–1). */
  serviceLevel?: number
  slThresholdSec?: number
  /** Goal for the computed mean wait, seconds. */
  asaSec?: number
  /** Erlang A only: abandoned share at most (0–1). */
  abandonRate?: number
  /** Agents busy at most this share of the time (0–1). */
  maxOccupancy?: number
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

export function checkLoad(l: IntervalLoad): void {
  if (!finite(l.volume) || l.volume < 0) throw new WfmInputError('volume', `must be a number of contacts ≥ 0, got ${l.volume}`)
  if (!finite(l.intervalSec) || l.intervalSec <= 0) throw new WfmInputError('interval', `must be a length in seconds > 0, got ${l.intervalSec}`)
  if (!finite(l.ahtSec) || l.ahtSec <= 0) throw new WfmInputError('aht', `must be a handle time in seconds > 0, got ${l.ahtSec}`)
  if (l.patienceSec !== undefined && (!finite(l.patienceSec) || l.patienceSec <= 0)) throw new WfmInputError('patience', `must be a mean patience in seconds > 0, got ${l.patienceSec}`)
}

export function checkGoals(g: StaffingGoals, l: IntervalLoad): void {
  // A goal of 0 (no abandons, no occupancy) is met by no finite staffing: refused here, not searched for.
  const share = (x: number | undefined, field: string): void => {
    if (x === undefined) return
    if (!finite(x) || x > 1 || x <= 0) throw new WfmInputError(field, `must be a share above 0 and at most 1 (0.8 for 80 %), got ${x}`)
  }
  share(g.serviceLevel, 'sl')
  share(g.abandonRate, 'abandon-rate')
  share(g.maxOccupancy, 'max-occupancy')
  if (g.serviceLevel !== undefined && g.slThresholdSec === undefined) throw new WfmInputError('threshold', 'a service-level goal needs its threshold in seconds')
  if (g.slThresholdSec !== undefined) {
    if (!finite(g.slThresholdSec) || g.slThresholdSec < 0) throw new WfmInputError('threshold', `must be seconds ≥ 0, got ${g.slThresholdSec}`)
    if (g.slThresholdSec > l.intervalSec) throw new WfmInputError('threshold', `${g.slThresholdSec} s is longer than the ${l.intervalSec} s interval; use a shorter threshold or a longer interval`)
  }
  if (g.asaSec !== undefined && (!finite(g.asaSec) || g.asaSec <= 0)) throw new WfmInputError('asa', `must be a mean wait in seconds > 0, got ${g.asaSec}`)
  if (g.abandonRate !== undefined && l.patienceSec === undefined) throw new WfmInputError('abandon-rate', 'an abandon goal needs a patience (Erlang A)')
  if (g.serviceLevel === undefined && g.asaSec === undefined && g.abandonRate === undefined && g.maxOccupancy === undefined) {
    throw new WfmInputError('goals', 'give at least one goal: a service level with its threshold, an ASA, an abandon rate or a maximum occupancy')
  }
}

export function checkShrinkage(s: number): void {
  if (!finite(s) || s < 0 || s >= 1) throw new WfmInputError('shrinkage', `must be a share from 0 up to (not including) 1, got ${s}`)
}
