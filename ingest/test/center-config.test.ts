/**
 * The center's configuration edited through the API on a running Agner (the demo center, no
 * traffic): applied to the ACD at once, stored as versions with who and what, refused in the
 * user's language, exported and imported, kept across a restart; supervisors change skills only
 * when an admin allows it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAcdConfig } from '@agner/telephony'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'
import { signIn, type SignedIn } from './support/access.ts'
import { documentOf, type CenterDocument } from '../src/center/center-document.ts'

let c: AccessCenter
let admin: SignedIn
let supervisor: SignedIn

beforeAll(async () => {
  c = await startAccessCenter()
  admin = await signIn(c.url, 'admin', 'correct horse battery staple')
  supervisor = await signIn(c.url, 'supervisor', c.passwords.supervisor)
}, 120_000)
afterAll(async () => { await c?.dispose() })

const api = async (who: SignedIn, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${c.url}${path}`, { method, headers: { ...who.headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  const text = await res.text()
  return { status: res.status, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any -- test bodies are read field by field
}
const current = async () => (await api(admin, 'GET', '/api/center/config')).body as { version: number; document: CenterDocument; source: string }
/** An agent of the demo who is logged out in the ACD (nobody drives them in this test). */
const AGENT = 'agent-05'

describe('the center configuration in the app', () => {
  it('starts as version 1, the demo center, in the AGNER_ACD_CONFIG format', async () => {
    const now = await current()
    expect(now.version).toBe(1)
    expect(now.source).toBe('demo')
    expect(now.document.queues.map((q) => q.id)).toEqual(['sales', 'support', 'billing', 'vip', 'chat', 'email'])
    expect(now.document.queues[0]).toMatchObject({ name: { en: 'Sales', 'zh-CN': '销售热线' }, serviceLevelSeconds: 20, requiredSkills: { sales: 1 } })
    expect(now.document.agents[0]).toMatchObject({ id: 'agent-01', team: c.teams.sales })
    // The document loads back to what runs.
    expect(documentOf(loadAcdConfig(now.document))).toEqual(now.document)
    expect(documentOf(c.agner.center.setup)).toEqual(now.document)
  })

  it('a new queue and an agent\'s new skill route contacts at once, without a restart', async () => {
    const before = await current()
    const doc = structuredClone(before.document)
    doc.queues.push({ id: 'claims', name: { en: 'Claims', 'zh-CN': '理赔' }, channel: 'voice', requiredSkills: { claims: 1 }, serviceLevelSeconds: 30, hours: { timeZone: 'UTC', weekly: { 1: [['00:00', '24:00']], 2: [['00:00', '24:00']], 3: [['00:00', '24:00']], 4: [['00:00', '24:00']], 5: [['00:00', '24:00']], 6: [['00:00', '24:00']], 7: [['00:00', '24:00']] } } })
    const agent = doc.agents.find((a) => a.id === AGENT)!
    agent.skills = { ...(agent.skills as object), claims: 4 }
    const res = await api(admin, 'PUT', '/api/center/config', { document: doc, baseVersion: before.version })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(2)
    expect(res.body.changes).toEqual([{ kind: 'queue', id: 'claims', op: 'added' }, { kind: 'agent', id: AGENT, op: 'changed', fields: ['skills'] }])
    expect(c.agner.engine.queueList().find((q) => q.id === 'claims')?.name).toBe('理赔 / Claims')
    expect(c.agner.engine.agentQueuesOf(AGENT)).toContain('claims')
    const offered = await c.agner.acd.run((e) => {
      e.setStatus(AGENT, 'available', undefined, 'agent')
      const id = e.arrive({ queueId: 'claims' })
      return e.peekContact(id)?.offer?.agentId
    })
    expect(offered).toBe(AGENT)
  })

  it('refuses a queue nobody can serve, in Chinese for a Chinese user, and changes nothing', async () => {
    const before = await current()
    const doc = structuredClone(before.document)
    doc.queues.push({ id: 'legal', requiredSkills: { legal: 1 } })
    const res = await api(admin, 'PUT', '/api/center/config', { document: doc, baseVersion: before.version }, { 'accept-language': 'zh-CN,zh;q=0.9' })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('队列"legal"需要技能"legal"，但没有任何坐席具备；请给坐席加上该技能，或从队列中去掉它。')
    expect(res.body.error).toBe('Queue "legal" needs skill "legal", which no agent has; add it to an agent or drop it from the queue.')
    expect((await current()).version).toBe(before.version)
    expect(c.agner.acd.engine.queueIds()).not.toContain('legal')
  })

  it('refuses an edit made on an older version (409), and removing a queue that holds a contact', async () => {
    const before = await current()
    const stale = await api(admin, 'PUT', '/api/center/config', { document: before.document, baseVersion: before.version - 1 })
    expect(stale.status).toBe(409)
    const doc = structuredClone(before.document)
    doc.queues = doc.queues.filter((q) => q.id !== 'claims')
    const busy = await api(admin, 'PUT', '/api/center/config', { document: doc, baseVersion: before.version })
    expect(busy.status).toBe(400)
    expect(busy.body.error).toBe('Queue "claims" still has 1 contacts in it; remove it once they are served.')
    expect(c.agner.acd.engine.queueIds()).toContain('claims')
  })

  it('codes changed in the app reach the desk; versions and the audit trail say who changed what', async () => {
    const before = await current()
    const doc = structuredClone(before.document)
    doc.auxReasons.push({ code: 'coaching', name: { en: 'Coaching', 'zh-CN': '辅导' }, paid: true })
    expect((await api(admin, 'PUT', '/api/center/config', { document: doc, baseVersion: before.version })).status).toBe(200)
    const agent = await signIn(c.url, 'agent', c.passwords.agent)
    const desk = await api(agent, 'GET', '/api/agent/desk')
    expect(desk.body.auxReasons).toContainEqual({ code: 'coaching', name: { en: 'Coaching', 'zh-CN': '辅导' } })
    const versions = (await api(admin, 'GET', '/api/center/versions')).body.versions as Array<{ version: number; actorName: string; source: string }>
    expect(versions.map((v) => [v.version, v.source])).toEqual([[3, 'app'], [2, 'app'], [1, 'demo']])
    expect(versions[0]!.actorName).toBeTruthy()
    const audit = (await api(admin, 'GET', '/api/audit?action=settings.change')).body.entries as Array<{ target: string; ok: boolean }>
    expect(audit.filter((e) => e.ok).map((e) => e.target)).toEqual(expect.arrayContaining(['center configuration v2', 'center configuration v3']))
    expect(audit.some((e) => !e.ok)).toBe(true)
    const v2 = await api(admin, 'GET', '/api/center/versions/2')
    expect(v2.body.document.auxReasons.map((x: { code: string }) => x.code)).not.toContain('coaching')
  })

  it('exports the configuration as a file and imports it back as a new version', async () => {
    const res = await fetch(`${c.url}/api/center/export`, { headers: admin.headers })
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="agner-center-v3.json"')
    const file = await res.json() as CenterDocument
    expect(file).toEqual((await current()).document)
    const same = await api(admin, 'POST', '/api/center/import', file)
    expect(same.body.version).toBe(3) // nothing changed: no new version
    file.dispositions = file.dispositions.filter((d) => d.code !== 'sale')
    const imported = await api(admin, 'POST', '/api/center/import', file)
    expect(imported.body).toMatchObject({ version: 4, source: 'import', changes: [{ kind: 'disposition', id: 'sale', op: 'removed' }] })
    const broken = await fetch(`${c.url}/api/center/import`, { method: 'POST', headers: { ...admin.headers, 'content-type': 'application/json' }, body: '{"queues": [' })
    expect(broken.status).toBe(400)
  })

  it('supervisors change their teams\' agents\' skills only when an admin allows it', async () => {
    const list = await api(supervisor, 'GET', '/api/center/agents')
    expect(list.body.editSkills).toBe(false)
    const sales = (list.body.agents as Array<{ id: string; queues: string[] }>)
    expect(sales.length).toBeGreaterThan(0)
    expect(sales.every((a) => a.queues.some((q) => q === 'sales' || q === 'vip'))).toBe(true)
    const target = sales.find((a) => a.id !== 'agent-01' && a.id !== 'agent-04')!.id
    const refused = await api(supervisor, 'PUT', `/api/center/agents/${target}/skills`, { skills: { sales: 3, vip: 2 } }, { 'accept-language': 'zh-CN' })
    expect(refused.status).toBe(403)
    expect(refused.body.message).toBe('主管不能在此修改技能；管理员可以在"中心配置 → 设置"中开启。')
    const before = await current()
    const doc = structuredClone(before.document)
    doc.settings.supervisorsEditSkills = true
    expect((await api(admin, 'PUT', '/api/center/config', { document: doc, baseVersion: before.version })).status).toBe(200)
    const ok = await api(supervisor, 'PUT', `/api/center/agents/${target}/skills`, { skills: { sales: 3, vip: 2 } })
    expect(ok.status).toBe(200)
    expect([...c.agner.acd.engine.agent(target).skills]).toEqual([['sales', 3], ['vip', 2]])
    const service = (await current()).document.agents.find((a) => !Object.keys(a.skills as object).some((s) => s === 'sales' || s === 'vip'))!
    expect((await api(supervisor, 'PUT', `/api/center/agents/${service.id}/skills`, { skills: { support: 2 } })).status).toBe(404)
  })

  it('takes an uploaded Ogg Opus prompt, plays it back, and refuses anything else in the user\'s language', async () => {
    const ogg = readFileSync(fileURLToPath(new URL('../../seeds/audio/menu.ogg', import.meta.url)))
    const put = (name: string, body: Uint8Array, lang = 'en') => fetch(`${c.url}/api/center/prompts/${name}`, { method: 'PUT', headers: { ...admin.headers, 'content-type': 'audio/ogg', 'accept-language': lang }, body: new Blob([new Uint8Array(body)]) })
    const ok = await put('sales-menu', ogg)
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { prompts: Array<{ name: string; uploaded: boolean }> }).prompts).toContainEqual({ name: 'sales-menu', uploaded: true, bytes: ogg.length })
    const back = await fetch(`${c.url}/api/center/prompts/sales-menu`, { headers: admin.headers })
    expect(Buffer.from(await back.arrayBuffer()).equals(ogg)).toBe(true)
    const bad = await put('broken', Buffer.from('RIFF....WAVEfmt '), 'zh-CN')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toMatch(/^提示音必须是 Ogg Opus 文件（not an Ogg page at byte 0）；可用以下命令转换：ffmpeg/)
  })

  it('keeps the stored version across a restart', async () => {
    const version = (await current()).version
    const dataDir = c.dataDir
    await c.agner.close()
    const again = await startAccessCenter({ dataDir })
    try {
      expect(again.agner.center.current().version).toBe(version)
      expect(again.agner.acd.engine.queueIds()).toContain('claims')
    } finally { await again.agner.close() }
    c = await startAccessCenter({ dataDir })
  }, 120_000)
})
