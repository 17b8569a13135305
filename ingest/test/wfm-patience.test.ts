/**
 * Callers' patience measured from a queue's history, hand-worked: 4 abandoned after 4, 5, 25 and
 * 90 s; 5 answered after 10, 30, 31, 0 and 45 s. Every caller's wait is patience used (the answered
 * ones' is censored by the answer): (4 + 5 + 25 + 90) + (10 + 30 + 31 + 0 + 45) = 240 s over 4
 * abandons = 60 s. Fewer than 20 abandons is too few to say, so the test asks with its own floor.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { visitEvents, type VisitSpec } from '@agner/analytics/testing'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'
import { MIN_ABANDONS_FOR_PATIENCE, queuePatience } from '../src/wfm/history.ts'

const S = 1000
const T10 = Date.UTC(2026, 10, 2, 10, 0)
const Q = 'billing'
const answered = [10, 30, 31, 0, 45]
const abandoned = [4, 5, 25, 90]
const visits: VisitSpec[] = [
  ...answered.map((w, i): VisitSpec => ({ contactId: `p-a${i}`, queueId: Q, at: T10 + i * 60 * S, waitMs: w * S, outcome: 'answered', agentId: 'agent-03', talkMs: 100 * S })),
  ...abandoned.map((w, i): VisitSpec => ({ contactId: `p-b${i}`, queueId: Q, at: T10 + (i + 5) * 60 * S, waitMs: w * S, outcome: 'abandoned', position: 1 })),
]

let c: AccessCenter
beforeAll(async () => {
  c = await startAccessCenter()
  // Five copies of the day (a week apart): 20 abandons, the least patience is measured from.
  const copies = Array.from({ length: MIN_ABANDONS_FOR_PATIENCE / abandoned.length }, (_, k) => visits.map((v) => ({ ...v, contactId: `${v.contactId}-${k}`, at: v.at + k * 7 * 86_400_000 })))
  await c.publishStored(copies.flat().flatMap(visitEvents))
  await c.agner.rollups.fresh()
}, 120_000)
afterAll(async () => { await c?.dispose() })

it('is the callers\' total wait over the abandons, once there are enough abandons', async () => {
  const span = { tenant: 'default', queue: Q, from: T10 - 86_400_000, to: T10 + 40 * 86_400_000 }
  expect(await queuePatience(c.agner.store.client, span)).toEqual({ patienceSec: 60, abandoned: 20, answered: 25 })
  // One copy only: 4 abandons are too few to say.
  expect(await queuePatience(c.agner.store.client, { ...span, to: T10 + 86_400_000 })).toBeUndefined()
})
