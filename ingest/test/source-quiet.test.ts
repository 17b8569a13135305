/**
 * A source that lets Agner in and then tells it nothing (an Asterisk user without `read =
 * agent,call`: logged in, no events, the "all data empty" of AMI panels) gets a note on the Sources
 * page after 10 minutes, in both languages, saying what to check; one that has been heard from does
 * not, however quiet it is afterwards. Real TCP against the fake Asterisk; the runner's clock moves.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, it } from 'vitest'
import { FakeAmiServer } from '@agner/telephony/testing'
import { SourceRunner } from '../src/sources/source-runner.ts'

const work = mkdtempSync(join(tmpdir(), 'agner-quiet-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanup.reverse()) await c(); cleanup = [] })
const until = async (ok: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}
const MIN = 60_000

async function amiRunner() {
  const ami = new FakeAmiServer()
  await ami.listen()
  let ahead = 0
  const logged: string[] = []
  const runner = new SourceRunner(
    { id: 'pbx1', kind: 'asterisk-ami', enabled: true, instance: 'pbx1', host: '127.0.0.1', port: ami.port, username: 'agner', secret: 'secret' },
    {
      tenant: 'default', publish: async () => undefined, deadLetters: async () => undefined, stateDir: join(work, 'state'), timeZone: 'UTC',
      queueLogFeeds: () => false, log: (m) => logged.push(m), now: () => Date.now() + ahead,
    },
  )
  cleanup.push(() => ami.close(), () => runner.stop())
  runner.start()
  await until(() => runner.status().phase === 'connected')
  return { ami, runner, logged, later: (ms: number) => { ahead = ms } }
}

it('connected and nothing heard for 10 minutes: a note on what to check, worded for a quiet night too', async () => {
  const { runner, logged, later } = await amiRunner()
  later(9 * MIN + 50_000)
  expect(runner.status().note).toBeUndefined()
  runner.logQuiet()
  expect(logged).toEqual([])
  later(12 * MIN)
  const s = runner.status()
  expect(s.phase).toBe('connected')
  expect(s.note?.text.en).toBe("no queue events for 12 min. If calls are being taken, give user 'agner' read = agent,call in manager.conf: without it Asterisk logs Agner in and sends nothing.")
  expect(s.note?.text['zh-CN']).toBe('已有 12 分钟没有收到队列事件。如果此时有来电，请在 manager.conf 中为用户“agner”设置 read = agent,call：缺少该权限时 Asterisk 允许 Agner 登录，却不发送任何事件。')
  expect(s.problem).toBeUndefined()
  // And in the log, once for this connection.
  runner.logQuiet()
  later(13 * MIN)
  runner.logQuiet()
  expect(logged).toEqual(["source pbx1: connected, but no queue events for 12 min. If calls are being taken, give user 'agner' read = agent,call in manager.conf: without it Asterisk logs Agner in and sends nothing."])
})

it('heard from once after connecting: a quiet spell later is just quiet', async () => {
  const { ami, runner, later } = await amiRunner()
  await new Promise((r) => setTimeout(r, 5100)) // past the first seconds, where a resync's answers do not count
  await ami.event('Event: QueueMemberPause\nPrivilege: agent,all\nQueue: sales\nMemberName: agent1001\nInterface: PJSIP/1001\nPaused: 1\nPausedReason: lunch')
  await until(() => runner.status().events > 0)
  later(30 * MIN)
  expect(runner.status().note).toBeUndefined()
}, 15_000)
