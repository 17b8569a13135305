/** AGNER_ACD_CONFIG: a center's own queues, agents and IVR flows, or one sentence on what is wrong. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { acdSetup } from '../src/acd-runtime.ts'
import { ConfigError, loadConfig } from '../src/config.ts'

const example = fileURLToPath(new URL('../../telephony/examples/acd-config.json', import.meta.url))

describe('AGNER_ACD_CONFIG', () => {
  it('loads the documented example: queues with hours and closed-hours actions, agents, an IVR', () => {
    const setup = acdSetup(loadConfig({ AGNER_ACD_CONFIG: example, AGNER_DEMO: 'false' }))
    expect(setup.queues.map((q) => q.id)).toEqual(['sales', 'support', 'chat'])
    expect(setup.queues[0]).toMatchObject({ closedAction: { action: 'voicemail' }, maxWaitMs: 600_000, overflow: { action: 'callback' } })
    expect(setup.agents).toHaveLength(3)
    expect(setup.ivrs).toHaveLength(1)
  })

  it('without it: the demo center, or nothing', () => {
    expect(acdSetup(loadConfig({})).queues.length).toBeGreaterThan(0)
    expect(acdSetup(loadConfig({ AGNER_DEMO: 'false' }))).toEqual({ queues: [], agents: [], ivrs: [] })
  })

  it('a broken file stops the start with a sentence naming the variable and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agner-acd-'))
    const notJson = join(dir, 'a.json'); writeFileSync(notJson, '{ queues: ')
    expect(() => acdSetup(loadConfig({ AGNER_ACD_CONFIG: notJson }))).toThrow(ConfigError)
    expect(() => acdSetup(loadConfig({ AGNER_ACD_CONFIG: notJson }))).toThrow(/could not be read as JSON/)
    const orphan = join(dir, 'b.json'); writeFileSync(orphan, JSON.stringify({ queues: [{ id: 'vip', requiredSkills: { vip: 1 } }], agents: [{ id: 'a', skills: { sales: 3 } }] }))
    expect(() => acdSetup(loadConfig({ AGNER_ACD_CONFIG: orphan }))).toThrow(`AGNER_ACD_CONFIG "${orphan}": Queue "vip" needs skill "vip", which no agent has; add it to an agent or drop it from the queue.`)
    expect(() => acdSetup(loadConfig({ AGNER_ACD_CONFIG: join(dir, 'missing.json') }))).toThrow(/could not be read/)
  })

  it('the center\'s disposition and aux reason codes carry names in both languages, checked at load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agner-acd-codes-'))
    const base = { queues: [{ id: 'sales', requiredSkills: { sales: 1 } }], agents: [{ id: 'a', skills: { sales: 3 } }] }
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ ...base, dispositions: [{ code: 'refund', name: { en: 'Refund', 'zh-CN': '退款' } }], auxReasons: [{ code: 'huddle', name: { en: 'Team huddle', 'zh-CN': '班前会' }, paid: true }] }))
    const setup = acdSetup(loadConfig({ AGNER_ACD_CONFIG: good }))
    expect(setup.dispositions).toEqual([{ code: 'refund', name: { en: 'Refund', 'zh-CN': '退款' } }])
    expect(setup.auxReasons?.[0]).toMatchObject({ code: 'huddle', paid: true })
    const noChinese = join(dir, 'bad.json')
    writeFileSync(noChinese, JSON.stringify({ ...base, dispositions: [{ code: 'refund', name: { en: 'Refund' } }] }))
    expect(() => acdSetup(loadConfig({ AGNER_ACD_CONFIG: noChinese }))).toThrow('dispositions[0] ("refund") needs a "name" in both languages: { "en": "…", "zh-CN": "…" }.')
  })
})
