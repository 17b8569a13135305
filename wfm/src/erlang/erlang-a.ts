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
  /** ASA (DESIGN §4): the mean queue wait of answered contacts, seconds. */
  asaSec: number
  /** The mean wait of every caller, abandoners included (until they hung up), seconds. Not ASA. */
  meanWaitAllSec: number
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

/**
 * E[wait · 1{answered}] for a caller who finds every agent busy, by the birth-death chain: such a
 * caller finds j others waiting with probability q_j / Σq, q_j = Π_{i=1..j} λ / (nμ + iθ). With k
 * ahead, the next event comes after Exp(nμ + (k+1)θ); it moves the caller up with probability
 * (nμ + kθ) / (nμ + (k+1)θ), else the caller hangs up. So an answered caller who found j waiting
 * was answered with probability Π_{k≤j} p_k after a mean wait of Σ_{k≤j} 1 / (nμ + (k+1)θ).
 * Summed in log space (q_j over- and underflows a double when traffic is far above staffing).
 */
function answeredWaitSum(lambda: number, nMu: number, theta: number): number {
  // Visits j = 0, 1, … with log q_j, log Π_{k≤j} p_k and Σ_{k≤j} 1/r_k, until `more` says stop.
  const walk = (more: (j: number, logQ: number, logP: number, s: number) => boolean): void => {
    let logQ = 0, logP = 0, s = 0
    for (let j = 0; j < 10_000_000; j++) {
      if (j > 0) logQ += Math.log(lambda) - Math.log(nMu + j * theta)
      const r = nMu + (j + 1) * theta
      logP += Math.log(nMu + j * theta) - Math.log(r)
      s += 1 / r
      if (!more(j, logQ, logP, s)) return
    }
  }
  // q_j rises while nμ + jθ < λ, then falls faster than geometrically: stop past the peak once negligible.
  const done = (j: number, logQ: number, logTotal: number): boolean => nMu + j * theta > lambda && logQ < logTotal - 40
  let logNorm = -Infinity
  walk((j, logQ) => {
    const hi = Math.max(logNorm, logQ)
    logNorm = hi + Math.log(Math.exp(logNorm - hi) + Math.exp(logQ - hi))
    return !done(j, logQ, logNorm)
  })
  let sum = 0
  walk((j, logQ, logP, s) => {
    sum += Math.exp(logQ + logP - logNorm) * s
    return !done(j, logQ, logNorm)
  })
  return sum
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
    asaSec: probAbandon < 1 ? answeredWaitSum(lambda, n * mu, theta) * probWait / (1 - probAbandon) : 0,
    meanWaitAllSec: probAbandon / theta,
    occupancy: clamp01((a * (1 - probAbandon)) / n),
    serviceLevelOffered: clamp01(slOffered),
    serviceLevelAnswered: probAbandon < 1 ? clamp01(slOffered / (1 - probAbandon)) : 0,
    serviceLevelExclShortAbandons: clamp01(slOffered / (1 - (probAbandon - pWaitTAbandon))),
  }
}
