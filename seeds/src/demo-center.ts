/**
 * The demo center that `npm start` runs: four voice queues, a chat queue and an email queue with
 * their service-level settings, 32 agents with the queues they serve (some take three chats or two
 * emails at once), and the synthetic traffic that keeps it busy.
 */
import { DEFAULT_TRAFFIC, type TrafficConfig } from '@agner/telephony'

export interface DemoQueue {
  id: string
  name: { en: string; 'zh-CN': string }
  serviceLevelMs: number
  shortAbandonMs: number
  formula: 'ignore_short_abandons' | 'offered' | 'answered'
  weight: number
  channel: 'voice' | 'chat' | 'email'
}

/** Contacts at once for agents who take chats or emails. */
export const DEMO_CAPACITY = { voice: 1, chat: 3, email: 2 } as const

export const DEMO_QUEUES: DemoQueue[] = [
  { id: 'sales', name: { en: 'Sales', 'zh-CN': '销售热线' }, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', weight: 4, channel: 'voice' },
  { id: 'support', name: { en: 'Technical support', 'zh-CN': '技术支持' }, serviceLevelMs: 30_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', weight: 5, channel: 'voice' },
  { id: 'billing', name: { en: 'Billing', 'zh-CN': '账单查询' }, serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'offered', weight: 2, channel: 'voice' },
  { id: 'vip', name: { en: 'VIP line', 'zh-CN': 'VIP 专线' }, serviceLevelMs: 10_000, shortAbandonMs: 3_000, formula: 'answered', weight: 1, channel: 'voice' },
  { id: 'chat', name: { en: 'Web chat', 'zh-CN': '在线客服' }, serviceLevelMs: 60_000, shortAbandonMs: 10_000, formula: 'ignore_short_abandons', weight: 2, channel: 'chat' },
  { id: 'email', name: { en: 'Email', 'zh-CN': '邮件工单' }, serviceLevelMs: 4 * 3_600_000, shortAbandonMs: 0, formula: 'answered', weight: 1, channel: 'email' },
]

/** The voice queues (the synthetic low-rate traffic only makes calls). */
export const DEMO_VOICE_QUEUES = DEMO_QUEUES.filter((q) => q.channel === 'voice')

const NAMES = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐涛', '孙丽', '马超', '朱琳', '胡斌', '郭婷',
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'Mason', 'Isla', 'Leo', 'Chloe', 'Jack', 'Grace', 'Ryan',
  // The 28 who work the demo's other shifts (early, late and night): in its history and live traffic.
  '林晓', '何平', '高远', '罗佳', '郑宇', '梁燕', '谢东', '宋雪', '唐亮', '许娟', '韩冰', '冯勇', '邓洁', '曹阳',
  'Harper', 'Henry', 'Amelia', 'James', 'Ella', 'Daniel', 'Zoe', 'Samuel', 'Lily', 'Oscar', 'Ruby', 'Adam', 'Nora', 'Owen',
]
/** The first 32 agents: the day team (the ACD's own demo agents since the start). */
const DAY_TEAM = 32

/** The queues of the agents past the day team, as the history has always given them. */
export function extraAgentQueues(i: number): string[] {
  return [DEMO_QUEUES[i % 3]!.id, ...(i % 5 === 0 ? ['vip'] : []), ...(i % 3 === 1 && i % 2 === 0 ? ['chat'] : []), ...(i % 3 === 2 && i % 2 === 1 ? ['email'] : [])]
}

export interface DemoAgent { id: string; name: string; queues: string[] }

export const DEMO_AGENTS: DemoAgent[] = NAMES.map((name, i) => {
  const id = `agent-${String(i + 1).padStart(2, '0')}`
  if (i >= DAY_TEAM) return { id, name, queues: extraAgentQueues(i - DAY_TEAM) }
  const primary = DEMO_QUEUES[i % 3]!.id
  // Support agents take chats too (one in two) and billing agents emails (one in two).
  const digital = primary === 'support' && i % 2 === 0 ? ['chat'] : primary === 'billing' && i % 2 === 1 ? ['email'] : []
  const queues = i % 8 === 0 ? [primary, 'vip'] : i % 4 === 1 ? [primary, 'billing', ...digital] : [primary, ...digital]
  return { id, name, queues: [...new Set(queues)] }
})

/** Traffic for the demo: about `eventsPerSecond` events, short calls so the numbers move. */
/** `exclude`: agents a person drives through the ACD (the demo agent user), left out of the synthetic traffic. */
export function demoTraffic(tenant: string, eventsPerSecond = 5, seed = Date.now() % 100_000, exclude: readonly string[] = []): TrafficConfig {
  return {
    ...DEFAULT_TRAFFIC,
    tenant,
    source: { kind: 'simulator', instance: 'demo' },
    queues: DEMO_VOICE_QUEUES.map((q) => ({ id: q.id, channel: 'voice' as const, weight: q.weight })),
    agents: DEMO_AGENTS.filter((a) => !exclude.includes(a.id)).map((a) => ({ ...a, queues: a.queues.filter((q) => DEMO_VOICE_QUEUES.some((v) => v.id === q)) })),
    arrivalsPerSecond: eventsPerSecond / 11.5,
    meanTalkMs: 40_000,
    meanWrapMs: 10_000,
    meanPatienceMs: 60_000,
    breakShare: 0.05,
    meanBreakMs: 60_000,
    seed,
  }
}
