/**
 * Generates a week's draft schedule and saves it: the week's input (forecast → requirement, rules,
 * agents, last week's carry-in), the scheduler, and two simulated runs as proof. What the planner's
 * "Generate" does, and what the demo does for its first weeks.
 */
import type { Store } from '@agner/analytics'
import { uuidv7 } from '@agner/events'
import { buildSchedule, carryInNote, noWeekBeforeNote, type CarriedShift, simulateSchedule, type ScheduledShift, type ScheduleInput, type SimulatedCoverage } from '@agner/wfm'
import { ReportInputError } from '@agner/analytics'
import { sayWfm } from './wfm-sentences.ts'
import type { CenterCatalog } from '../reports/catalog.ts'
import { skillLookup } from './schedule-edit.ts'
import { weekInput } from './schedule-input.ts'
import { saveSchedule } from './schedule-store.ts'
import type { ScheduleAgent, StoredSchedule, WfmRules } from './schedule-types.ts'

/** Two simulated runs of the week: enough to show where per-interval Erlang is off, fast enough to redo on every edit. */
export const simulate = (input: ScheduleInput, shifts: ScheduledShift[], agents: ScheduleAgent[], seed?: number, carriedIn: readonly CarriedShift[] = []): SimulatedCoverage =>
  // Last week's night shifts answer this Monday's first callers too.
  simulateSchedule(input, [...carriedIn.map((c) => c.shift), ...shifts], skillLookup(agents), { runs: 2, ...(seed !== undefined ? { seed } : {}) })

export interface GenerateOptions {
  store: Store; tenant: string; timeZone: string; catalog: CenterCatalog; rules: WfmRules; weekStart: number; now: number; timeLimitSec: number
  /** Who generated it (a user's name, or "demo"). */
  by: string
}

export async function generateSchedule(o: GenerateOptions): Promise<StoredSchedule> {
  const { input, agents, carried, weekBefore } = await weekInput(o)
  if (input.requirements.length === 0) throw new ReportInputError(sayWfm('noHistory'))
  const s = await buildSchedule(input)
  const stored: StoredSchedule = {
    id: uuidv7(), weekStart: o.weekStart, status: 'draft', version: 0, sourceId: '', timeZone: o.timeZone, intervalMin: input.intervalMin, agents, input,
    shifts: s.shifts, coverage: s.coverage, solver: s.solver, problems: [...(weekBefore ? carryInNote(carried) : noWeekBeforeNote(input)), ...s.problems], violations: s.violations,
    simulation: simulate(input, s.shifts, agents, undefined, carried), ...(carried.length ? { carriedIn: carried } : {}), createdBy: o.by, createdMs: o.now, updatedMs: o.now,
  }
  await saveSchedule(o.store.client, o.tenant, stored)
  return stored
}
