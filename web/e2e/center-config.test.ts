/**
 * Admin → Center in Chromium against a running Agner (the desk fixture's center): an admin closes a
 * queue with opening hours and takes a skill from an agent, saves, and the running ACD routes by the
 * new configuration at once (no restart); a change that leaves a queue nobody can serve is refused
 * in Chinese and changes nothing; versions list both changes. Screenshots in both languages.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shots, startRig, type Rig } from './support'

const fixture = fileURLToPath(new URL('../../ingest/test/fixtures/desk-center.json', import.meta.url))
let rig: Rig

beforeAll(async () => {
  rig = await startRig('center', { demo: true, demoRate: 0, demoHistoryWeeks: 0, timeZone: 'UTC', acdConfigFile: fixture }, { width: 1366, height: 900 }, 'en')
}, 180_000)
afterAll(async () => { await rig?.dispose() })

it('an admin edits a queue\'s hours and an agent\'s skills and the running ACD routes by them at once', async () => {
  const { page, agner } = rig
  await page.goto(`${agner.url}/admin/center`)
  await page.waitForSelector('[data-testid=queues-editor] tr[data-queue=support]')
  expect(await page.textContent('[data-testid=center-version]')).toContain('version 1')

  // Support: opening hours with every day closed, callers hear a message.
  await page.click('tr[data-queue=support] [data-testid=queue-edit]')
  await page.check('[data-testid=queue-form] input[name=hasHours]')
  for (const d of [1, 2, 3, 4, 5]) await page.fill(`[data-testid=queue-form] input[name=day${d}]`, '')
  await page.fill('[data-testid=queue-form] input[name=timeZone]', 'Asia/Shanghai')
  await page.press('[data-testid=queue-form] input[name=timeZone]', 'Tab')
  await page.selectOption('[data-testid=queue-form] select[name=closedAction]', 'message')
  await page.fill('[data-testid=queue-form] input[name=closedPrompt]', '技术支持暂停服务 / Support is closed today.')
  await page.screenshot({ path: join(shots, 'center-queue-en.png'), fullPage: true })

  // 刘洋 (agent-04) no longer takes sales.
  await page.click('[data-tab=agents]')
  await page.click('tr[data-agent=agent-04] [data-testid=agent-edit]')
  await page.click('[data-testid=agent-skills] [data-skill=sales] button')
  expect(await page.textContent('[data-testid=agent-serves]')).not.toContain('sales')
  await page.click('[data-testid=center-save]')
  await page.waitForSelector('[data-testid=center-saved]')
  expect(await page.textContent('[data-testid=center-saved]')).toContain('version 2')

  // The running ACD took both at once.
  expect(agner.acd.engine.isQueueOpen('support')).toBe(false)
  const closed = await agner.acd.run((e) => { const id = e.arrive({ queueId: 'support' }); return e.peekContact(id)?.state ?? 'ended' })
  expect(closed).toBe('ended') // the closed message played and the call ended, nobody was offered it
  const offeredTo = await agner.acd.run((e) => {
    e.setStatus('agent-04', 'available', undefined, 'supervisor')
    const id = e.arrive({ queueId: 'sales' })
    return e.peekContact(id)?.offer?.agentId ?? 'nobody'
  })
  expect(offeredTo).toBe('nobody')
  expect(agner.acd.engine.agent('agent-04').queues.map((q) => q.cfg.id)).toEqual(['support', 'chat'])
  // Giving the skill back routes the waiting caller to 刘洋 at once.
  await page.click('tr[data-agent=agent-04] [data-testid=agent-edit]')
  await page.fill('[data-testid=agent-skills] input[name=newSkill]', 'sales')
  await page.click('[data-testid=agent-skills] [data-testid=skill-add]')
  await page.click('[data-testid=center-save]')
  await expect.poll(() => page.textContent('[data-testid=center-saved]')).toContain('version 3')
  await expect.poll(() => agner.acd.engine.agent('agent-04').offer?.contact.queueId).toBe('sales')
  await page.screenshot({ path: join(shots, 'center-agents-en.png'), fullPage: true })

  await page.click('[data-tab=versions]')
  await page.waitForSelector('[data-testid=versions] tr[data-version="3"]')
  const v2 = await page.textContent('[data-testid=versions] tr[data-version="2"]')
  expect(v2).toContain('Queue support: closedAction, hours')
  expect(v2).toContain('Agent agent-04: skills')
  await page.screenshot({ path: join(shots, 'center-versions-en.png'), fullPage: true })
})

it('a change that leaves a queue nobody can serve is refused in Chinese and changes nothing', async () => {
  const { page, agner } = rig
  await page.click('[data-testid=language]')
  await page.goto(`${agner.url}/admin/center`)
  await page.waitForSelector('[data-tab=agents]')
  await page.click('[data-tab=agents]')
  for (const agent of ['agent-01', 'agent-04']) {
    await page.click(`tr[data-agent=${agent}] [data-testid=agent-edit]`)
    await page.click('[data-testid=agent-skills] [data-skill=chat] button')
  }
  await page.click('[data-testid=center-save]')
  await page.waitForSelector('[data-testid=center-error]')
  expect(await page.textContent('[data-testid=center-error]')).toContain('队列"chat"需要技能"chat"，但没有任何坐席具备；请给坐席加上该技能，或从队列中去掉它。')
  await page.screenshot({ path: join(shots, 'center-refused-zh.png'), fullPage: true })
  expect(agner.center.current().version).toBe(3)
  expect([...agner.acd.engine.agent('agent-01').skills.keys()]).toContain('chat')
  await page.click('[data-testid=center-discard]')
  await page.waitForSelector('[data-testid=center-save-bar]', { state: 'detached' })

  await page.click('[data-tab=ivrs]')
  await page.waitForSelector('[data-testid=ivr-editor] [data-node=menu]')
  await page.screenshot({ path: join(shots, 'center-ivr-zh.png'), fullPage: true })
  await page.click('[data-tab=queues]')
  await page.click('tr[data-queue=sales] [data-testid=queue-edit]')
  await page.screenshot({ path: join(shots, 'center-queue-zh.png'), fullPage: true })
  await page.click('[data-testid=language]')
})
