/**
 * Keeps the interval rollups current: told about every committed batch of events, it recomputes
 * the queue intervals those visits entered in and the agents' state time since their changes, on
 * a timer and before any report reads (`fresh()`), so a report never misses a committed event.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import type { CanonicalEvent } from '@agner/events'
import { recomputeAgentStates } from './agent-state-rollup.ts'
import { recomputeVisitRollups, touchedIntervals } from './queue-rollup.ts'
import { rebuildRollups } from './rebuild.ts'
import { INTERVAL_MS } from './visits-sql.ts'

const VISIT_EVENTS = new Set(['contact.queued', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended'])
const HOUR = 3_600_000

export interface RefresherOptions {
  tenant: string
  /** Clock, for tests. */
  now?: () => number
}

export class RollupRefresher {
  private visits = new Map<string, [string, string]>()
  private agents = new Map<string, number>()
  /** Where the last refresh's open agent states ended; they continue from there. */
  private statesUpTo = 0
  private running: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined
  private versionSeq = 0
  readonly stats = { refreshes: 0, lastMs: 0, failures: 0, lastError: '' }

  constructor(private readonly client: ClickHouseClient, private readonly opts: RefresherOptions) {}

  private now(): number { return (this.opts.now ?? Date.now)() }

  /** Monotonic versions: each recompute takes two (zeros, then figures). */
  private version(): number { this.versionSeq += 2; return this.now() * 1000 + (this.versionSeq % 1000) }

  /** Notes what a committed batch touched. */
  markDirty(events: readonly CanonicalEvent[]): void {
    for (const e of events) {
      if (e.tenant !== this.opts.tenant) continue
      if (e.queueId && e.contactId && VISIT_EVENTS.has(e.type)) this.visits.set(`${e.queueId}\u0000${e.contactId}`, [e.queueId, e.contactId])
      if (e.agentId && (e.type === 'agent.status_changed' || e.type === 'agent.activity_changed')) {
        this.agents.set(e.agentId, Math.min(this.agents.get(e.agentId) ?? Infinity, e.time))
      }
    }
  }

  get dirty(): boolean { return this.visits.size > 0 || this.agents.size > 0 }

  /** Something to do: committed changes, a first run, or a new interval for the agents' open states. */
  private get pending(): boolean { return this.dirty || this.statesUpTo === 0 || this.now() - this.statesUpTo >= INTERVAL_MS }

  /**
   * Brings the rollups up to date with everything committed so far. Concurrent callers share one
   * run; a call made while a run is going waits for it and then runs again for what came since.
   */
  async fresh(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined)
    // Nothing committed since, and still in the interval the last refresh reached: a report asking now reads as is.
    if (!this.pending) return
    this.running = this.refresh().finally(() => { this.running = undefined })
    return this.running
  }

  private async refresh(): Promise<void> {
    const t0 = performance.now()
    const visits = [...this.visits.values()]
    const agents = new Map(this.agents)
    this.visits.clear()
    this.agents.clear()
    try {
      for (let i = 0; i < visits.length; i += 5000) {
        const touched = await touchedIntervals(this.client, this.opts.tenant, visits.slice(i, i + 5000))
        if (touched.length === 0) continue
        const intervals = [...new Set(touched.map((t) => t.intervalStart))].sort((a, b) => a - b)
        await recomputeVisitRollups(this.client, {
          tenant: this.opts.tenant, queues: [...new Set(touched.map((t) => t.queueId))],
          from: intervals[0]!, to: intervals[intervals.length - 1]! + INTERVAL_MS, intervals, version: this.version(),
        })
      }
      await this.refreshStates(agents)
      this.stats.refreshes++
      this.stats.lastMs = performance.now() - t0
    } catch (err) {
      // Put the work back: the next refresh tries again.
      for (const v of visits) this.visits.set(`${v[0]}\u0000${v[1]}`, v)
      for (const [a, t] of agents) this.agents.set(a, Math.min(this.agents.get(a) ?? Infinity, t))
      this.stats.failures++
      this.stats.lastError = (err as Error).message
      throw err
    }
  }

  /**
   * Every agent's open state grows with the clock, so each refresh recomputes all agents from
   * where the last one stopped (or from the earliest change it was told about).
   */
  private async refreshStates(changed: Map<string, number>): Promise<void> {
    const to = this.now()
    if (this.statesUpTo === 0) this.statesUpTo = await this.lastStateInterval()
    const from = Math.min(this.statesUpTo, ...changed.values())
    if (!Number.isFinite(from) || from >= to) return
    await recomputeAgentStates(this.client, { tenant: this.opts.tenant, agents: [], from, to, version: this.version() })
    this.statesUpTo = Math.floor(to / INTERVAL_MS) * INTERVAL_MS
  }

  private async lastStateInterval(): Promise<number> {
    const rs = await this.client.query({
      query: 'SELECT max(interval_start) AS m FROM agent_state_time WHERE tenant = {tenant:String}', format: 'JSONEachRow', query_params: { tenant: this.opts.tenant },
    })
    const m = Number((await rs.json<{ m: string | number }>())[0]?.m ?? 0)
    return m > 0 ? m : this.now() - HOUR
  }

  /**
   * At start: a store whose rollups are empty but whose visits are not (history from before the
   * rollups existed) is rolled up whole; otherwise the last day is recomputed, covering anything
   * committed but not yet rolled up when the previous process stopped.
   */
  async catchUp(): Promise<void> {
    const rs = await this.client.query({
      query: `SELECT
          (SELECT count() FROM queue_intervals WHERE tenant = {tenant:String}) AS rolled,
          (SELECT min(queued_at_ms) FROM queue_visits WHERE tenant = {tenant:String} AND queued_at_ms > 0) AS first`,
      format: 'JSONEachRow', query_params: { tenant: this.opts.tenant },
    })
    const r = (await rs.json<{ rolled: string | number; first: string | number }>())[0]!
    const now = this.now()
    const first = Number(r.first)
    const from = Number(r.rolled) === 0 && first > 0 ? first : now - 24 * HOUR
    await rebuildRollups(this.client, this.opts.tenant, from, now + HOUR, now)
    this.statesUpTo = Math.floor(now / INTERVAL_MS) * INTERVAL_MS
  }

  /** Refreshes every `everyMs` in the background; failures are counted and reported through `onError`. */
  start(everyMs: number, onError: (err: Error) => void): void {
    this.timer = setInterval(() => {
      if (!this.pending) return
      this.fresh().catch((err: Error) => onError(err))
    }, everyMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.running?.catch(() => undefined)
  }
}
