/**
 * Following queue_log on a real file system: appends, a line written in two halves, rotation
 * (rename + new file, with a last line still written to the old one), truncation, a restart that
 * neither loses nor repeats a line (also across a rotation while stopped), a 1 MB line and junk
 * reported with their offsets, a missing file said in one sentence.
 */
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { QueueLogMapper, QueueLogTail, type SourceState } from '../src/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'agner-tail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const until = async (ok: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}

function tail(path: string, stateFile: string) {
  const events: CanonicalEvent[] = []
  const problems: Array<{ reason: string; offset: number }> = []
  const states: SourceState[] = []
  const t = new QueueLogTail({
    path, stateFile, mapper: new QueueLogMapper({ instance: 'pbx1' }), pollMs: 20,
    onEvents: async (e) => { events.push(...e) }, onProblem: (p) => problems.push(p), onState: (s) => states.push(s),
  })
  return { t, events, problems, states }
}
const enter = (n: number) => `${1_700_000_000 + n}|1700000000.${n}|sales|NONE|ENTERQUEUE||1380000${n}|1\n`
const queuedIds = (es: CanonicalEvent[]) => es.filter((e) => e.type === 'contact.queued').map((e) => e.interactionId)

it('appends, a half-written line, rotation, truncation; the position survives a restart exactly', async () => {
  const path = join(dir, 'queue_log')
  const state = join(dir, 'queue_log.agner-position')
  writeFileSync(path, enter(1) + enter(2))
  const a = tail(path, state)
  a.t.start()
  await until(() => queuedIds(a.events).length === 2)
  const half = enter(3)
  appendFileSync(path, half.slice(0, 20))
  await new Promise((r) => setTimeout(r, 100))
  expect(queuedIds(a.events)).toHaveLength(2)
  appendFileSync(path, half.slice(20))
  await until(() => queuedIds(a.events).length === 3)
  // logrotate: rename, Asterisk writes one more line to the old file, then reopens the new one.
  renameSync(path, `${path}.1`)
  appendFileSync(`${path}.1`, enter(4))
  writeFileSync(path, enter(5))
  await until(() => queuedIds(a.events).length === 5)
  // copytruncate: the file is emptied and written again.
  truncateSync(path, 0)
  appendFileSync(path, enter(6))
  await until(() => queuedIds(a.events).length === 6)
  expect(queuedIds(a.events)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `1700000000.${n}`))
  expect(a.t.linesRead).toBe(6)
  await a.t.stop()

  // Stopped: two more lines, then a rotation while Agner is away, then a line in the new file.
  appendFileSync(path, enter(7) + enter(8))
  renameSync(path, `${path}.2`)
  writeFileSync(path, enter(9))
  const b = tail(path, state)
  b.t.start()
  await until(() => queuedIds(b.events).length === 3)
  await new Promise((r) => setTimeout(r, 100))
  expect(queuedIds(b.events)).toEqual([7, 8, 9].map((n) => `1700000000.${n}`))
  await b.t.stop()
})

it('junk and a 1 MB line are reported with their byte offsets; the lines around them land', async () => {
  const path = join(dir, 'junk_log')
  const junk = 'this is not queue_log\n'
  const big = `${'x'.repeat(1_100_000)}\n`
  writeFileSync(path, enter(1) + junk + big + enter(2) + '\u0000\u0001\u0002\n' + enter(3))
  const a = tail(path, join(dir, 'junk.pos'))
  a.t.start()
  await until(() => queuedIds(a.events).length === 3)
  expect(a.problems.map((p) => [p.reason.slice(0, 30), p.offset])).toEqual([
    ['not a queue_log line (1 fields', enter(1).length],
    [expect.stringMatching(/^a line/), enter(1).length + junk.length],
    ['not a queue_log line (1 fields', enter(1).length + junk.length + big.length + enter(2).length],
  ])
  await a.t.stop()
})

it('a missing file says where it looked and what to check; the file appearing later is read', async () => {
  const path = join(dir, 'later_log')
  const a = tail(path, join(dir, 'later.pos'))
  a.t.start()
  await until(() => a.states.some((s) => s.phase === 'error'))
  expect(a.t.state.said.text.en).toBe(`queue_log not found at ${path}; check the path and that Asterisk writes it (logger.conf queue_log = yes)`)
  writeFileSync(path, enter(1))
  await until(() => queuedIds(a.events).length === 1)
  expect(a.t.state.phase).toBe('connected')
  await a.t.stop()
})

it('a path that is a directory says so and what to check; once it is the file, its lines are read', async () => {
  const path = join(dir, 'dir_log')
  mkdirSync(path)
  const a = tail(path, join(dir, 'dir.pos'))
  a.t.start()
  await until(() => a.t.state.problem !== undefined)
  expect(a.t.state.problem!.text.en).toMatch(new RegExp(`^queue_log not readable: EISDIR[^(]*\\(${path}\\)\\. Check that the path names Asterisk's queue_log file; Agner keeps retrying\\.$`))
  expect(a.t.state.problem!.text['zh-CN']).toContain('请确认该路径指向 Asterisk 的 queue_log 文件')
  expect(a.t.state.problem!.text.en).not.toContain('permission')
  rmSync(path, { recursive: true })
  writeFileSync(path, enter(1))
  await until(() => queuedIds(a.events).length === 1, 40_000)
  expect(a.t.state.phase).toBe('connected')
  await a.t.stop()
}, 60_000)
