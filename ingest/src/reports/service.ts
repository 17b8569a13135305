/**
 * Runs reports for a caller: checks the report name, filters and language, applies the caller's
 * team scope to queues, teams and agents (a clear 4xx for anything out of scope, never data),
 * brings the rollups up to date, and runs the report. Used by the API, the CLI and schedules.
 */
import type { CenterCodes } from '@agner/events'
import type { ClickHouseClient } from '@clickhouse/client'
import {
  contactDetail, isLocale, isReportName, parseReportFilters, REPORT_NAMES, ReportInputError, runReport,
  type ContactSearch, type Locale, type ReportContext, type ReportFilters, type ReportName, type ReportResult, type RollupRefresher,
} from '@agner/analytics'
import type { QueueScope } from '../access/principal.ts'
import type { TeamRecord } from '../access/records.ts'
import type { CenterCatalog } from './catalog.ts'

export interface ReportCaller {
  name: string
  /** Queues the caller may see. */
  queues: QueueScope
  /** Teams the caller belongs to (team-scoped roles may filter by these only). */
  teamIds: readonly string[]
  pii: boolean
  contacts: boolean
}

export interface ReportServiceDeps {
  client: ClickHouseClient
  tenant: string
  timeZone: string
  catalog: CenterCatalog
  team: (id: string) => TeamRecord | undefined
  refresher?: RollupRefresher
  now?: () => number
  /** The center's own disposition and aux reason codes with their names. */
  codes?: CenterCodes
}

export type ReportQuery = Record<string, unknown>

const KNOWN_TTL_MS = 60_000

export class ReportService {
  private known?: { at: number; queues: Set<string>; agents: Set<string> }

  constructor(private readonly d: ReportServiceDeps) {}

  private now(): number { return (this.d.now ?? Date.now)() }

  /** Queues and agents present in the store (a center without ACD configuration learns them from events). */
  private async stored(): Promise<{ queues: Set<string>; agents: Set<string> }> {
    if (this.known && this.now() - this.known.at < KNOWN_TTL_MS) return this.known
    const rs = await this.d.client.query({
      query: `SELECT
          (SELECT groupUniqArray(queue_id) FROM queue_intervals WHERE tenant = {tenant:String}) AS queues,
          (SELECT groupUniqArray(agent_id) FROM agent_state_time WHERE tenant = {tenant:String}) AS agents`,
      format: 'JSONEachRow', query_params: { tenant: this.d.tenant },
    })
    const r = (await rs.json<{ queues: string[]; agents: string[] }>())[0]
    this.known = { at: this.now(), queues: new Set(r?.queues ?? []), agents: new Set(r?.agents ?? []) }
    return this.known
  }

  async context(caller: ReportCaller, locale: unknown): Promise<ReportContext> {
    if (locale !== undefined && locale !== '' && !isLocale(locale)) throw new ReportInputError('Language must be en or zh-CN.')
    const lang: Locale = isLocale(locale) ? locale : 'en'
    const { catalog } = this.d
    return {
      client: this.d.client, tenant: this.d.tenant, timeZone: this.d.timeZone, locale: lang, pii: caller.pii, requestedBy: caller.name,
      queue: (id) => catalog.queue(id), agentName: (id) => catalog.agentName(id), now: this.now(), ...(this.d.codes ? { codes: this.d.codes } : {}),
    }
  }

  /** The filters after scoping: what the report will really cover. */
  async filters(query: ReportQuery, caller: ReportCaller): Promise<{ filters: ReportFilters; scopeAgents?: string[] }> {
    const f = parseReportFilters(query, this.d.timeZone, this.now())
    const scope = caller.queues
    const stored = await this.stored()
    if (f.teams.length) {
      const teamQueues = new Set<string>()
      for (const id of f.teams) {
        const team = this.d.team(id)
        if (!team || team.deleted) throw new ReportInputError(`Team "${id}" does not exist; pick one of your teams.`)
        if (scope !== 'all' && !caller.teamIds.includes(id)) throw new ReportInputError(`You do not supervise team "${team.name}"; reports cover your own teams only.`, 403)
        for (const q of team.queueIds) teamQueues.add(q)
      }
      f.queues = f.queues.length ? f.queues.filter((q) => teamQueues.has(q)) : [...teamQueues].sort()
      if (f.queues.length === 0) throw new ReportInputError('Those teams have none of the chosen queues; change the queues or the teams.')
    }
    for (const q of f.queues) {
      if (!this.d.catalog.hasQueue(q) && !stored.queues.has(q)) throw new ReportInputError(`Queue "${q}" is unknown; pick queues from the list.`)
      if (scope !== 'all' && !scope.has(q)) throw new ReportInputError(`Queue "${this.d.catalog.queue(q).name}" is outside your teams; ask an admin.`, 403)
    }
    if (scope !== 'all' && f.queues.length === 0) {
      if (scope.size === 0) throw new ReportInputError('Your teams have no queues yet; ask an admin to add queues to your team.', 403)
      f.queues = [...scope].sort()
    }
    let scopeAgents: string[] | undefined
    if (scope !== 'all') {
      const ids = new Set([...this.d.catalog.agentIds(), ...stored.agents])
      scopeAgents = [...ids].filter((a) => this.d.catalog.agentQueues(a).some((q) => scope.has(q))).sort()
    }
    for (const a of f.agents) {
      if (!this.d.catalog.hasAgent(a) && !stored.agents.has(a)) throw new ReportInputError(`Agent "${a}" is unknown; pick agents from the list.`)
      if (scopeAgents && !scopeAgents.includes(a)) throw new ReportInputError(`Agent "${this.d.catalog.agentName(a)}" does not work in your teams' queues.`, 403)
    }
    return { filters: f, scopeAgents }
  }

  async run(name: string, query: ReportQuery, caller: ReportCaller, o: { stream?: boolean } = {}): Promise<ReportResult> {
    if (!isReportName(name)) throw new ReportInputError(`There is no report "${name.slice(0, 40)}"; the reports are ${REPORT_NAMES.join(', ')}.`, 404)
    if (name === 'contacts' && !caller.contacts) throw new ReportInputError('The contact list needs the contacts:read permission; ask an admin.', 403)
    const ctx = await this.context(caller, query.lang)
    const { filters, scopeAgents } = await this.filters(query, caller)
    const contacts: ContactSearch = {
      outcome: query.outcome ? String(query.outcome) : undefined, search: query.search ? String(query.search) : undefined,
      limit: query.limit === undefined ? undefined : positiveInt(query.limit), stream: o.stream,
      offset: query.offset === undefined ? undefined : Number(query.offset), sort: query.sort === undefined ? undefined : String(query.sort),
    }
    await this.d.refresher?.fresh()
    return runReport(name as ReportName, ctx, filters, { scopeAgents, contacts })
  }

  async contact(id: string, caller: ReportCaller, lang: unknown): Promise<ReportResult> {
    if (!caller.contacts) throw new ReportInputError('Contact details need the contacts:read permission; ask an admin.', 403)
    const ctx = await this.context(caller, lang)
    const scope = caller.queues
    const r = await contactDetail(ctx, id, (q) => scope === 'all' || (q !== '*' && scope.has(q)))
    if (!r) throw new ReportInputError(`Contact "${id.slice(0, 60)}" is not found in your queues.`, 404)
    return r
  }
}

function positiveInt(v: unknown): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new ReportInputError('"limit" must be a whole number of at least 1.')
  return n
}
