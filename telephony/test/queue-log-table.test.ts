/**
 * Asterisk's realtime queue_log table on a real MariaDB (spawned on a free port): both layouts
 * (`data` and `data1…data5`), local-time `time` with microseconds, rows read once in order across a
 * restart of the reader, a wrong password and a missing table said in one sentence.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CanonicalEvent } from '@agner/events'
import { Backoff, QueueLogMapper, QueueLogTableReader, rowToLine, tableTime, type SourceState } from '../src/index.ts'
import { MariaDbProcess } from '../src/testing.ts'

let db: MariaDbProcess
const dir = mkdtempSync(join(tmpdir(), 'agner-qltable-'))
beforeAll(async () => {
  db = await MariaDbProcess.start()
  await db.sql(`CREATE DATABASE asterisk; CREATE USER 'asterisk'@'%' IDENTIFIED BY 'secret'; GRANT SELECT ON asterisk.* TO 'asterisk'@'%';
    USE asterisk;
    CREATE TABLE queue_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, time VARCHAR(26) NOT NULL, callid VARCHAR(40), queuename VARCHAR(20), agent VARCHAR(40), event VARCHAR(20), data1 VARCHAR(40), data2 VARCHAR(40), data3 VARCHAR(40), data4 VARCHAR(40), data5 VARCHAR(40));
    CREATE TABLE queue_log_flat (time VARCHAR(26) NOT NULL, callid VARCHAR(40), queuename VARCHAR(20), agent VARCHAR(40), event VARCHAR(20), data VARCHAR(200));`)
}, 120_000)
afterAll(async () => { await db?.dispose(); rmSync(dir, { recursive: true, force: true }) })

const until = async (ok: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms
  while (!ok()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)) }
}

function reader(table: string, password = 'secret', stateFile = join(dir, `${table}.pos`)) {
  const events: CanonicalEvent[] = []
  const states: SourceState[] = []
  const r = new QueueLogTableReader({
    host: '127.0.0.1', port: db.port, user: 'asterisk', password, database: 'asterisk', table, timeZone: 'Asia/Shanghai', stateFile,
    mapper: new QueueLogMapper({ instance: 'pbx1' }), pollMs: 50, backoff: new Backoff(50, 200),
    onEvents: async (e) => { events.push(...e) }, onProblem: () => undefined, onState: (s) => states.push(s),
  })
  return { r, events, states }
}

it('table rows are queue_log lines: local time with microseconds, both data layouts', () => {
  expect(tableTime('2026-12-06 20:10:31.123456', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 6, 12, 10, 31, 123))
  expect(tableTime('2026-12-06 20:10:31', 'UTC')).toBe(Date.UTC(2026, 11, 6, 20, 10, 31))
  expect(rowToLine({ time: '2026-12-06 20:10:31.000000', callid: '1.2', queuename: 'sales', agent: 'NONE', event: 'ENTERQUEUE', data1: '', data2: '138', data3: '1', data4: '', data5: '' }, 'UTC'))
    .toEqual({ ok: true, line: { time: Date.UTC(2026, 11, 6, 20, 10, 31), callId: '1.2', queue: 'sales', agent: 'NONE', verb: 'ENTERQUEUE', data: ['', '138', '1'] } })
  expect(rowToLine({ time: '2026-12-06 20:10:31', callid: '1.2', queuename: 'sales', agent: 'SIP/1', event: 'CONNECT', data: '5|1.3|2' }, 'UTC')).toMatchObject({ ok: true, line: { data: ['5', '1.3', '2'] } })
  expect(rowToLine({ time: 'yesterday', event: 'CONNECT' }, 'UTC')).toEqual({ ok: false, problem: '"yesterday" is not a queue_log time (YYYY-MM-DD HH:MM:SS.ffffff)' })
})

it('data1…data5 with an id: every row once, in order, across a restart of the reader', async () => {
  const ins = (n: number, sec: number) => `('2026-12-06 20:00:${String(sec).padStart(2, '0')}.000001', '1765022400.${n}', 'sales', 'NONE', 'ENTERQUEUE', '', '1380000${n}', '1', '', '')`
  await db.sql(`INSERT INTO asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, data3, data4, data5) VALUES ${[1, 2, 3].map((n) => ins(n, n)).join(',')}`)
  const a = reader('queue_log')
  a.r.start()
  await until(() => a.events.filter((e) => e.type === 'contact.queued').length === 3)
  expect(a.r.state.said.text.en).toBe(`reading table queue_log at 127.0.0.1:${db.port}/asterisk`)
  expect(a.events.find((e) => e.type === 'contact.created')).toMatchObject({ contactId: '1765022400.1@sales', time: Date.UTC(2026, 11, 6, 12, 0, 1), data: { ani: '13800001' } })
  await a.r.stop()
  await db.sql(`INSERT INTO asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, data3, data4, data5) VALUES ${ins(4, 4)}, ('2026-12-06 20:00:40.5', '1765022400.4', 'sales', 'NONE', 'ABANDON', '1', '1', '36', '', '')`)
  const b = reader('queue_log')
  b.r.start()
  await until(() => b.events.some((e) => e.type === 'contact.dequeued'))
  await new Promise((r) => setTimeout(r, 200))
  expect(b.events.filter((e) => e.type === 'contact.queued').map((e) => e.interactionId)).toEqual(['1765022400.4'])
  expect(b.events.find((e) => e.type === 'contact.dequeued')!.data).toEqual({ waitMs: 36_000, outcome: 'abandoned', position: 1 })
  expect(b.r.linesRead).toBe(2)
  await b.r.stop()
}, 30_000)

it('data, no id: rows of the same second are read once each', async () => {
  const row = (n: number) => `('2026-12-06 20:00:05.000000', '1765022400.${n}', 'support', 'NONE', 'ENTERQUEUE', '|1390000${n}|1')`
  await db.sql(`INSERT INTO asterisk.queue_log_flat VALUES ${row(1)}, ${row(2)}`)
  const a = reader('queue_log_flat')
  a.r.start()
  await until(() => a.events.filter((e) => e.type === 'contact.queued').length === 2)
  await db.sql(`INSERT INTO asterisk.queue_log_flat VALUES ${row(3)}`)
  await until(() => a.events.filter((e) => e.type === 'contact.queued').length === 3)
  await new Promise((r) => setTimeout(r, 300))
  expect(a.events.filter((e) => e.type === 'contact.queued').map((e) => e.interactionId)).toEqual(['1765022400.1', '1765022400.2', '1765022400.3'])
  await a.r.stop()
}, 30_000)

it('a wrong password and a missing table: one sentence each, retried with backoff', async () => {
  const bad = reader('queue_log', 'wrong', join(dir, 'bad.pos'))
  bad.r.start()
  await until(() => bad.states.some((s) => s.phase === 'retrying'))
  expect(bad.r.state.problem?.text.en).toMatch(new RegExp(`^MySQL/MariaDB refused the connection to 127.0.0.1:${db.port}/asterisk: Access denied for user 'asterisk'`))
  await bad.r.stop()
  const missing = reader('no_such_table', 'secret', join(dir, 'missing.pos'))
  missing.r.start()
  await until(() => missing.states.some((s) => s.phase === 'retrying'))
  expect(missing.r.state.problem?.text.en).toMatch(/^the queue_log table cannot be read at .*: Table 'asterisk.no_such_table' doesn't exist\. Check the table name in the source and that its user may SELECT from it; Agner keeps retrying\.$/)
  expect(missing.r.state.problem?.text['zh-CN']).toContain('无法读取')
  await missing.r.stop()
}, 30_000)
