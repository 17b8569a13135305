/**
 * What a new user met on the first day, in Debian's Chromium: the header at 1366×768 in both
 * languages, the role said once, empty lists that say so, a refused page that says why, the
 * language picked on the sign-in page kept, and the sign-in wait in good English.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Agner } from '../../ingest/src/index.ts'
import { shots, startRig, type Rig } from './support.ts'

let rig: Rig
let agner: Agner
let page: Page
const passwords: Record<string, string> = {}

beforeAll(async () => {
  rig = await startRig('first-day', { demo: true, demoRate: 0, demoHistoryWeeks: 0, timeZone: 'Asia/Shanghai', loginBackoffMs: 1000 }, { width: 1366, height: 768 }, 'zh-CN')
  agner = rig.agner
  page = rig.page
  for (const c of agner.bootstrap.created) passwords[c.username] = c.password
}, 180_000)
afterAll(async () => { await rig?.dispose() })

async function signInAs(p: Page, username: string): Promise<void> {
  await p.goto(`${agner.url}/login`)
  await p.fill('input[name=username]', username)
  await p.fill('input[name=password]', passwords[username]!)
  await p.click('button[type=submit]')
  await p.waitForURL((u) => u.pathname !== '/login')
}

it('the admin\'s header fits on one line at 1366×768 in Chinese and English; the admin pages sit in a menu', async () => {
  for (const lang of ['zh', 'en']) {
    await page.goto(`${agner.url}/`)
    const header = page.locator('header.top')
    await page.waitForTimeout(500)
    await page.screenshot({ path: join(shots, `header-1366-${lang}-closed.png`) })
    await expect.poll(() => header.boundingBox().then((b) => b?.height ?? 999), { timeout: 10_000 }).toBeLessThan(70)
    await page.click('[data-testid=admin-menu] summary')
    await expect.poll(() => page.locator('[data-nav=tokens]').isVisible()).toBe(true)
    await page.screenshot({ path: join(shots, `header-1366-${lang}.png`) })
    await page.click('[data-nav=tokens]')
    await page.waitForURL(/\/admin\/tokens/)
    expect(await page.locator('[data-nav=tokens]').isVisible()).toBe(false) // the menu closed
    if (lang === 'zh') await page.getByTestId('language').click()
  }
  await page.getByTestId('language').click() // back to Chinese
})

it('empty lists of API tokens and display links say so instead of bare headers', async () => {
  await page.goto(`${agner.url}/admin/tokens`)
  await expect.poll(() => page.getByTestId('tokens-empty').textContent(), { timeout: 10_000 }).toBe('暂无内容。')
  await page.goto(`${agner.url}/admin/displays`)
  await expect.poll(() => page.getByTestId('displays-empty').textContent(), { timeout: 10_000 }).toBe('暂无内容。')
})

it('the header says the role once; a page the role may not open says why', async () => {
  const ctx = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })
  const p = await ctx.newPage()
  await signInAs(p, 'planner')
  const who = await p.getByTestId('who').textContent()
  expect(who?.match(/WFM planner|排班员|计划/g)?.length ?? 0).toBeLessThanOrEqual(1)
  expect(who).not.toMatch(/\(.*\).*\(.*\)|（.*）.*（.*）/)
  await p.goto(`${agner.url}/admin/users`)
  await expect.poll(() => p.getByTestId('denied').textContent(), { timeout: 10_000 }).toMatch(/用户|Users/)
  await p.screenshot({ path: join(shots, 'denied.png') })
  await ctx.close()
})

it('a language picked on the sign-in page stays after sign-in, for a user stored as Chinese', async () => {
  const ctx = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const p = await ctx.newPage()
  await p.goto(`${agner.url}/login`)
  await p.getByTestId('language').click()
  await expect.poll(() => p.locator('button[type=submit]').textContent()).toBe('Sign in')
  await p.fill('input[name=username]', 'manager')
  await p.fill('input[name=password]', passwords.manager!)
  await p.click('button[type=submit]')
  await p.waitForURL((u) => u.pathname !== '/login')
  await expect.poll(() => p.getByTestId('sign-out').textContent(), { timeout: 10_000 }).toBe('Sign out')
  await ctx.close()
})

it('after failed sign-ins the wait is said in good English ("1 second")', async () => {
  const ctx = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })
  const p = await ctx.newPage()
  await p.goto(`${agner.url}/login`)
  if ((await p.locator('button[type=submit]').textContent()) !== 'Sign in') await p.getByTestId('language').click()
  let text = ''
  for (let i = 0; i < 8 && !/wait/.test(text); i++) {
    await p.fill('input[name=username]', 'nobody-here')
    await p.fill('input[name=password]', 'not the password')
    await p.click('button[type=submit]')
    await p.waitForTimeout(300)
    text = (await p.locator('.error, [role=alert]').first().textContent()) ?? ''
  }
  expect(text).toMatch(/wait \d+ seconds? and try again/)
  expect(text).not.toMatch(/wait 1 seconds/)
  await ctx.close()
})

it('dates and times follow the app\'s language, not the browser\'s: a Chinese page on an en-US browser reads 2026-12-07 and 06:00', async () => {
  const ctx = await rig.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'America/New_York' })
  const p = await ctx.newPage()
  await signInAs(p, 'manager')
  if ((await p.getByTestId('sign-out').textContent()) !== '退出登录') await p.getByTestId('language').click()
  await p.goto(`${agner.url}/reports`)
  const from = p.locator('input[name=from]')
  await expect.poll(() => from.inputValue(), { timeout: 10_000 }).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(await from.getAttribute('type')).toBe('text')
  // A day that does not exist is marked, with the expected form in Chinese.
  await from.fill('2026-02-31')
  expect(await from.getAttribute('aria-invalid')).toBe('true')
  expect(await from.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('请按 2026-12-07 的格式填写。')
  await p.goto(`${agner.url}/reports/schedules`)
  const at = p.locator('input[name=atTime]')
  await expect.poll(() => at.inputValue(), { timeout: 10_000 }).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
  await p.screenshot({ path: join(shots, 'dates-zh-on-en-browser.png') })
  await ctx.close()
})
