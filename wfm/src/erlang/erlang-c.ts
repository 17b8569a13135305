/**
 * Erlang C (M/M/N, no abandonment): probability of waiting, service level, ASA, occupancy.
 * Inputs in seconds: arrival rate per second and mean handle time. A = λ·AHT must be below N,
 * else the queue grows without bound and P(wait) is 1.
 */
import { erlangB } from './erlang-b.ts'

export interface ErlangCInput {
  /** Contacts per second. */
  arrivalRate: number
  /** Mean handle time, seconds. */
  ahtSec: number
  agents: number
  /** Service-level threshold T, seconds. */
  slThresholdSec: number
}

export interface ErlangCResult {
  erlangs: number
  /** P(W > 0). */
  probWait: number
  /** Share answered within T (of all offered). */
  serviceLevel: number
  /** Mean wait over all offered contacts, seconds. */
  asaSec: number
  occupancy: number
  stable: boolean
}

export function erlangCProbWait(agents: number, erlangs: number): number {
  if (agents <= erlangs) return 1
  const b = erlangB(agents, erlangs)
  return (agents * b) / (agents - erlangs * (1 - b))
}

export function erlangC(x: ErlangCInput): ErlangCResult {
  const a = x.arrivalRate * x.ahtSec
  const n = x.agents
  if (n <= a) return { erlangs: a, probWait: 1, serviceLevel: 0, asaSec: Infinity, occupancy: 1, stable: false }
  const pw = erlangCProbWait(n, a)
  return {
    erlangs: a,
    probWait: pw,
    serviceLevel: 1 - pw * Math.exp(-(n - a) * x.slThresholdSec / x.ahtSec),
    asaSec: (pw * x.ahtSec) / (n - a),
    occupancy: a / n,
    stable: true,
  }
}
