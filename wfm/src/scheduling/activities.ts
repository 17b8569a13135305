/**
 * A scheduled shift and its activities (work, break, lunch) in week minutes, and what a shift
 * covers: the agents on the phones per interval once its breaks are placed.
 */
export type ActivityKind = 'work' | 'break' | 'lunch'
export interface Activity { kind: ActivityKind; startMin: number; endMin: number }

export interface ScheduledShift {
  agentId: string
  day: number
  templateId: string
  startMin: number
  endMin: number
  paidMin: number
  /** Breaks and lunches, in time order (the rest of the shift is work). */
  breaks: Activity[]
}

/** The shift as a gapless list of activities, work filling around the breaks. */
export function activitiesOf(s: ScheduledShift): Activity[] {
  const out: Activity[] = []
  let at = s.startMin
  for (const b of [...s.breaks].sort((x, y) => x.startMin - y.startMin)) {
    if (b.startMin > at) out.push({ kind: 'work', startMin: at, endMin: b.startMin })
    out.push(b)
    at = b.endMin
  }
  if (at < s.endMin) out.push({ kind: 'work', startMin: at, endMin: s.endMin })
  return out
}

/** Adds 1 to `onPhones[t]` for each interval the shift works (inside the array). */
export function addCover(s: ScheduledShift, intervalMin: number, onPhones: Float64Array | number[], sign = 1): void {
  for (const a of activitiesOf(s)) {
    if (a.kind !== 'work') continue
    for (let m = a.startMin; m < a.endMin; m += intervalMin) {
      const t = Math.floor(m / intervalMin)
      if (t >= 0 && t < onPhones.length) onPhones[t] = onPhones[t]! + sign
    }
  }
}

/** A week minute as the time of day, "HH:MM" (a shift past midnight reads 00:30). */
export const hhmm = (min: number): string => `${String(Math.floor((((min % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String(((min % 60) + 60) % 60).padStart(2, '0')}`
