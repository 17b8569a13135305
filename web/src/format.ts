/** Display formats: durations as m:ss, ratios as percentages, "—" when there is nothing to show. */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—'
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`
}

export function percent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`
}

/** A moment in the reader's language, or `never` for 0 (a token not used yet). */
export function dateTime(ms: number, locale: string, never = '—'): string {
  return ms ? new Date(ms).toLocaleString(locale) : never
}
