/**
 * Forecast accuracy (reference wfm.md §2.5): WAPE (primary) = Σ|A − F| / ΣA; MAPE = mean |A − F| / A
 * over intervals with A > 0; sMAPE = mean 2|A − F| / (|A| + |F|) over intervals where both are not 0;
 * bias = Σ(F − A) / ΣA (positive: over-forecast). null when undefined (no actual volume).
 */
export interface Accuracy { wape: number | null; mape: number | null; smape: number | null; bias: number | null; n: number }

export function accuracy(actual: readonly number[], forecast: readonly number[]): Accuracy {
  if (actual.length !== forecast.length) throw new RangeError(`actual and forecast differ in length (${actual.length} vs ${forecast.length})`)
  let sumA = 0, sumAbs = 0, sumErr = 0, mape = 0, mapeN = 0, smape = 0, smapeN = 0
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!, f = forecast[i]!
    sumA += a; sumAbs += Math.abs(a - f); sumErr += f - a
    if (a > 0) { mape += Math.abs(a - f) / a; mapeN++ }
    if (Math.abs(a) + Math.abs(f) > 0) { smape += (2 * Math.abs(a - f)) / (Math.abs(a) + Math.abs(f)); smapeN++ }
  }
  return {
    wape: sumA > 0 ? sumAbs / sumA : null, mape: mapeN ? mape / mapeN : null, smape: smapeN ? smape / smapeN : null,
    bias: sumA > 0 ? sumErr / sumA : null, n: actual.length,
  }
}

/** Sums consecutive groups of `size` (intervals → days). */
export function totals(values: readonly number[], size: number): number[] {
  const out: number[] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size).reduce((a, b) => a + b, 0))
  return out
}
