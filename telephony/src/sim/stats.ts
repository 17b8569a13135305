/**
 * Per-queue counters folded from the ACD's events, in the shape of DESIGN §4 (the same fields as
 * @agner/analytics' Counters, so the reports' formulas apply), plus agent occupancy.
 */
import type { CanonicalEvent } from '@agner/events'

export interface QueueCounters {
  offered: number
  answered: number
  answeredWithinT: number
  abandoned: number
  shortAbandons: number
  abandonedWithinT: number
  flowedOut: number
  callbacks: number
  callbacksWithinT: number
  answeredWaitMs: number
  handled: number
  talkMs: number
  holdMs: number
  wrapMs: number
}

const empty = (): QueueCounters => ({
  offered: 0, answered: 0, answeredWithinT: 0, abandoned: 0, shortAbandons: 0, abandonedWithinT: 0, flowedOut: 0,
  callbacks: 0, callbacksWithinT: 0, answeredWaitMs: 0, handled: 0, talkMs: 0, holdMs: 0, wrapMs: 0,
})

const BUSY = new Set(['on_contact', 'on_hold', 'wrap_up'])

export class SimStats {
  readonly queues = new Map<string, QueueCounters>()
  private readonly thresholds = new Map<string, { t: number; s: number }>()
  /** Contact → the queue that answered it (talk and wrap count there). */
  private readonly answeredIn = new Map<string, string>()
  private readonly busySince = new Map<string, number>()
  private readonly availableSince = new Map<string, number>()
  busyMs = 0
  /** Time agents spent logged in and not in aux: occupancy's denominator. */
  availableMs = 0
  events = 0

  addQueue(id: string, serviceLevelMs: number, shortAbandonMs: number): void {
    this.queues.set(id, empty())
    this.thresholds.set(id, { t: serviceLevelMs, s: shortAbandonMs })
  }

  /** Counts only events at or after `from` (a warm-up is left out). */
  observe(e: CanonicalEvent, from = -Infinity): void {
    this.events++
    if (e.type === 'agent.status_changed') {
      const available = (e.data as { status: string }).status === 'available'
      const since = this.availableSince.get(e.agentId!)
      if (available && since === undefined) this.availableSince.set(e.agentId!, e.time)
      if (!available && since !== undefined) { this.availableMs += Math.max(0, e.time - Math.max(since, from)); this.availableSince.delete(e.agentId!) }
      return
    }
    if (e.type === 'agent.activity_changed') {
      const busy = BUSY.has((e.data as { activity: string }).activity)
      const since = this.busySince.get(e.agentId!)
      if (busy && since === undefined) this.busySince.set(e.agentId!, e.time)
      if (!busy && since !== undefined) { this.busyMs += Math.max(0, e.time - Math.max(since, from)); this.busySince.delete(e.agentId!) }
      return
    }
    if (e.time < from) return
    const c = e.contactId ?? ''
    switch (e.type) {
      case 'contact.dequeued': {
        const q = this.queues.get(e.queueId!)!
        const th = this.thresholds.get(e.queueId!)!
        const { waitMs, outcome } = e.data as { waitMs: number; outcome: string }
        q.offered++
        if (outcome === 'answered') {
          q.answered++; q.answeredWaitMs += waitMs
          if (waitMs <= th.t) q.answeredWithinT++
          this.answeredIn.set(c, e.queueId!)
        } else if (outcome === 'abandoned' || outcome === 'caller_exit') {
          q.abandoned++
          if (waitMs <= th.s) q.shortAbandons++
          if (waitMs <= th.t) q.abandonedWithinT++
        } else if (outcome === 'callback') {
          q.callbacks++
          if (waitMs <= th.t) q.callbacksWithinT++
        } else q.flowedOut++
        break
      }
      case 'contact.ended': {
        const q = this.queues.get(this.answeredIn.get(c) ?? '')
        const d = e.data as { talkMs: number; holdMs: number }
        if (q) { q.talkMs += d.talkMs; q.holdMs += d.holdMs }
        break
      }
      case 'contact.wrapup_ended': {
        const q = this.queues.get(this.answeredIn.get(c) ?? '')
        if (q) { q.handled++; q.wrapMs += (e.data as { durationMs: number }).durationMs }
        this.answeredIn.delete(c)
        break
      }
    }
  }

  /** Closes busy spells still open at the end of the run. */
  close(at: number, from = -Infinity): void {
    for (const since of this.busySince.values()) this.busyMs += Math.max(0, at - Math.max(since, from))
    for (const since of this.availableSince.values()) this.availableMs += Math.max(0, at - Math.max(since, from))
    this.busySince.clear()
    this.availableSince.clear()
  }
}
