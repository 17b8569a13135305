/**
 * What leaving an interval short costs: not the same for every missing agent. The first agents
 * short in an interval cost callers a little (the others absorb them); the last ones, leaving the
 * interval nearly or wholly empty, cost every caller. So shortage is priced in two steps: the first
 * half of the interval's requirement short at the base penalty, the second half at four times it, a
 * convex cost (a concave value of staffing): when hours are short the schedule spreads the shortage
 * rather than emptying intervals. (Four quarter-steps doubling each time spread it more evenly but
 * left the shift-selection MILP 13.7 % from its bound after 60 s on the demo week, against 2.4 % with
 * two: bench/README.md.) Pure.
 */

/** The steps: this share of the requirement short, at this multiple of the base penalty. */
export const SHORTAGE_STEPS: ReadonlyArray<{ share: number; weight: number }> = [
  { share: 0.5, weight: 1 }, { share: 0.5, weight: 4 },
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
