/**
 * The demo center that `npm start` runs: four voice queues with their service-level settings,
 * 32 agents with the queues they serve, and the synthetic traffic that keeps it busy.
 */
import { DEFAULT_TRAFFIC, type TrafficConfig } from '@agner/telephony'

export interface DemoQueue {
  id: string
  name: { en: string; 'zh-CN': string }
  serviceLevelMs: number
  shortAbandonMs: number
  formula: 'ignore_short_abandons' | 'offered' | 'answered'
  weight: number
}

export const DEMO_QUEUES: DemoQueue[] = [
  { id: 'sales', name: { en: 'Sales', 'zh-CN': '销售热线' }, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', weight: 4 },
  { id: 'support', name: { en: 'Technical support', 'zh-CN': '技术支持' }, serviceLevelMs: 30_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', weight: 5 },
  { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单查询' }, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'offered', weight: 2 },
  { id: 'vip', name: { en: 'VIP line', 'zh-CN': 'VIP 专线' }, serviceLevelMs: 10_000, shortAbandonMs: 3_000, formula: 'answered', weight: 1 },
]

const NAMES = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐涛', '孙丽', '马超', '朱琳', '胡斌', '郭婷',
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'Mason', 'Isla', 'Leo', 'Chloe', 'Jack', 'Grace', 'Ryan',
]

export interface DemoAgent { id: string; name: string; queues: string[] }

export const DEMO_AGENTS: DemoAgent[] = NAMES.map((name, i) => {
  const primary = DEMO_QUEUES[i % 3]!.id
  const queues = i % 8 === 0 ? [primary, 'vip'] : i % 4 === 1 ? [primary, 'billing'] : [primary]
  return { id: `agent-${String(i + 1).padStart(2, '0')}`, name, queues: [...new Set(queues)] }
})

/** Traffic for the demo: about `eventsPerSecond` events, short calls so the numbers move. */
/** `exclude`: agents a person drives through the ACD (the demo agent user), left out of the synthetic traffic. */
export function demoTraffic(tenant: string, eventsPerSecond = 5, seed = Date.now() % 100_000, exclude: readonly string[] = []): TrafficConfig {
  return {
    ...DEFAULT_TRAFFIC,
    tenant,
    source: { kind: 'simulator', instance: 'demo' },
    queues: DEMO_QUEUES.map((q) => ({ id: q.id, channel: 'voice' as const, weight: q.weight })),
    agents: DEMO_AGENTS.filter((a) => !exclude.includes(a.id)),
    arrivalsPerSecond: eventsPerSecond / 11.5,
    meanTalkMs: 40_000,
    meanWrapMs: 10_000,
    meanPatienceMs: 60_000,
    breakShare: 0.05,
    meanBreakMs: 60_000,
    seed,
  }
}
