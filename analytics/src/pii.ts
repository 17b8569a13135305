/**
 * Callers' numbers are personal data: every API and export shows them masked (`138****0000`)
 * unless the reader holds the `pii` permission. One function, used everywhere.
 */
export function maskPhone(value: string): string {
  const s = value.trim()
  if (s.length === 0) return s
  if (s.length >= 8) return `${s.slice(0, 3)}****${s.slice(-4)}`
  if (s.length >= 4) return `****${s.slice(-2)}`
  return '****'
}

/** The number as this reader may see it. */
export function phoneFor(value: string, canSeePii: boolean): string {
  return canSeePii ? value : maskPhone(value)
}
