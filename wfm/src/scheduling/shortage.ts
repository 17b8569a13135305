/**
 * What leaving an interval short costs: not the same for every missing agent. The first agents
 * short in an interval cost callers a little (the others absorb them); the last ones, leaving the
 * interval nearly or wholly empty, cost every caller. So shortage is priced in steps of a quarter of
 * the interval's requirement, each step twice the one before, a convex cost (a concave value of
 * staffing): when hours are short the schedule spreads the shortage, and never leaves an interval
 * with demand empty while an agent could cover it. Pure.
 */

/** The steps: up to this share of the requirement short, at this multiple of the base penalty. */
export const SHORTAGE_STEPS: ReadonlyArray<{ share: number; weight: number }> = [
  { share: 0.25, weight: 1 }, { share: 0.25, weight: 2 }, { share: 0.25, weight: 4 }, { share: 0.25, weight: 8 },
]

/** The cost of being `short` agents under a requirement of `need`, per interval, in base-penalty units. */
export function shortageCost(short: number, need: number): number {
  if (need <= 0 || short <= 0) return 0
  let left = Math.min(short, need)
  let cost = 0
  for (const s of SHORTAGE_STEPS) {
    const take = Math.min(left, s.share * need)
    cost += take * s.weight
    left -= take
    if (left <= 1e-12) break
  }
  return cost
}
