/** Seeded randomness for reproducible traffic (mulberry32). */
export interface Random {
  next(): number
  exp(mean: number): number
  between(min: number, max: number): number
  pick<T>(xs: readonly T[]): T
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    exp: (mean) => -Math.log(1 - next()) * mean,
    between: (min, max) => min + next() * (max - min),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  }
}
