/** A time-off span as people say it: whole days with their last day ("2026-12-14", "2026-12-14 – 2026-12-16"), else from → until. */
const DATE = /^\d{4}-\d{2}-\d{2}$/
export function timeOffSpan(fromText: string, toText: string): string {
  if (DATE.test(fromText) && DATE.test(toText)) {
    const last = new Date(`${toText}T12:00:00Z`)
    last.setUTCDate(last.getUTCDate() - 1)
    const end = last.toISOString().slice(0, 10)
    return end <= fromText ? fromText : `${fromText} – ${end}`
  }
  return `${fromText.replace('T', ' ')} → ${toText.replace('T', ' ')}`
}
