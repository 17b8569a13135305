/**
 * Days and weeks as the center counts them: in its time zone (from /api/me), not the browser's.
 * A planner in another zone, or a browser left on UTC, still gets the center's today and Mondays.
 */

/** Today in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** The Monday of this week (offset 0), next week (1), … in `timeZone`, as YYYY-MM-DD. */
export function mondayIn(timeZone: string, offsetWeeks = 0, now = new Date()): string {
  const d = new Date(`${todayIn(timeZone, now)}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + offsetWeeks * 7)
  return d.toISOString().slice(0, 10)
}
