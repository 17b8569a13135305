/** Alert rules and the engine, hand-worked: when an alert fires, worsens, stays one alert, ends, and stays quiet. */
import { describe, expect, it } from 'vitest'
import type { QueueLive } from '@agner/boards'
import { AlertEngine, type Observation } from '../src/alerts/alert-engine.ts'
import { observe, severityOf } from '../src/alerts/alert-observer.ts'
import { loadAlertSettings, type AlertRule } from '../src/alerts/alert-rules.ts'

const T0 = Date.UTC(2026, 11, 7, 2, 0, 0)
const rule: AlertRule = { id: 'wait', name: 'Callers waiting', enabled: true, kind: 'queue', metric: 'waiting', amber: 3, red: 6, queueIds: [], forSeconds: 30, clearSeconds: 60, minGapMinutes: 10, webhooks: [], notifyResolved: true }
const seen = (waiting: number): Observation => ({ ruleId: 'wait', subject: 'sales', subjectName: 'Sales', severity: severityOf(waiting, rule), value: { en: `${waiting} waiting`, 'zh-CN': `${waiting} 人排队` }, queueIds: ['sales'] })

describe('the alert engine', () => {
  it('fires once the condition has held forSeconds, escalates once, ends after clearSeconds, then keeps the gap', () => {
    let n = 0
    const e = new AlertEngine(() => `a${++n}`)
    const at = (s: number) => T0 + s * 1000
    expect(e.evaluate(at(0), [rule], [seen(4)])).toEqual([]) // amber, pending
    expect(e.evaluate(at(29), [rule], [seen(5)])).toEqual([])
    const fired = e.evaluate(at(30), [rule], [seen(5)])
    expect(fired.map((t) => [t.type, t.alert.alertId, t.alert.severity])).toEqual([['fired', 'a1', 'amber']])
    // Seen again and again: still one alert.
    for (let s = 31; s < 40; s++) expect(e.evaluate(at(s), [rule], [seen(5)])).toEqual([])
    expect(e.evaluate(at(40), [rule], [seen(7)]).map((t) => [t.type, t.alert.alertId, t.alert.severity])).toEqual([['escalated', 'a1', 'red']])
    expect(e.evaluate(at(41), [rule], [seen(4)])).toEqual([]) // back to amber: stays red, no new alert
    // Clear for 59 s, then amber again: the clock restarts.
    expect(e.evaluate(at(50), [rule], [seen(1)])).toEqual([])
    expect(e.evaluate(at(109), [rule], [seen(1)])).toEqual([])
    expect(e.evaluate(at(110), [rule], [seen(3)])).toEqual([])
    expect(e.evaluate(at(111), [rule], [seen(0)])).toEqual([])
    const ended = e.evaluate(at(171), [rule], [seen(0)])
    expect(ended.map((t) => [t.type, t.alert.alertId, t.at])).toEqual([['ended', 'a1', at(171)]])
    // Within 10 minutes of the end the same queue does not alert again, however long it holds.
    for (let s = 172; s < 171 + 600; s += 30) expect(e.evaluate(at(s), [rule], [seen(9)])).toEqual([])
    expect(e.evaluate(at(771), [rule], [seen(9)])).toEqual([]) // the gap is over: pending again
    expect(e.evaluate(at(801), [rule], [seen(9)]).map((t) => [t.type, t.alert.alertId, t.alert.severity])).toEqual([['fired', 'a2', 'red']])
  })

  it('a subject no longer seen counts as clear; a removed rule ends its alerts; restored alerts are not fired again', () => {
    const e = new AlertEngine(() => 'x')
    const instant = { ...rule, forSeconds: 0, clearSeconds: 0 }
    expect(e.evaluate(T0, [instant], [seen(3)]).map((t) => t.type)).toEqual(['fired'])
    expect(e.evaluate(T0 + 1000, [instant], []).map((t) => t.type)).toEqual(['ended'])
    const again = new AlertEngine(() => 'y')
    again.restore([{ alertId: 'old', ruleId: 'wait', subject: 'sales', subjectName: 'Sales', severity: 'amber', value: { en: '', 'zh-CN': '' }, startedMs: T0 - 60_000, queueIds: ['sales'] }])
    expect(again.evaluate(T0, [instant], [seen(4)])).toEqual([])
    expect(again.evaluate(T0 + 1000, [], [seen(4)]).map((t) => [t.type, t.alert.alertId, (t as { reason?: string }).reason])).toEqual([['ended', 'old', 'rule-removed']])
  })
})

describe('what rules see', () => {
  const queue = (waiting: number, sl: number | null): QueueLive => ({
    queueId: 'sales', name: 'Sales', waiting, oldestWaitingSince: waiting ? T0 - 95_000 : null, waitingPastThreshold: 0, waitingContacts: [],
    settings: { serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', formulaText: '', flowOutsInDenominator: false },
    agents: { ready: 1, reserved: 0, busy: 2, wrap: 0, aux: 1, offline: 0 },
    today: { maxWaitMs: 0 } as QueueLive['today'],
    windows: { '15m': {} as never, '30m': { serviceLevel: sl, abandonRate: null, asaMs: null } as QueueLive['windows']['30m'], '60m': {} as never },
  })
  it('a service level under its lines (lower is worse) and the longest wait in seconds', () => {
    const sl: AlertRule = { ...rule, id: 'sl', metric: 'serviceLevel', amber: 80, red: 70 }
    const wait: AlertRule = { ...rule, id: 'lw', metric: 'longestWaitSeconds', amber: 60, red: 120 }
    const o = observe([sl, wait], { now: T0, queues: [queue(2, 0.75)], agents: [] })
    expect(o.map((x) => [x.ruleId, x.severity, x.value.en])).toEqual([['sl', 'amber', 'service level 75.0% (30 min)'], ['lw', 'amber', 'longest wait 95 s']])
    expect(observe([sl], { now: T0, queues: [queue(0, null)], agents: [] })[0]!.severity).toBeNull() // no contacts in 30 min: nothing to judge
  })
  it('an agent in not-ready past N minutes (red past 2N), for the reasons named', () => {
    const aux: AlertRule = { ...rule, id: 'aux', kind: 'agentState', state: 'aux', minutes: 15, reasonCodes: ['break'] }
    const agent = (reasonCode: string, minutes: number) => ({ agentId: 'a1', name: '张伟', state: 'aux' as const, reasonCode, stateSince: T0 - minutes * 60_000, contactId: null, contactQueueId: null, contactSince: null, handledToday: 0, queues: ['sales'] })
    expect(observe([aux], { now: T0, queues: [], agents: [agent('break', 14)] })[0]!.severity).toBeNull()
    expect(observe([aux], { now: T0, queues: [], agents: [agent('break', 16)] })[0]).toMatchObject({ severity: 'amber', value: { 'zh-CN': '未就绪（break） 16 分钟' } })
    expect(observe([aux], { now: T0, queues: [], agents: [agent('break', 31)] })[0]!.severity).toBe('red')
    expect(observe([aux], { now: T0, queues: [], agents: [agent('training', 60)] })[0]!.severity).toBeNull()
  })
})

describe('alert settings', () => {
  it('refuses a red line on the wrong side of the amber one, in both languages', () => {
    let err: unknown
    try { loadAlertSettings({ rules: [{ id: 'sl', name: 'SL', kind: 'queue', metric: 'serviceLevel', amber: 70, red: 80 }], webhooks: [] }) } catch (e) { err = e }
    expect((err as { said: { text: Record<string, string> } }).said.text).toEqual({ en: 'Rule "sl": for this figure lower is worse, so the red line must be at or below the amber one.', 'zh-CN': '规则"sl"：该指标越低越差，红色阈值必须不高于黄色阈值。' })
    expect(() => loadAlertSettings({ rules: [{ id: 'w', name: 'W', kind: 'queue', metric: 'waiting', amber: 3, webhooks: ['nope'] }], webhooks: [] })).toThrow('Rule "w" sends to webhook "nope", which does not exist.')
    expect(() => loadAlertSettings({ rules: [], webhooks: [{ id: 'h', format: 'json', url: 'ftp://x' }] })).toThrow('Webhook "h": the address must be an http:// or https:// URL.')
  })
})
