/** One queue's live state (interval and minute buckets, today's sums, who is waiting) and its view. */
import type { QueueLive } from '@agner/boards'
import { emptyCounters, figures, FORMULA_TEXT, type Counters, type Figures } from '@agner/analytics'
import type { DerivedState } from './agents.ts'
import { MINUTE_MS } from './day.ts'
import { WindowBuckets } from './window-buckets.ts'
import type { QueueSettings } from './queue-settings.ts'

export const WINDOWS = { '15m': 15, '30m': 30, '60m': 60 } as const
export type WindowName = keyof typeof WINDOWS

/** The wire shape of a queue (shared with the browser through @agner/boards). */
export type { QueueLive }

/** Contacts listed per queue in a view; the count in `waiting` is always complete. */
export const WAITING_LIST_MAX = 25

export class QueueState {
  readonly intervals = new Map<number, Counters>()
  /** Visits of the last hour by the second they entered: the sliding windows. */
  readonly recent = new WindowBuckets()
  readonly maxWaitByInterval = new Map<number, number>()
  today = emptyCounters()
  todayMaxWaitMs = 0
  /** Visit key → when the contact entered the queue, for contacts still waiting. */
  readonly waiting = new Map<string, number>()
  /** What the windows counted when last shown (offered per window), to see a visit age out of one with no event. */
  lastWindowKey = ''
  constructor(readonly queueId: string) {}

  /** The windows' offered counts at `now`: changes when a visit enters or leaves a window. */
  windowKey(now: number): string {
    return Object.values(WINDOWS).map((minutes) => this.recent.since(now - minutes * MINUTE_MS).offered).join(',')
  }

  view(now: number, { name, ...settings }: QueueSettings, agents: Record<DerivedState, number>): QueueLive {
    let oldest: number | null = null
    let pastT = 0
    const list: Array<{ contactId: string; since: number }> = []
    for (const [key, since] of this.waiting) {
      if (oldest === null || since < oldest) oldest = since
      if (now - since > settings.serviceLevelMs) pastT++
      list.push({ contactId: key.slice(key.indexOf('\u0000') + 1), since })
    }
    list.sort((a, b) => a.since - b.since)
    if (list.length > WAITING_LIST_MAX) list.length = WAITING_LIST_MAX
    const windows = {} as Record<WindowName, Figures>
    for (const [w, minutes] of Object.entries(WINDOWS) as Array<[WindowName, number]>) {
      // Exactly the last N minutes, to the second.
      const from = now - minutes * MINUTE_MS
      const c = this.recent.since(from)
      let waitingPast = 0
      for (const since of this.waiting.values()) if (since >= from && now - since > settings.serviceLevelMs) waitingPast++
      windows[w] = figures(c, settings, { waitingPastT: waitingPast })
    }
    this.lastWindowKey = Object.keys(WINDOWS).map((w) => windows[w as WindowName].offered).join(',')
    return {
      queueId: this.queueId, name, settings: { ...settings, formulaText: FORMULA_TEXT.serviceLevel[settings.formula] },
      waiting: this.waiting.size, oldestWaitingSince: oldest, waitingPastThreshold: pastT, waitingContacts: list, agents,
      today: { ...figures(this.today, settings, { waitingPastT: pastT }), maxWaitMs: this.todayMaxWaitMs },
      windows,
    }
  }
}
