/**
 * The agents view, in Chromium against a running Agner (the desk fixture's center): a supervisor
 * sees their team's agents, filters by state and name, sets an agent ready, on a break with a
 * reason and logged out (each shown on the row from the live feed), and a queue clicked on the
 * live page opens its agents with its waiting contacts. Screenshots in both languages.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shots, signedIn, startRig, type Rig } from './support'

const fixture = fileURLToPath(new URL('../../ingest/test/fixtures/desk-center.json', import.meta.url))
let rig: Rig
let passwords: Record<string, string>

beforeAll(async () => {
  rig = await startRig('agents-view', { demo: true, demoRate: 0, demoHistoryWeeks: 0, timeZone: 'UTC', acdConfigFile: fixture }, { width: 1366, height: 860 }, 'en')
  passwords = Object.fromEntries(rig.agner.bootstrap.created.map((c) => [c.username, c.password]))
}, 180_000)
afterAll(async () => { await rig?.dispose() })

const row = (agentId: string) => `[data-test=agents-view] .row[data-agent="${agentId}"]`

it('filters, sets an agent ready, on a break with the reason and logged out, and opens a queue\u2019s agents and waiting contacts', async () => {
  const { context, page } = await signedIn(rig, 'supervisor', passwords.supervisor!, { locale: 'zh-CN' })
  await page.click('[data-nav=agents], a[href="/agents"]')
  await page.waitForSelector(row('agent-01'))
  expect(await page.locator('[data-test=agents-view] .scroller .row').count()).toBe(2)

  // Search by name, then by state.
  await page.fill('input[name=q]', '张伟')
  await expect.poll(() => page.locator('[data-test=agents-view] .scroller .row').count()).toBe(1)
  await page.fill('input[name=q]', '')
  await page.selectOption('select[name=state]', 'offline')
  await expect.poll(() => page.locator('[data-test=agents-view] .scroller .row').count()).toBe(2)

  // Force ready, then a break with its reason, then log out: the row follows the live feed.
  await page.selectOption('select[name=state]', '')
  await page.locator(row('agent-01')).locator('select[name=set-status]').selectOption('available')
  await page.waitForSelector(`${row('agent-01')}[data-state=ready]`)
  // Ready and nothing handled yet: occupancy 0 %, no AHT.
  await expect.poll(() => page.locator(row('agent-01')).locator('[data-test=occupancy]').textContent()).toBe('0.0%')
  expect(await page.locator(row('agent-01')).locator('[data-test=aht]').textContent()).toBe('—')
  // No schedule is published in this center: adherence says nothing rather than guessing.
  expect((await page.locator(row('agent-01')).locator('[data-test=adherence]').textContent())?.trim()).toBe('—')
  await page.locator(row('agent-01')).locator('select[name=set-status]').selectOption('aux:break')
  await page.waitForSelector(`${row('agent-01')}[data-state=aux]`)
  expect(await page.locator(row('agent-01')).textContent()).toContain('小休')
  await page.screenshot({ path: join(shots, 'agents-view-zh.png') })
  await page.locator(row('agent-01')).locator('select[name=set-status]').selectOption('offline')
  await page.waitForSelector(`${row('agent-01')}[data-state=offline]`)

  // A caller waits in Sales (nobody ready): the live page's queue name opens its agents and who waits.
  const admin = await rig.page.evaluate(async () => {
    const csrf = (await (await fetch('/api/me')).json() as { csrfToken: string }).csrfToken
    return (await fetch('/api/acd/contacts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ queueId: 'sales' }) })).status
  })
  expect(admin).toBeLessThan(300)
  await page.goto(`${rig.agner.url}/`)
  await page.click('[data-queue=sales] [data-test=queue-agents]')
  await page.waitForURL((u) => u.pathname === '/agents' && u.search === '?queue=sales')
  await page.waitForSelector('[data-test=queue-waiting] .chip')
  expect(await page.textContent('[data-test=queue-waiting]')).toMatch(/Sales 有 1 位在排队/)
  await page.getByTestId('language').click()
  await expect.poll(() => page.textContent('[data-test=queue-waiting]')).toMatch(/1 waiting in Sales/)
  await page.screenshot({ path: join(shots, 'agents-view-queue-en.png') })
  await context.close()
}, 120_000)

it('shows the contact\'s channel, queue and masked caller, filters by skill, and lets a supervisor change skills once an admin allows it', async () => {
  // The admin allows supervisors to change skills (Center → Versions & settings).
  const allowed = await rig.page.evaluate(async () => {
    const csrf = (await (await fetch('/api/me')).json() as { csrfToken: string }).csrfToken
    const now = await (await fetch('/api/center/config')).json() as { version: number; document: { settings: { supervisorsEditSkills: boolean } } }
    now.document.settings.supervisorsEditSkills = true
    return (await fetch('/api/center/config', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ document: now.document, baseVersion: now.version }) })).status
  })
  expect(allowed).toBe(200)
  const { context, page } = await signedIn(rig, 'supervisor', passwords.supervisor!, { locale: 'en' })
  await page.goto(`${rig.agner.url}/agents`)
  await page.waitForSelector(row('agent-04'))

  // A caller rings 刘洋: the row names the channel, the queue and the caller's number, masked.
  // The caller the first test left waiting in Sales hangs up.
  await rig.agner.acd.run((e) => { for (const w of rig.agner.engine.snapshot(Date.now()).queues.flatMap((q) => q.waitingContacts ?? [])) e.callerHangup(w.contactId) })
  await rig.agner.acd.run((e) => e.setStatus('agent-04', 'available', undefined, 'supervisor'))
  await rig.agner.acd.run((e) => e.arrive({ queueId: 'support', ani: '13812345678' }))
  await page.waitForSelector(`${row('agent-04')}[data-state=reserved]`)
  await expect.poll(() => page.locator(row('agent-04')).locator('[data-test=contact]').textContent()).toMatch(/^Voice · support · 138\*\*\*\*5678 · /) // Support is not one of this supervisor's queues: its id, not its name

  await page.selectOption('select[name=skill]', 'chat')
  await expect.poll(() => page.locator('[data-test=agents-view] .scroller .row').count()).toBe(2)
  await page.locator(row('agent-04')).locator('[data-action=skills]').click()
  await page.click('[data-test=skills-form] [data-skill=chat] button')
  await page.click('[data-test=skills-form] button[type=submit]')
  await page.waitForSelector('[data-test=skills-saved]')
  await expect.poll(() => page.locator('[data-test=agents-view] .scroller .row').count()).toBe(1)
  expect(rig.agner.acd.engine.agent('agent-04').queues.map((q) => q.cfg.id)).not.toContain('chat')
  await page.screenshot({ path: join(shots, 'agents-view-skills-en.png') })
  await context.close()
}, 120_000)
