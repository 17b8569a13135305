/**
 * Webhooks against an HTTP receiver the test runs: the plain JSON body, WeCom and DingTalk markdown
 * and Feishu text as their robots take them, DingTalk's and Feishu's signatures checked the way
 * their servers check them, a robot's refusal (errcode) reported, and a 500 retried until it works.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '@agner/events/testing'
import type { Transition } from '../src/alerts/alert-engine.ts'
import type { Webhook } from '../src/alerts/alert-rules.ts'
import { robotRefusal, webhookRequest } from '../src/alerts/webhook-message.ts'
import { deliver } from '../src/alerts/webhook-sender.ts'

interface Received { url: string; body: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any -- robot bodies are read field by field
const received: Received[] = []
let answer: (req: IncomingMessage) => { status: number; body: string } = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' })
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = ''
    req.on('data', (c: Buffer) => { text += c.toString('utf8') })
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(text) as Received['body'] })
      const a = answer(req)
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const NOW = Date.UTC(2026, 11, 7, 2, 30, 0)
const fired: Transition = { type: 'fired', at: NOW, alert: { alertId: 'al-1', ruleId: 'wait', subject: 'sales', subjectName: '销售热线 / Sales', severity: 'red', value: { en: '7 waiting', 'zh-CN': '7 人排队' }, startedMs: NOW, queueIds: ['sales'] } }
const rule = { id: 'wait', name: '排队过多 Too many waiting' }
const hook = (format: Webhook['format'], secret?: string): Webhook => ({ id: format, name: format, format, url: `${base}/${format}?key=abc`, enabled: true, ...(secret ? { secret } : {}) })
const send = (w: Webhook, t: Transition = fired) => deliver(w.id, webhookRequest(w, t, rule, 'https://agner.example.cn', NOW), (s, b) => robotRefusal(w.format, s, b), { waits: [10, 10] })

describe('webhooks', () => {
  it('plain JSON carries the alert, both languages and a link', async () => {
    received.length = 0
    expect(await send(hook('json'))).toMatchObject({ ok: true, tries: 1 })
    expect(received[0]!.body).toMatchObject({
      event: 'alert.fired', sentAt: NOW, link: 'https://agner.example.cn/alerts',
      text: { en: 'Alert [RED]: 排队过多 Too many waiting — 销售热线 / Sales: 7 waiting', 'zh-CN': '告警【红色】：排队过多 Too many waiting — 销售热线 / Sales：7 人排队' },
      alert: { id: 'al-1', severity: 'red', subject: 'sales', queueIds: ['sales'] },
    })
  })

  it('WeCom and DingTalk get markdown; DingTalk\'s signature is the one its server computes', async () => {
    received.length = 0
    expect((await send(hook('wecom'))).ok).toBe(true)
    expect(received[0]!.body.msgtype).toBe('markdown')
    expect(received[0]!.body.markdown.content).toContain('告警【红色】')
    expect((await send(hook('dingtalk', 'SECabc123'))).ok).toBe(true)
    const url = new URL(received[1]!.url, base)
    expect(url.searchParams.get('key')).toBe('abc')
    expect(url.searchParams.get('timestamp')).toBe(String(NOW))
    // DingTalk: sign = Base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)).
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECabc123').update(`${NOW}\nSECabc123`).digest('base64'))
    expect(received[1]!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('告警') } })
  })

  it('Feishu gets text with its signature; a resolved alert says so', async () => {
    received.length = 0
    answer = () => ({ status: 200, body: '{"code":0,"msg":"success"}' })
    const resolved: Transition = { type: 'ended', at: NOW + 60_000, reason: 'cleared', alert: fired.alert }
    expect((await send(hook('feishu', 'fs-secret'), resolved)).ok).toBe(true)
    const b = received[0]!.body
    const ts = String(Math.floor(NOW / 1000))
    // Feishu: sign = Base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")).
    expect(b).toMatchObject({ timestamp: ts, sign: createHmac('sha256', `${ts}\nfs-secret`).update('').digest('base64'), msg_type: 'text' })
    expect(b.content.text).toContain('已恢复：排队过多 Too many waiting — 销售热线 / Sales')
  })

  it('a robot that refuses is reported with its reason; a 500 is tried again', async () => {
    answer = () => ({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' })
    expect(await send(hook('wecom'))).toMatchObject({ ok: false, tries: 3, error: '93000: invalid webhook url' })
    let calls = 0
    answer = () => (++calls < 3 ? { status: 500, body: 'busy' } : { status: 200, body: '{}' })
    expect(await send(hook('json'))).toMatchObject({ ok: true, tries: 3 })
    const nowhere = await deliver('x', { url: `http://127.0.0.1:${await freePort()}/none`, body: {} }, () => undefined, { waits: [] })
    expect(nowhere).toMatchObject({ ok: false, tries: 1, error: 'could not connect (ECONNREFUSED)' })
    answer = () => ({ status: 200, body: '{"errcode":0}' })
  })
})
