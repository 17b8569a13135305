/**
 * Counters of queue visits by the second they entered the queue, over the last hour: the sliding
 * windows (last 15/30/60 minutes) sum exactly the last N minutes, to the second. Whole minutes are
 * kept summed, so a window adds up its full minutes and only the seconds of the minute at its edge.
 */
import { addInto, emptyCounters, type Counters } from '@agner/analytics'
import { minuteStart } from './day.ts'

const SECOND_MS = 1000

interface Minute { total: Counters; seconds: Map<number, Counters> }

export class WindowBuckets {
  private readonly byMinute = new Map<number, Minute>()

  add(enteredAt: number, c: Counters, sign: 1 | -1): void {
    const m = minuteStart(enteredAt)
    let minute = this.byMinute.get(m)
    if (!minute) { minute = { total: emptyCounters(), seconds: new Map() }; this.byMinute.set(m, minute) }
    addInto(minute.total, c, sign)
    const s = Math.floor(enteredAt / SECOND_MS) * SECOND_MS
    let sc = minute.seconds.get(s)
    if (!sc) { sc = emptyCounters(); minute.seconds.set(s, sc) }
    addInto(sc, c, sign)
  }

  /** The counters of visits that entered in the second of `from` or later. */
  since(from: number): Counters {
    const out = emptyCounters()
    const edge = minuteStart(from)
    const fromSecond = Math.floor(from / SECOND_MS) * SECOND_MS
    for (const [m, minute] of this.byMinute) {
      if (m > edge) addInto(out, minute.total)
      else if (m === edge) for (const [s, sc] of minute.seconds) if (s >= fromSecond) addInto(out, sc)
    }
    return out
  }

  /** Drops minutes that ended before `before`; true when any was dropped. */
  prune(before: number): boolean {
    let dropped = false
    for (const m of this.byMinute.keys()) if (m < before) { this.byMinute.delete(m); dropped = true }
    return dropped
  }

  clear(): void { this.byMinute.clear() }
}
