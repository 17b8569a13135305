/**
 * The demo's first start publishes this week's and next week's schedules (generated from the
 * seeded history, as a planner would), so adherence, "my schedule" and the planner's pages have
 * something to show at once. Weeks that already have a published version are left alone.
 */
import type { Store } from '@agner/analytics'
import type { CenterCatalog } from '../reports/catalog.ts'
import { generateSchedule } from './generate.ts'
import { defaultRules } from './schedule-input.ts'
import { getRules, publish, publishedIdFor } from './schedule-store.ts'
import type { WfmRules } from './schedule-types.ts'
import { weekStartIn } from './week.ts'

export interface DemoWeeksOptions {
  store: Store; tenant: string; timeZone: string; catalog: CenterCatalog; defaults: Partial<WfmRules>; now: number
  /** Solver limit per week, seconds. */
  timeLimitSec: number
}

/** Publishes the weeks that have no published schedule; returns the week starts it published. */
export async function publishDemoWeeks(o: DemoWeeksOptions): Promise<number[]> {
  const rules = (await getRules(o.store.client, o.tenant)) ?? { ...defaultRules(), ...o.defaults }
  const thisWeek = weekStartIn(o.now, o.timeZone)
  const weeks = [thisWeek, weekStartIn(thisWeek + 8 * 86_400_000, o.timeZone)]
  const done: number[] = []
  // In order: next week's schedule counts this week's published shifts that run into its Monday.
  for (const weekStart of weeks) {
    if (await publishedIdFor(o.store.client, o.tenant, weekStart)) continue
    const draft = await generateSchedule({ ...o, rules, weekStart, by: 'demo' })
    await publish(o.store.client, o.tenant, draft, 'demo')
    done.push(weekStart)
  }
  return done
}
