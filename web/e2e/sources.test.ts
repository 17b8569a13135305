/**
 * Admin → Sources in the browser: an Asterisk AMI source added in the form connects to a fake
 * Asterisk over TCP and shows its replayed calls (events per minute, last event, the queue on the
 * live page with its mapped name); a FreeSWITCH source with a wrong password says so, and when it
 * retries, in English and in Chinese. Screenshots in both languages.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FakeAmiServer, FakeEslServer, syntheticCenter } from '@agner/telephony/testing'
import { shots, startRig, type Rig } from './support'

let rig: Rig
const ami = new FakeAmiServer({ splitWrites: true })
const esl = new FakeEslServer('ClueCon')

beforeAll(async () => {
  await ami.listen()
  await esl.listen()
  ami.queueStatus = ['Event: QueueMember\nQueue: pbx-sales\nMemberName: agent1001\nInterface: PJSIP/1001\nStatus: 1\nPaused: 0']
  rig = await startRig('sources', { demo: true, demoRate: 0, demoHistoryWeeks: 0, timeZone: 'UTC' }, { width: 1366, height: 900 }, 'en')
}, 180_000)
afterAll(async () => { await rig?.dispose(); await ami.close(); await esl.close() })

it('an AMI source added in the form connects, shows the calls replayed to it, and a wrong FreeSWITCH password is said in both languages', async () => {
  const { page, agner } = rig
  const consoleErrors: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()) })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  await page.goto(`${agner.url}/admin/sources`)
  await page.waitForSelector('[data-testid=sources-empty]')
  await page.click('[data-testid=source-add]')
  expect(consoleErrors).toEqual([])
  await page.fill('input[name=id]', 'pbx1')
  await page.fill('input[name=name]', 'Asterisk 1')
  await page.fill('input[name=host]', '127.0.0.1')
  await page.fill('input[name=port]', String(ami.port))
  await page.fill('input[name=username]', 'agner')
  await page.fill('input[name=secret]', 'secret')
  await page.fill('textarea[name=queues]', 'pbx-sales, pbx-sales, 电话销售 / Phone sales, 30')
  await page.click('[data-testid=source-form] button[type=submit]')
  const row = page.locator('tr[data-source=pbx1]')
  await expect.poll(() => row.locator('[data-testid=source-state]').innerText(), { timeout: 15_000 }).toBe('connected')

  const now = Date.now()
  const { records } = syntheticCenter({ start: now - 30 * 60_000, calls: 25, seed: 4, queues: ['pbx-sales'], meanGapSec: 60 })
  for (const r of records) if (r.ami) await ami.event(r.ami)
  await ami.event(`Event: QueueCallerJoin\nPrivilege: agent,all\nChannel: SIP/trunk-9\nCallerIDNum: 13800009999\nUniqueid: ${Math.floor(now / 1000)}.999\nLinkedid: ${Math.floor(now / 1000)}.999\nQueue: pbx-sales\nPosition: 1\nCount: 1`)
  await expect.poll(async () => Number(await row.locator('td.num').first().innerText()), { timeout: 15_000 }).toBeGreaterThan(50)
  expect(await row.locator('td').nth(4).innerText()).not.toBe('Never')
  expect(JSON.stringify(await page.evaluate(() => fetch('/api/sources').then((r) => r.json())))).not.toContain('"secret"')

  await page.click('[data-testid=source-add]')
  await page.selectOption('select[name=kind]', 'freeswitch-esl')
  await page.fill('input[name=id]', 'fs1')
  await page.fill('input[name=host]', '127.0.0.1')
  await page.fill('input[name=port]', String(esl.port))
  await page.fill('input[name=secret]', 'wrong')
  await page.click('[data-testid=source-form] button[type=submit]')
  const fs = page.locator('tr[data-source=fs1]')
  await expect.poll(() => fs.locator('[data-testid=source-state]').innerText(), { timeout: 15_000 })
    .toMatch(new RegExp(`^connecting: retry in \\d+ s\\nFreeSWITCH event socket refused the password at 127.0.0.1:${esl.port}: -ERR invalid\\. Check it against event_socket\\.conf\\.xml on the PBX; Agner keeps retrying\\.$`))
  await page.screenshot({ path: join(shots, 'sources-en.png'), fullPage: true })

  await page.evaluate(() => localStorage.setItem('agner.locale', 'zh-CN'))
  await page.reload()
  await expect.poll(() => page.locator('tr[data-source=pbx1] [data-testid=source-state]').innerText(), { timeout: 10_000 }).toBe('已连接')
  await expect.poll(() => page.locator('tr[data-source=fs1] [data-testid=source-state]').innerText(), { timeout: 10_000 }).toMatch(/^连接中：\d+ 秒后重试\nFreeSWITCH 事件套接字拒绝了 127.0.0.1:\d+ 的密码：-ERR invalid。请对照 PBX 上 event_socket\.conf\.xml 核对密码；Agner 会继续重试。$/)
  expect(await page.locator('h2').innerText()).toBe('数据源')
  await page.screenshot({ path: join(shots, 'sources-zh.png'), fullPage: true })

  // The PBX's queue is on the live page under its mapped name, with the caller still waiting.
  await page.goto(`${agner.url}/`)
  await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('电话销售 / Phone sales')
  await page.screenshot({ path: join(shots, 'sources-live-zh.png') })
  await page.evaluate(() => localStorage.setItem('agner.locale', 'en'))
}, 120_000)
