/**
 * What the scheduler gets for a week: each queue's requirement per 15-minute interval from its
 * forecast (the planner's method choice by backtest, sized for the queue's own service-level
 * threshold by Erlang A with the callers' patience measured in its history, or Erlang C when too few
 * gave up to measure it, divided by how many contacts an agent takes at once, then corrected for
 * multi-skill agents pooling by simulating the center: staffing/pooling.ts), the center's
 * templates and contracts, and its agents with their skills (the queues they serve) and rules.
 */
import type { Store } from '@agner/analytics'
import {
  carriedInto, daysWorkedAtEnd, pooledRequirements, DEFAULT_ADHERENCE_RULES, DEFAULT_CONTRACTS, DEFAULT_TEMPLATES, WEEK_MIN, withCarryIn, withDaysWorkedBefore,
  type CarriedShift, type ScheduleInput, type SkillRequirement,
} from '@agner/wfm'
import { startOfDayIn } from '../live/day.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import { queueHistory, queuePatience } from './history.ts'
import { plan } from './plan.ts'
import type { ScheduleAgent, WfmRules } from './schedule-types.ts'
import { getSchedule, publishedIdFor } from './schedule-store.ts'
import { leaveInWeek } from './leave.ts'

const DAY = 86_400_000

export function defaultRules(concurrency: Record<string, number> = {}): WfmRules {
  return {
    templates: DEFAULT_TEMPLATES, contracts: DEFAULT_CONTRACTS, defaultContractId: 'full-time', agents: [], adherence: DEFAULT_ADHERENCE_RULES,
    concurrency, serviceLevel: 0.8, shrinkage: 0.15,
  }
}

export interface WeekInputOptions { store: Store; tenant: string; timeZone: string; catalog: CenterCatalog; rules: WfmRules; weekStart: number; now: number; historyWeeks?: number; timeLimitSec?: number }

/**
 * A week's scheduling input: the requirement forecast per queue, the agents and their rules, and the
 * published shifts of the week before that run into this one (`carried`, already counted in `input`),
 * and whether that week was published at all (`weekBefore`).
 */
export async function weekInput(o: WeekInputOptions): Promise<{ input: ScheduleInput; agents: ScheduleAgent[]; carried: CarriedShift[]; weekBefore: boolean }> {
  const today = startOfDayIn(o.now, o.timeZone)
  const weeks = o.historyWeeks ?? 8
  const from = today - weeks * 7 * DAY
  const ahead = Math.round((o.weekStart - today) / DAY)
  const requirements: SkillRequirement[] = []
  // Sunday's night shifts reach into the next Monday: its first hours are forecast too, so they count.
  const reach = Math.max(0, ...o.rules.templates.map((t) => t.startLatestMin + t.lengthMin - 1440))
  const afterIntervals = Math.min(96, Math.ceil(reach / 15))
  for (const queue of o.catalog.queueIds()) {
    const settings = o.catalog.queue(queue)
    const history = await queueHistory(o.store.client, { tenant: o.tenant, timeZone: o.timeZone, queue, from, days: weeks * 7, intervalMinutes: 15 })
    if (history.volume.every((v) => v === 0)) continue
    // A threshold past the interval (email: hours) is sized at the interval's length, the most Erlang can see.
    const threshold = Math.min(settings.serviceLevelMs / 1000, 15 * 60)
    // Callers who give up relieve the queue: with enough abandons in the history, Erlang A with the
    // queue's own patience sizes it (an email queue, where nobody hangs up, has too few to measure).
    const patience = await queuePatience(o.store.client, { tenant: o.tenant, queue, from, to: today })
    const p = plan(history, {
      horizonDays: Math.max(1, ahead + 7 + (afterIntervals > 0 ? 1 : 0)), method: 'auto', excludedDays: [], specialDays: [], volumePct: 0,
      goals: { serviceLevel: o.rules.serviceLevel, slThresholdSec: threshold }, shrinkage: o.rules.shrinkage,
      ...(patience ? { patienceSec: patience.patienceSec } : {}),
    })
    // The forecast starts today: days of the week already past need nobody.
    const none = { volume: 0, ahtSec: 0, scheduledAgents: 0 }
    const week = Array.from({ length: WEEK_MIN / 15 }, (_, k) => (ahead * 96 + k >= 0 ? p.requirements[ahead * 96 + k] ?? none : none))
    const after = Array.from({ length: afterIntervals }, (_, k) => p.requirements[(ahead + 7) * 96 + k] ?? none)
    const perAgent = Math.max(1, o.rules.concurrency[queue] ?? 1)
    const agentsFor = (r: { scheduledAgents: number }): number => Math.ceil(r.scheduledAgents / perAgent - 1e-9)
    requirements.push({
      skill: queue, agents: week.map(agentsFor), ...(after.length ? { after: after.map(agentsFor) } : {}),
      // The prediction sees an agent's concurrency as that many servers.
      volume: week.map((r) => r.volume / perAgent), ahtSec: week.map((r) => r.ahtSec), slThresholdSec: threshold,
      ...(patience ? { patienceSec: patience.patienceSec } : {}),
    })
  }
  const own = new Map(o.rules.agents.map((a) => [a.agentId, a]))
  // Skills: the queues the ACD gives an agent, and the queues they answered in the history.
  const learned = await answeredQueues(o.store, o.tenant, from)
  const ids = [...new Set([...o.catalog.agentIds(), ...learned.keys()])].sort()
  const agents: ScheduleAgent[] = ids.map((id) => ({
    id, name: o.catalog.agentName(id), skills: [...new Set([...o.catalog.agentQueues(id), ...(learned.get(id) ?? [])])].sort(),
    contractId: own.get(id)?.contractId ?? o.rules.defaultContractId,
  }))
  // Multi-skill agents pool: each queue's Erlang figure corrected by simulating the center's real mix of skills.
  const pooled = pooledRequirements({ weekStart: o.weekStart, intervalMin: 15, requirements, agents, goal: o.rules.serviceLevel, shrinkage: o.rules.shrinkage }).requirements
  // The week before, as published: its shifts that end after it cover this week's first hours, and
  // the days its agents worked up to Sunday count toward this week's consecutive-day rule.
  const previousId = await publishedIdFor(o.store.client, o.tenant, o.weekStart - 7 * DAY)
  const previous = previousId ? await getSchedule(o.store.client, o.tenant, previousId) : undefined
  const previousShifts = previous?.shifts ?? []
  const carried = carriedInto(previousShifts)
  const input: ScheduleInput = {
    weekStart: o.weekStart, intervalMin: 15, requirements: pooled, templates: o.rules.templates, contracts: o.rules.contracts, shrinkage: o.rules.shrinkage,
    timeLimitSec: o.timeLimitSec ?? 30,
    agents: agents.map((a) => {
      const r = own.get(a.id)
      // Standing weekly time off, and the dated leave that falls in this week.
      const timeOff = [...(r?.timeOff ?? []), ...leaveInWeek(r?.leave ?? [], o.weekStart, o.timeZone)]
      return { id: a.id, name: a.name, skills: a.skills, contractId: a.contractId, ...(r?.availability ? { availability: r.availability } : {}), ...(timeOff.length ? { timeOff } : {}) }
    }),
  }
  return { agents, input: withDaysWorkedBefore(withCarryIn(input, carried), daysWorkedAtEnd(previousShifts)), carried, weekBefore: previous !== undefined }
}

async function answeredQueues(store: Store, tenant: string, from: number): Promise<Map<string, string[]>> {
  const rs = await store.client.query({
    query: `SELECT agent_id, groupUniqArray(queue_id) AS queues FROM agent_intervals FINAL
            WHERE tenant = {tenant:String} AND interval_start >= {from:Int64} AND answered > 0 AND agent_id != '' GROUP BY agent_id`,
    format: 'JSONEachRow', query_params: { tenant, from },
  })
  return new Map((await rs.json<{ agent_id: string; queues: string[] }>()).map((r) => [r.agent_id, r.queues]))
}
