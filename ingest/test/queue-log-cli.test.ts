/**
 * `agner convert asterisk-queue-log` and `agner import asterisk-queue-log`, run as a user would:
 * a queue_log file (and its gzipped rotation) becomes canonical events; an import lands in the store
 * and its queue figures in the reports; importing the same files again adds nothing.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, expect, it } from 'vitest'
import { countStoredEvents, createStore } from '@agner/analytics'

const run = promisify(execFile)
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const work = mkdtempSync(join(tmpdir(), 'agner-queue-log-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const agner = (args: string[]) => run(process.execPath, [join(ROOT, 'bin', 'agner.mjs'), ...args], { cwd: ROOT, env: { ...process.env, AGNER_DATA_DIR: join(work, 'data'), AGNER_TIMEZONE: 'UTC' }, timeout: 120_000 })

// Rotated yesterday (gzipped), then today's file: one call per file, a restart between.
const OLD = `1700000000|pbx1-1700000000.1|sales|NONE|ENTERQUEUE||13800001234|1
1700000012|pbx1-1700000000.1|sales|SIP/1001|CONNECT|12|pbx1-1700000012.2|3
1700000200|pbx1-1700000000.1|sales|SIP/1001|COMPLETEAGENT|12|188|1
`
const NOW = `1700003600|NONE|NONE|NONE|QUEUESTART|
1700003700|pbx1-1700003700.5|sales|NONE|ENTERQUEUE||13900005678|1
1700003745|pbx1-1700003700.5|sales|NONE|ABANDON|1|1|45
this line is not queue_log
1700003800|pbx1-1700003800.9|sales|NONE|PAUSEREASON|coffee
`

it('convert prints the events and says what it skipped; import lands once, however often it runs', async () => {
  writeFileSync(join(work, 'queue_log.1.gz'), gzipSync(OLD))
  writeFileSync(join(work, 'queue_log'), NOW)
  const files = [join(work, 'queue_log.1.gz'), join(work, 'queue_log')]
  const { stdout, stderr } = await agner(['convert', 'asterisk-queue-log', ...files, '--instance', 'pbx1'])
  const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown>; source: { kind: string; instance: string } })
  expect(events.map((e) => e.type)).toEqual([
    'contact.created', 'contact.queued', 'contact.offered', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended',
    'contact.created', 'contact.queued', 'contact.dequeued', 'contact.ended',
  ])
  expect(events[0]!.source).toEqual({ kind: 'asterisk-queuelog', instance: 'pbx1' })
  expect(events[4]!.data).toEqual({ agentId: 'SIP/1001', waitMs: 12_000, ringMs: 3000 })
  expect(events[9]!.data).toEqual({ waitMs: 45_000, outcome: 'abandoned', position: 1 })
  expect(stderr).toContain('converted: 8 lines, 11 events')
  expect(stderr).toContain(`skipped ${join(work, 'queue_log')} line 4: not a queue_log line`)
  expect(stderr).toContain('verbs Agner does not map (kept out, counted): PAUSEREASON ×1')

  await agner(['import', 'asterisk-queue-log', ...files, '--instance', 'pbx1'])
  const again = await agner(['import', 'asterisk-queue-log', ...files, '--instance', 'pbx1'])
  expect(again.stderr).toContain('imported: 8 lines, 11 events')
  const store = await createStore({ dataDir: join(work, 'data') })
  try {
    expect((await countStoredEvents(store.client)).distinctIds).toBe(11)
    const rs = await store.client.query({ query: "SELECT sum(offered) AS offered, sum(answered) AS answered, sum(abandoned) AS abandoned FROM queue_intervals FINAL WHERE queue_id = 'sales'", format: 'JSONEachRow' })
    const [sums] = await rs.json<Record<string, string | number>>()
    expect(Object.fromEntries(Object.entries(sums!).map(([k, v]) => [k, Number(v)]))).toEqual({ offered: 2, answered: 1, abandoned: 1 })
  } finally {
    await store.close()
  }
}, 120_000)

it('a kind it does not read, or no file, is refused with one sentence', async () => {
  const bad = await agner(['import', 'asterisk-ami', 'x.txt']).catch((e: { code: number; stderr: string }) => e)
  expect(bad).toMatchObject({ code: 2 })
  expect((bad as { stderr: string }).stderr).toContain('"asterisk-ami" is not one import reads (it reads asterisk-queue-log)')
  const missing = await agner(['convert', 'freeswitch-esl', join(work, 'nope.txt')]).catch((e: { code: number; stderr: string }) => e)
  expect((missing as { stderr: string }).stderr).toContain('nope.txt does not exist')
  const none = await agner(['import', 'asterisk-queue-log']).catch((e: { code: number; stderr: string }) => e)
  expect((none as { stderr: string }).stderr).toContain('needs at least one file')
})

it('convert asterisk-ami and freeswitch-esl print what Agner makes of raw captures, problems with their byte offsets', async () => {
  const fixtures = join(ROOT, 'telephony', 'test', 'fixtures')
  const ami = await agner(['convert', 'asterisk-ami', join(fixtures, 'ami-reference-8.1.txt'), '--instance', 'pbx1'])
  const amiEvents = ami.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; contactId?: string; data: Record<string, unknown> })
  expect(amiEvents.filter((e) => e.contactId === '1594054062.123@201').map((e) => e.type)).toEqual([
    'contact.created', 'contact.queued', 'contact.offered', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended',
  ])
  expect(ami.stderr).toContain("8 events had no Timestamp header and were placed at the file's time; set timestampevents = yes in manager.conf")
  const frames = ['Content-Type: auth/request\n\n', 'garbage without a colon\n\n']
  const body = JSON.stringify({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': 'agent-status-change', 'CC-Agent': '1000@default', 'CC-Agent-Status': 'On Break', 'Event-Date-Timestamp': '1700000000000000' })
  frames.push(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`)
  writeFileSync(join(work, 'esl.txt'), frames.join(''))
  const esl = await agner(['convert', 'freeswitch-esl', join(work, 'esl.txt'), '--instance', 'fs1'])
  expect(esl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { agentId: string; data: unknown })).toEqual([
    expect.objectContaining({ agentId: '1000@default', time: 1_700_000_000_000, data: { status: 'aux', reasonCode: 'On Break', origin: 'agent' } }),
  ])
  expect(esl.stderr).toContain('skipped at byte 28: not an event-socket header line: "garbage without a colon"')
}, 60_000)
