/**
 * Erlang A (M/M/n+M: exponential patience), by the closed forms of Zeltyn & Mandelbaum (2005),
 * with the series 𝒜(x,y) and the lower incomplete gamma summed in log space. Stable for n < A too.
 * Service level is given in the three definitions vendors use (DESIGN §4): of offered, of
 * answered, and excluding abandons within T.
 */
import { erlangB } from './erlang-b.ts'

export interface ErlangAInput {
  arrivalRate: number
  ahtSec: number
  /** Mean patience, seconds. */
  patienceSec: number
  agents: number
  slThresholdSec: number
}

export interface ErlangAResult {
  erlangs: number
  probWait: number
  probAbandon: number
  /** Mean wait over all arrivals (abandoners included), seconds. */
  asaSec: number
  occupancy: number
  serviceLevelOffered: number
  serviceLevelAnswered: number
  serviceLevelExclShortAbandons: number
}

/** log Σ_{k≥0} Π_{j=0..k} y/(x+j) · (1/y): the series S(x,y) = Σ y^k / Π_{j=0..k}(x+j). */
function logSeries(x: number, y: number): number {
  // Terms t_0 = 1/x, t_k = t_{k−1}·y/(x+k); they rise while x+k < y, then fall geometrically.
  let logT = -Math.log(x)
  let logSum = logT
  for (let k = 1; k < 10_000_000; k++) {
    logT += Math.log(y) - Math.log(x + k)
    const hi = Math.max(logSum, logT)
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logT - hi))
    if (x + k > y && logT < logSum - 40) break
  }
  return logSum
}

/** log γ(x, y) = x·ln y − y + log S(x, y). */
function logLowerGamma(x: number, y: number): number {
  return x * Math.log(y) - y + logSeries(x, y)
}

/** log 𝒜(x, y), 𝒜 = x·S(x, y): kept in logs, since 𝒜 overflows a double when agents ≪ traffic. */
function logBigA(x: number, y: number): number {
  return Math.log(x) + logSeries(x, y)
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v))

export function erlangA(q: ErlangAInput): ErlangAResult {
  const lambda = q.arrivalRate
  const mu = 1 / q.ahtSec
  const theta = 1 / q.patienceSec
  const n = q.agents
  const a = lambda / mu
  const rho = a / n
  const x = (n * mu) / theta
  const y = lambda / theta
  const eb = erlangB(n, a)
  const logA = logBigA(x, y)
  // P(W>0) = 𝒜·B / (1 + (𝒜 − 1)·B) = 1 / (1 + (1 − B) / (𝒜·B)), in a form that survives 𝒜 → ∞.
  const probWait = clamp01(1 / (1 + Math.exp(Math.log1p(-eb) - logA - Math.log(eb))))
  const abGivenWait = Math.exp(-Math.log(rho) - logA) + 1 - 1 / rho
  const probAbandon = clamp01(probWait * abGivenWait)
  const t = q.slThresholdSec
  const yt = y * Math.exp(-theta * t)
  // P(V > T) = P(W>0)·γ(x, y e^{−θT}) / γ(x, y)
  const pV = probWait * Math.exp(logLowerGamma(x, yt) - logLowerGamma(x, y))
  const pWaitT = pV * Math.exp(-theta * t)
  const pWaitTServed = pV * (1 / rho) * (1 - Math.exp(-logBigA(x, yt)))
  const pWaitTAbandon = pWaitT - pWaitTServed
  const slOffered = 1 - probAbandon - pWaitTServed
  return {
    erlangs: a,
    probWait,
    probAbandon,
    asaSec: probAbandon / theta,
    occupancy: clamp01((a * (1 - probAbandon)) / n),
    serviceLevelOffered: clamp01(slOffered),
    serviceLevelAnswered: probAbandon < 1 ? clamp01(slOffered / (1 - probAbandon)) : 0,
    serviceLevelExclShortAbandons: clamp01(slOffered / (1 - (probAbandon - pWaitTAbandon))),
  }
}
