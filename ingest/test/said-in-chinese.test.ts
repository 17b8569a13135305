/**
 * Sentences from the server are said in the user's language: each refusal keeps its English
 * `error` for the API and carries its code, values and `message` in the reader's language (the
 * request's lang, else the user's, else the browser's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from './support/access.ts'
import { ADMIN_PASSWORD, startAccessCenter, type AccessCenter } from './support/access-center.ts'

let c: AccessCenter
let manager: Record<string, string>
beforeAll(async () => {
  c = await startAccessCenter()
  manager = (await signIn(c.url, c.usernames.manager, c.passwords.manager)).headers
  // The manager chose Chinese (as the web app saves it).
  const res = await fetch(`${c.url}/api/me`, { method: 'PATCH', headers: { ...manager, 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN' }) })
  expect(res.status).toBe(200)
})
afterAll(async () => { await c?.dispose() })

describe('refusals in the user\'s language', () => {
  it('report filters: the English error, its code and values, and the Chinese message', async () => {
    const res = await fetch(`${c.url}/api/reports/queue-performance?from=2026-11-10&to=2026-11-01`, { headers: manager })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: '"from" must be before "to" (the period is [from, to)).', code: 'backwards', params: {}, message: '“开始”必须早于“结束”。' })
    const bad = await (await fetch(`${c.url}/api/reports/queue-performance?interval=7m&lang=en`, { headers: manager })).json() as { message: string }
    expect(bad.message).toBe('Interval "7m" is not offered; use one of 15m, 30m, 60m, day, week, month.')
    const zh = await (await fetch(`${c.url}/api/reports/queue-performance?from=2026-13-01`, { headers: manager })).json() as { message: string; params: Record<string, string> }
    expect(zh.message).toBe('“开始”不是有效的日期或时间：“2026-13-01”。')
  })

  it('the guard\'s refusals in Chinese: a role that may not, and nobody signed in', async () => {
    const res = await fetch(`${c.url}/api/users`, { headers: manager })
    expect(res.status).toBe(403)
    const body = await res.json() as { error: string; message: string; code: string }
    expect(body.code).toBe('roleDenied')
    expect(body.error).toMatch(/^Your role \(manager\) does not allow this \(it needs \S+\); ask an admin\.$/)
    expect(body.message).toMatch(/^您的角色（manager）无权执行此操作（需要 \S+）；请联系管理员。$/)
    const anonymous = await (await fetch(`${c.url}/api/me?lang=zh-CN`)).json() as { message: string }
    expect(anonymous.message).toBe('请先登录，或在 Authorization 请求头中携带 API 令牌。')
  })

  it('board validation says where, in Chinese', async () => {
    const admin = (await signIn(c.url, 'admin', ADMIN_PASSWORD)).headers
    const layout = JSON.stringify({ version: 1, pages: [{ id: 'p', widgets: [{ id: 'k', type: 'kpi', x: 0, y: 0, w: 2, h: 2 }] }] })
    const res = await fetch(`${c.url}/api/boards`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9' }, body: JSON.stringify({ name: 'x', queueIds: ['sales'], layout }) })
    expect(res.status).toBe(400)
    const body = await res.json() as { error: string; message: string; code: string }
    expect(body.code).toBe('needsMetric')
    expect(body.error).toBe('Page 1, widget 1 ("k"): a kpi widget needs a "metric".')
    expect(body.message).toBe('第 1 页第 1 个组件（“k”）：kpi 组件需要指定指标。')
  })

  it('a WFM rule check on save, in Chinese', async () => {
    const planner = (await signIn(c.url, c.usernames.planner, c.passwords.planner)).headers
    const rules = await (await fetch(`${c.url}/api/wfm/rules`, { headers: planner })).json() as { contracts: Array<{ id: string; minHoursPerWeek: number; maxHoursPerWeek: number }> }
    rules.contracts[0]!.minHoursPerWeek = 50
    rules.contracts[0]!.maxHoursPerWeek = 40
    const res = await fetch(`${c.url}/api/wfm/rules`, { method: 'PUT', headers: { ...planner, 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify(rules) })
    expect(res.status).toBe(400)
    const body = await res.json() as { error: string; message: string; code: string }
    expect(body.code).toBe('hoursPerWeek')
    expect(body.error).toBe(`contracts: contract "${rules.contracts[0]!.id}": hours per week must be 0 ≤ min ≤ max ≤ 168.`)
    expect(body.message).toBe(`合同“${rules.contracts[0]!.id}”：每周工时须满足 0 ≤ 最少 ≤ 最多 ≤ 168。`)
  })

  it('the sign-in wait, for a browser in Chinese', async () => {
    let res: Response | undefined
    for (let i = 0; i < 8 && res?.status !== 429; i++) {
      res = await fetch(`${c.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ username: 'nobody', password: 'wrong password' }) })
    }
    expect(res!.status).toBe(429)
    const body = await res!.json() as { error: string; message: string; retryAfterSeconds: number }
    expect(body.error).toMatch(/^Too many failed sign-ins; wait \d+ seconds? and try again\.$/)
    expect(body.message).toBe(`登录失败次数过多，请等待 ${body.retryAfterSeconds} 秒后重试。`)
  })
})
