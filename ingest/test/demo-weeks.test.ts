/**
 * The demo's first start publishes this and next week's schedules from its seeded history, so
 * adherence and "my schedule" have something to show at once; weeks already published are kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { engineCatalog } from '../src/reports/catalog.ts'
import { publishDemoWeeks } from '../src/wfm/demo-weeks.ts'
import { DEMO_WFM_RULES } from '../src/wfm/demo-rules.ts'
import { weekStartIn } from '../src/wfm/week.ts'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

const TZ = 'Asia/Shanghai'
let c: AccessCenter
beforeAll(async () => { c = await startAccessCenter({ demoHistoryWeeks: 2, timeZone: TZ }) }, 120_000)
afterAll(async () => { await c?.dispose() })

it('publishes this week and next from the seeded history; adherence then has a schedule to measure against', async () => {
  const a = c.agner
  const opts = { store: a.store, tenant: 'default', timeZone: TZ, catalog: engineCatalog(a.engine), defaults: DEMO_WFM_RULES, now: Date.now(), timeLimitSec: 4 }
  const published = await publishDemoWeeks(opts)
  const thisWeek = weekStartIn(Date.now(), TZ)
  expect(published).toEqual([thisWeek, weekStartIn(thisWeek + 8 * 86_400_000, TZ)])
  const admin = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers
  const rta = await (await fetch(`${c.url}/api/wfm/rta`, { headers: admin })).json() as { published: boolean; version: number }
  expect(rta).toMatchObject({ published: true, version: 1 })
  const adherence = await (await fetch(`${c.url}/api/wfm/adherence`, { headers: admin })).json() as { published: boolean }
  expect(adherence.published).toBe(true)
  // A second start publishes nothing more.
  expect(await publishDemoWeeks(opts)).toEqual([])
}, 180_000)
