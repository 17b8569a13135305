/** A contact's journey in plain words, in both languages, from hand-built events. */
import { describe, expect, it } from 'vitest'
import { contactJourney, spokenDuration, type JourneyEvent } from '../src/reports/journey.ts'

const S = 1000
const T = Date.UTC(2026, 10, 2, 2, 0)
const e = (type: string, at: number, data: Record<string, unknown> = {}, agentId = '', queueId = 'support'): JourneyEvent => ({ type, time: T + at * S, queueId, agentId, channel: 'voice', data })
const EVENTS: JourneyEvent[] = [
  e('contact.created', 0, { direction: 'inbound', initiation: 'inbound', ani: '13800001234', dnis: '4008001234' }, '', ''),
  e('contact.ivr_step', 5, { node: 'main-menu', input: '2' }, '', ''),
  e('contact.queued', 12, { position: 3 }),
  e('contact.offered', 40, { offerId: 'o1', agentId: 'agent-07', ringTimeoutMs: 20000 }),
  e('contact.offer_ended', 60, { offerId: 'o1', agentId: 'agent-07', ringMs: 20000, outcome: 'timeout' }),
  e('contact.offered', 61, { offerId: 'o2', agentId: 'agent-03', ringTimeoutMs: 20000 }),
  e('contact.dequeued', 65, { waitMs: 53000, outcome: 'answered' }),
  e('contact.connected', 65, { agentId: 'agent-03', waitMs: 53000, ringMs: 4000 }, 'agent-03'),
  e('contact.held', 100, {}, 'agent-03'),
  e('contact.resumed', 130, {}, 'agent-03'),
  e('contact.ended', 291, { endedBy: 'customer', talkMs: 196000, holdMs: 30000, holdCount: 1 }, 'agent-03'),
  e('contact.wrapup_ended', 321, { durationMs: 30000, dispositionCode: 'resolved', notes: '已退款' }, 'agent-03'),
  e('contact.survey', 330, { csat: 4 }, 'agent-03'),
]
const names = {
  queue: (q: string) => ({ support: 'Technical support', billing: 'Billing' })[q] ?? q,
  agent: (a: string) => ({ 'agent-03': '李娜', 'agent-07': 'Emma' })[a] ?? a,
  phone: (n: string) => `${n.slice(0, 3)}****${n.slice(-4)}`,
  code: (c: string) => ({ resolved: 'Resolved' })[c] ?? c,
}

describe('contact journey', () => {
  it('says each step in English', () => {
    expect(contactJourney(EVENTS, names, 'en').map((s) => s.step)).toEqual([
      'Contact came in from 138****1234 to 4008001234 (voice)',
      'IVR: main-menu, pressed 2',
      'Entered queue Technical support at position 3',
      'Offered to Emma',
      'Emma did not take it: no answer after ringing 20 s',
      'Offered to 李娜',
      'Left queue Technical support: answered after waiting 53 s',
      'Answered by 李娜 (waited 53 s, rang 4 s)',
      'Put on hold by 李娜',
      'Taken off hold',
      'The customer hung up after 3 min 16 s of talk and 30 s on hold (1×)',
      'Wrap-up by 李娜: Resolved (30 s) — notes: “已退款”',
      'Survey: 4 of 5',
    ])
  })

  it('and in Chinese, with abandons, transfers and overflow', () => {
    const more = [
      e('contact.dequeued', 10, { waitMs: 95000, outcome: 'overflow', overflowTo: 'billing' }),
      e('contact.transferred', 20, { mode: 'queue', target: 'billing', newContactId: 'c-2' }, 'agent-03'),
      e('contact.dequeued', 30, { waitMs: 4000, outcome: 'abandoned' }),
    ]
    expect(contactJourney([EVENTS[0]!, EVENTS[10]!, ...more], names, 'zh-CN').map((s) => s.step)).toEqual([
      '联络呼入，主叫 138****1234，被叫 4008001234（语音）',
      '客户挂断，通话 3 分 16 秒，保持 30 秒（1 次）',
      '离开队列 Technical support：等待 1 分 35 秒后溢出至 Billing',
      '李娜 将联络到队列转移至 Billing；后续为联络 c-2',
      '离开队列 Technical support：等待 4 秒后客户挂断',
    ])
  })

  it('durations as people say them', () => {
    expect(spokenDuration(45_000, 'en')).toBe('45 s')
    expect(spokenDuration(3_725_000, 'en')).toBe('1 h 02 min')
    expect(spokenDuration(185_000, 'zh-CN')).toBe('3 分 05 秒')
  })
})
