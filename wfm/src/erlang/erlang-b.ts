/**
 * Erlang B by the inverse recursion R_k = 1 + (k/A)·R_{k−1}, B = 1/R_N: exact, O(N), no
 * factorials, stable far past 50,000 Erlangs (the textbook form overflows at N ≥ 171).
 */
export function erlangB(agents: number, erlangs: number): number {
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`)
  if (!(erlangs >= 0)) throw new RangeError(`traffic must be ≥ 0 Erlangs, got ${erlangs}`)
  if (erlangs === 0) return agents === 0 ? 1 : 0
  let r = 1
  for (let k = 1; k <= agents; k++) {
    r = 1 + (k / erlangs) * r
    if (!Number.isFinite(r)) return 0
  }
  return 1 / r
}
