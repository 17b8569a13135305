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
import { AmiFrameReader, AmiMapper, EslFrameReader, eslEventOf, EslMapper } from '@agner/telephony'
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
  let unknown: Map<string, number>
  if (a.kind === 'asterisk-ami') {
    const reader = new AmiFrameReader()
    const mapper = new AmiMapper({ instance: a.instance, tenant })
    unknown = mapper.unknownEvents
    const take = async (frames: ReturnType<AmiFrameReader['push']>): Promise<void> => {
      const out: CanonicalEvent[] = []
      for (const f of frames) {
        if (f.kind === 'problem') problems.push(`byte ${f.offset}: ${f.problem}`)
        else if (f.kind === 'message' && f.message.headers.Event) {
          if (!f.message.headers.Timestamp) untimed++
          out.push(...mapper.map(f.message, fileTime))
        }
      }
      await write(out)
    }
    for await (const chunk of input) await take(reader.push(chunk as Buffer))
    await take(reader.end())
    await write(mapper.tick(Infinity))
  } else {
    const reader = new EslFrameReader()
    const mapper = new EslMapper({ instance: a.instance, tenant })
    unknown = mapper.unknownEvents
    const take = async (reads: ReturnType<EslFrameReader['push']>): Promise<void> => {
      const out: CanonicalEvent[] = []
      for (const r of reads) {
        if (r.kind === 'problem') { problems.push(`byte ${r.offset}: ${r.problem}`); continue }
        const e = eslEventOf(r.frame)
        if (e === undefined) continue
        if (!e.ok) { problems.push(`byte ${r.frame.offset}: ${e.problem}`); continue }
        if (!e.event['Event-Date-Timestamp']) untimed++
        out.push(...mapper.map(e.event, fileTime))
      }
      await write(out)
    }
    for await (const chunk of input) await take(reader.push(chunk as Buffer))
    await take(reader.end())
    await write(mapper.tick(Infinity))
  }
  console.error(`converted: ${count} events`)
  for (const p of problems.slice(0, 20)) console.error(`  skipped at ${p}`)
  if (problems.length > 20) console.error(`  … and ${problems.length - 20} more problems`)
  if (unknown.size > 0) console.error(`  events Agner does not map (kept out, counted): ${[...unknown].map(([v, c]) => `${v} ×${c}`).join(', ')}`)
  if (untimed > 0) {
    console.error(a.kind === 'asterisk-ami'
      ? `  ${untimed} events had no Timestamp header and were placed at the file's time; set timestampevents = yes in manager.conf`
      : `  ${untimed} events had no Event-Date-Timestamp and were placed at the file's time`)
  }
}
