/** Handle-time and patience distributions, sampled from the simulator's seeded randomness. */
import type { Random } from '../traffic/random.ts'

export type Distribution =
  | { distribution: 'exponential'; meanSeconds: number }
  | { distribution: 'lognormal'; meanSeconds: number; sdSeconds: number }
  | { distribution: 'constant'; meanSeconds: number }
  | { distribution: 'none' }

/** A sample in milliseconds; Infinity for `none` (a caller who never gives up). */
export function sampleMs(d: Distribution, rng: Random): number {
  switch (d.distribution) {
    case 'none': return Infinity
    case 'constant': return d.meanSeconds * 1000
    case 'exponential': return rng.exp(d.meanSeconds * 1000)
    case 'lognormal': {
      // Parameters of the underlying normal from the wanted mean m and standard deviation s.
      const m = d.meanSeconds, s = d.sdSeconds
      const sigma2 = Math.log(1 + (s * s) / (m * m))
      const mu = Math.log(m) - sigma2 / 2
      return Math.exp(mu + Math.sqrt(sigma2) * normal(rng)) * 1000
    }
  }
}

/** A standard normal by Box–Muller. */
function normal(rng: Random): number {
  const u = 1 - rng.next()
  const v = rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}
