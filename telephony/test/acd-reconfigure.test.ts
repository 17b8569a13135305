/** The center's configuration changed while the ACD runs: routing follows at once, contacts in flight are not disturbed. */
import { describe, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { validateEvent } from '@agner/events'
import { AcdConfigError, AcdEngine, loadAcdConfig, type AgentConfig, type QueueConfig } from '../src/index.ts'

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0) // a Monday, 10:00 in Shanghai

const queue = (id: string, skill: string, more: Partial<QueueConfig> = {}): QueueConfig => ({
  id, channel: 'voice', requiredSkills: [{ skill, minLevel: 1 }], strategy: 'longest_idle', serviceLevelMs: 20_000, ringTimeoutMs: 10_000, ...more,
})

function setup(queues: QueueConfig[], agents: AgentConfig[]) {
  const events: CanonicalEvent[] = []
  const acd = new AcdEngine({ tenant: 'default', source: { kind: 'acd', instance: 'test' }, now: T0, emit: (e) => events.push(e) })
  for (const q of queues) acd.addQueue(q)
  for (const a of agents) acd.addAgent(a)
  const of = (type: string) => events.filter((e) => e.type === type)
  return { acd, events, of }
}

describe('reconfigure while running', () => {
  it('an agent given a queue\'s skill is offered its waiting contact at once', () => {
    const { acd, of } = setup([queue('sales', 'sales'), queue('billing', 'billing')], [{ id: 'a1', skills: { sales: 5 } }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    const c = acd.arrive({ queueId: 'billing' })
    expect(of('contact.offered')).toHaveLength(0) // nobody has billing
    acd.advance(T0 + 5_000)
    acd.reconfigure([queue('sales', 'sales'), queue('billing', 'billing')], [{ id: 'a1', skills: { sales: 5, billing: 3 } }])
    expect(of('contact.offered').map((e) => [e.contactId, e.agentId])).toEqual([[c, 'a1']])
    expect(acd.agent('a1').queues.map((q) => q.cfg.id)).toEqual(['sales', 'billing'])
  })

  it('an agent whose skill is taken away is no longer offered that queue', () => {
    const { acd, of } = setup([queue('sales', 'sales'), queue('billing', 'billing')], [{ id: 'a1', skills: { sales: 5, billing: 5 } }])
    acd.reconfigure([queue('sales', 'sales'), queue('billing', 'billing')], [{ id: 'a1', skills: { sales: 5 } }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    acd.arrive({ queueId: 'billing' })
    expect(of('contact.offered')).toHaveLength(0)
  })

  it('a connected call goes on under a changed queue; the new settings apply to the next offer', () => {
    const { acd, of, events } = setup([queue('sales', 'sales', { ringTimeoutMs: 10_000 })], [{ id: 'a1', skills: { sales: 5 } }, { id: 'a2', skills: { sales: 5 } }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    const c1 = acd.arrive({ queueId: 'sales' })
    const offer1 = of('contact.offered')[0]!.data as { offerId: string; ringTimeoutMs: number }
    acd.accept('a1', offer1.offerId)
    acd.reconfigure([queue('sales', 'sales', { ringTimeoutMs: 30_000, name: 'Sales line' })], [{ id: 'a1', skills: { sales: 5 } }, { id: 'a2', skills: { sales: 5 } }])
    expect(acd.peekContact(c1)?.state).toBe('connected')
    acd.setStatus('a2', 'available', undefined, 'agent')
    acd.arrive({ queueId: 'sales' })
    expect((of('contact.offered')[1]!.data as { ringTimeoutMs: number }).ringTimeoutMs).toBe(30_000)
    acd.advance(T0 + 60_000)
    acd.end('a1', c1)
    expect(of('contact.ended').map((e) => e.contactId)).toEqual([c1])
    for (const e of events) expect(validateEvent(e, { now: T0 + 120_000 }).ok, e.type).toBe(true)
  })

  it('refuses to remove a queue that still holds a contact, and changes nothing', () => {
    const { acd } = setup([queue('sales', 'sales'), queue('billing', 'billing')], [{ id: 'a1', skills: { sales: 5 } }])
    acd.arrive({ queueId: 'billing' })
    let err: unknown
    try { acd.reconfigure([queue('sales', 'sales')], [{ id: 'a1', skills: { sales: 5, billing: 5 } }]) } catch (e) { err = e }
    expect(err).toBeInstanceOf(AcdConfigError)
    expect((err as AcdConfigError).said.text['zh-CN']).toBe('队列"billing"里还有 1 个联络；请在处理完之后再删除它。')
    expect(acd.queueIds()).toEqual(['sales', 'billing'])
    expect([...acd.agent('a1').skills.keys()]).toEqual(['sales'])
  })

  it('an agent taken out of the roster is logged out by the system; one on a contact cannot be taken out', () => {
    const { acd, of } = setup([queue('sales', 'sales')], [{ id: 'a1', skills: { sales: 5 } }, { id: 'a2', skills: { sales: 5 } }])
    acd.setStatus('a1', 'available', undefined, 'agent')
    acd.setStatus('a2', 'available', undefined, 'agent')
    acd.arrive({ queueId: 'sales' })
    const busy = of('contact.offered')[0]!.agentId!
    const idle = busy === 'a1' ? 'a2' : 'a1'
    expect(() => acd.reconfigure([queue('sales', 'sales')], [{ id: idle, skills: { sales: 5 } }])).toThrow(`Agent "${busy}" is on a contact`)
    acd.reconfigure([queue('sales', 'sales')], [{ id: busy, skills: { sales: 5 } }])
    expect(of('agent.status_changed').at(-1)).toMatchObject({ agentId: idle, data: { status: 'offline', origin: 'system' } })
    expect(acd.findAgent(idle)).toBeUndefined()
  })

  it('a caller in an IVR menu finishes the flow they started in; the next caller meets the new one', () => {
    const flow = (key: string, queueId: string) => ({ id: 'main', start: 'menu', nodes: { menu: { type: 'menu', prompt: 'p', options: { [key]: 'q' }, onNoInput: 'q' }, q: { type: 'queue', queueId } } })
    const queues = [queue('sales', 'sales'), queue('billing', 'billing')]
    const agents = [{ id: 'a1', skills: { sales: 5, billing: 5 } }]
    const { acd, of } = setup(queues, agents)
    acd.addIvr(flow('1', 'sales'))
    const old = acd.arriveIvr({ ivrId: 'main' })
    acd.configure({ queues, agents, ivrs: [flow('2', 'billing')] })
    acd.ivrInput(old, '1')
    const fresh = acd.arriveIvr({ ivrId: 'main' })
    acd.ivrInput(fresh, '2')
    expect(of('contact.queued').map((e) => [e.contactId, e.queueId])).toEqual([[old, 'sales'], [fresh, 'billing']])
  })
})

describe('refusals are said in both languages', () => {
  it('a queue nobody can serve', () => {
    let err: unknown
    try { loadAcdConfig({ queues: [{ id: 'vip', requiredSkills: { vip: 1 } }], agents: [{ id: 'a1', skills: { vip: 3 }, capacity: { voice: 0 } }] }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(AcdConfigError)
    const said = (err as AcdConfigError).said
    expect(said.code).toBe('nobodyServes')
    expect(said.text.en).toBe('Queue "vip" has no agent who can serve it (all its skills and capacity on voice); add one.')
    expect(said.text['zh-CN']).toBe('队列"vip"没有能服务它的坐席（需要具备它的全部技能，并在 voice 渠道有容量）；请添加一位。')
  })

  it('a problem inside business hours names the queue and the problem in the same language', () => {
    let err: unknown
    try { loadAcdConfig({ queues: [{ id: 'sales', requiredSkills: {}, hours: { timeZone: 'Mars/Olympus', weekly: {} } }], agents: [{ id: 'a1', skills: {} }] }) } catch (e) { err = e }
    expect((err as AcdConfigError).said.text['zh-CN']).toBe('队列"sales"："Mars/Olympus"不是时区；请使用 Asia/Shanghai 这样的名称。')
    expect((err as AcdConfigError).message).toBe('Queue "sales": "Mars/Olympus" is not a time zone; use a name such as Asia/Shanghai.')
  })

  it('bilingual queue names, the service-level formula and the team are kept', () => {
    const c = loadAcdConfig({ queues: [{ id: 'sales', name: { en: 'Sales', 'zh-CN': '销售' }, serviceLevelFormula: 'offered', requiredSkills: {} }], agents: [{ id: 'a1', skills: {}, team: 'sales' }] })
    expect(c.queues[0]).toMatchObject({ name: 'Sales', names: { en: 'Sales', 'zh-CN': '销售' }, serviceLevelFormula: 'offered' })
    expect(c.agents[0]!.team).toBe('sales')
    expect(() => loadAcdConfig({ queues: [{ id: 'sales', serviceLevelFormula: 'best' }], agents: [{ id: 'a1', skills: {} }] })).toThrow('"serviceLevelFormula" must be one of ignore_short_abandons, offered, answered')
  })
})
