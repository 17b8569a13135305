/**
 * What `agner import asterisk-queue-log` says while it runs: the line (hand-worked figures), the
 * rhythm (in place on a terminal, a line each time in a log), and a real import of two files (one
 * gzipped) into an embedded store that reports each file, all of the input read, and the rollups.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { createStore } from '@agner/analytics'
import { ImportProgress, progressLine } from '../src/cli/import-progress.ts'
import { importQueueLogs } from '../src/cli/queue-log-files.ts'

const work = mkdtempSync(join(tmpdir(), 'agner-import-progress-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the progress line', () => {
  it('a quarter of three files read in 30 s: the rate and about 90 s left', () => {
    expect(progressLine({ file: '/var/log/asterisk/queue_log.2.gz', fileIndex: 1, files: 3, bytesDone: 250, bytesTotal: 1000, lines: 1_234_567, events: 2_800_000, elapsedMs: 30_000 }))
      // 1,234,567 lines / 30 s = 41,152 lines/s; 30 s × 0.75 / 0.25 = 90 s left.
      .toBe('importing queue_log.2.gz (file 1 of 3): 1,234,567 lines, 2,800,000 events, 25 % read, 41,152 lines/s, about 1 min 30 s left')
  })

  it('says no time left when all is read, nor a guess in the first second', () => {
    expect(progressLine({ file: 'queue_log', fileIndex: 1, files: 1, bytesDone: 500, bytesTotal: 500, lines: 10, events: 22, elapsedMs: 2000 }))
      .toBe('importing queue_log: 10 lines, 22 events, 100 % read, 5 lines/s')
    expect(progressLine({ file: 'queue_log', fileIndex: 1, files: 1, bytesDone: 5, bytesTotal: 500, lines: 1, events: 2, elapsedMs: 200 }))
      .toBe('importing queue_log: 1 lines, 2 events, 1 % read')
  })

  it('rewrites one line in place on a terminal and ends it before what follows', () => {
    const out: string[] = []
    const p = new ImportProgress({ write: (t) => out.push(t), inPlace: true, everyMs: 0 })
    const at = { file: 'queue_log', fileIndex: 1, files: 1, bytesDone: 1, bytesTotal: 2, lines: 1, events: 2 }
    p.at(at)
    p.at({ ...at, bytesDone: 2 })
    p.say('next step')
    expect(out).toEqual([
      '\rimporting queue_log: 1 lines, 2 events, 50 % read\u001b[K',
      '\rimporting queue_log: 1 lines, 2 events, 100 % read\u001b[K',
      '\n', 'next step\n',
    ])
  })

  it('into a log, not more often than asked', () => {
    const out: string[] = []
    const p = new ImportProgress({ write: (t) => out.push(t), inPlace: false, everyMs: 60_000 })
    for (let i = 1; i <= 5; i++) p.at({ file: 'q', fileIndex: 1, files: 1, bytesDone: i, bytesTotal: 5, lines: i, events: i })
    expect(out).toHaveLength(1)
    expect(out[0]).toBe('importing q: 1 lines, 1 events, 20 % read\n')
  })
})

it('a real import of a rotated (gzipped) file and today\'s says where it is in each, then the rollups', async () => {
  const call = (t: number, id: string): string => `${t}|${id}|sales|NONE|ENTERQUEUE||13800001234|1\n${t + 12}|${id}|sales|SIP/1001|CONNECT|12|${id}1|3\n${t + 200}|${id}|sales|SIP/1001|COMPLETEAGENT|12|188|1\n`
  let old = ''
  for (let i = 0; i < 200; i++) old += call(1_700_000_000 + i * 300, `pbx1-${1_700_000_000 + i * 300}.${i}`)
  writeFileSync(join(work, 'queue_log.1.gz'), gzipSync(old))
  writeFileSync(join(work, 'queue_log'), call(1_700_100_000, 'pbx1-1700100000.900'))
  const store = await createStore({ dataDir: join(work, 'data') })
  const out: string[] = []
  const said: unknown[] = []
  const error = console.error
  console.error = (...a: unknown[]) => { said.push(a.join(' ')) }
  try {
    await importQueueLogs({ files: [join(work, 'queue_log.1.gz'), join(work, 'queue_log')], instance: 'pbx1', store, tenant: 'default', progress: { write: (t) => out.push(t), inPlace: false, everyMs: 0 } })
  } finally {
    console.error = error
    await store.close()
  }
  expect(out[0]).toMatch(/^importing queue_log\.1\.gz \(file 1 of 2\): [\d,]+ lines, [\d,]+ events, \d+ % read/)
  // The gzipped file's last line: all 200 of its calls.
  expect(out.filter((l) => l.includes('file 1 of 2')).pop()).toMatch(/: 600 lines, 1,400 events, \d+ % read/)
  const last = out.filter((l) => l.startsWith('importing')).pop()!
  expect(last).toMatch(/^importing queue_log \(file 2 of 2\): 603 lines, 1,407 events, 100 % read(, [\d,]+ lines\/s)?\n$/)
  expect(out.at(-1)).toBe('read 603 lines; bringing the reports up to date for 2023-11-14 to 2023-11-16 (UTC)…\n')
  expect(said).toContain('imported: 603 lines, 1,407 events')
})
