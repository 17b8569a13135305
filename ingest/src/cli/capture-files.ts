/**
 * `agner convert asterisk-ami FILE` and `agner convert freeswitch-esl FILE`: the canonical events
 * (NDJSON on stdout) Agner makes of a raw capture — the AMI byte stream as Asterisk sent it, or
 * the event-socket frames with their Content-Length / Content-Type headers — so a center sees at
 * once what Agner makes of its PBX. Problems (junk, cut blocks) and events Agner does not map go to
 * stderr with their byte offsets.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createGunzip } from 'node:zlib'
import type { CanonicalEvent } from '@agner/events'
import { AmiFrameReader, AmiMapper, EslFrameReader, eslEventOf, EslMapper, type AmiFrame, type EslRead } from '@agner/telephony'
import { loadConfig } from '../config.ts'

export interface CaptureArgs { kind: 'asterisk-ami' | 'freeswitch-esl'; file: string; instance: string }

export async function convertCapture(a: CaptureArgs): Promise<void> {
  if (!existsSync(a.file)) throw new Error(`${a.file} does not exist; give the path of a raw ${a.kind === 'asterisk-ami' ? 'AMI' : 'event-socket'} capture`)
  const tenant = loadConfig().tenant
  // Events without a time of their own (AMI without timestampevents) are placed at the file's time.
  const fileTime = statSync(a.file).mtimeMs
  const problems: string[] = []
  let count = 0
  let untimed = 0
  const write = (events: CanonicalEvent[]): Promise<void> => new Promise((resolve, reject) => {
    if (events.length === 0) { resolve(); return }
    count += events.length
    process.stdout.write(`${events.map((e) => JSON.stringify(e)).join('\n')}\n`, (err) => (err ? reject(err) : resolve()))
  })
  const raw = createReadStream(a.file)
  const input = a.file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  const capture = a.kind === 'asterisk-ami' ? amiCapture(a.instance, tenant, fileTime) : eslCapture(a.instance, tenant, fileTime)
  const take = async (r: Taken): Promise<void> => {
    problems.push(...r.problems)
    untimed += r.untimed
    await write(r.events)
  }
  for await (const chunk of input) await take(capture.push(chunk as Buffer))
  await take(capture.end())
  const unknown = capture.unknown
  console.error(`converted: ${count.toLocaleString('en')} events`)
  for (const p of problems.slice(0, 20)) console.error(`  skipped at ${p}`)
  if (problems.length > 20) console.error(`  … and ${problems.length - 20} more problems`)
  if (unknown.size > 0) console.error(`  events Agner does not map (kept out, counted): ${[...unknown].map(([v, c]) => `${v} ×${c}`).join(', ')}`)
  if (untimed > 0) {
    console.error(a.kind === 'asterisk-ami'
      ? `  ${untimed} events had no Timestamp header and were placed at the file's time; set timestampevents = yes in manager.conf`
      : `  ${untimed} events had no Event-Date-Timestamp and were placed at the file's time`)
  }
}

interface Taken { events: CanonicalEvent[]; problems: string[]; untimed: number }
/** One kind of capture: bytes in, events and problems out; `end` flushes a cut block and what waits. */
interface Capture { push(chunk: Buffer): Taken; end(): Taken; unknown: Map<string, number> }

function amiCapture(instance: string, tenant: string, fileTime: number): Capture {
  const reader = new AmiFrameReader()
  const mapper = new AmiMapper({ instance, tenant })
  const take = (frames: AmiFrame[]): Taken => {
    const t: Taken = { events: [], problems: [], untimed: 0 }
    for (const f of frames) {
      if (f.kind === 'problem') t.problems.push(`byte ${f.offset}: ${f.problem}`)
      else if (f.kind === 'message' && f.message.headers.Event) {
        if (!f.message.headers.Timestamp) t.untimed++
        t.events.push(...mapper.map(f.message, fileTime))
      }
    }
    return t
  }
  return { push: (chunk) => take(reader.push(chunk)), end: () => { const t = take(reader.end()); t.events.push(...mapper.tick(Infinity)); return t }, unknown: mapper.unknownEvents }
}

function eslCapture(instance: string, tenant: string, fileTime: number): Capture {
  const reader = new EslFrameReader()
  const mapper = new EslMapper({ instance, tenant })
  const take = (reads: EslRead[]): Taken => {
    const t: Taken = { events: [], problems: [], untimed: 0 }
    for (const r of reads) {
      if (r.kind === 'problem') { t.problems.push(`byte ${r.offset}: ${r.problem}`); continue }
      const e = eslEventOf(r.frame)
      if (e === undefined) continue
      if (!e.ok) { t.problems.push(`byte ${r.frame.offset}: ${e.problem}`); continue }
      if (!e.event['Event-Date-Timestamp']) t.untimed++
      t.events.push(...mapper.map(e.event, fileTime))
    }
    return t
  }
  return { push: (chunk) => take(reader.push(chunk)), end: () => { const t = take(reader.end()); t.events.push(...mapper.tick(Infinity)); return t }, unknown: mapper.unknownEvents }
}
