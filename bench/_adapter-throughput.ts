/**
 * Child of `npm run bench -- adapters` (throughput): reads the AMI and queue_log fixtures the parent
 * wrote (`AMI_FILE QL_FILE`) into 64 KiB chunks, as a socket or a file hands bytes over, and times in
 * this fresh process, best of three rounds each: reading and splitting the bytes alone (the
 * baseline), then the adapters' parse + map. Prints one JSON line of rates.
 *
 * Its own process because building the fixture (100,000 calls as strings) grows a heap to about
 * 900 MB; timed in that process, the same code read 1.3–1.6× slower (bench/README "adapters",
 * 2026-12-07, session 17).
 */
import { readFileSync } from 'node:fs'
import { AmiFrameReader, AmiMapper, parseQueueLogLine, QueueLogMapper } from '@agner/telephony'
import { rate } from './_support.ts'

const CHUNK = 64 * 1024
function chunksOf(buf: Buffer): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < buf.length; i += CHUNK) out.push(buf.subarray(i, i + CHUNK))
  return out
}
const amiBytes = chunksOf(readFileSync(process.argv[2]!))
const qlBytes = chunksOf(readFileSync(process.argv[3]!))

/** The baseline: the bytes decoded and cut into records at `end`, each record into fields at `field`. */
const splitAlone = (chunks: Buffer[], encoding: BufferEncoding, end: string, field: string) => (): number => {
  let n = 0
  let carry = ''
  for (const b of chunks) {
    const parts = (carry + b.toString(encoding)).split(end)
    carry = parts.pop()!
    for (const p of parts) n += p.split(field).length > 0 ? 1 : 0
  }
  return n
}
const splitBlocks = splitAlone(amiBytes, 'latin1', '\r\n\r\n', '\r\n')
const splitLines = splitAlone(qlBytes, 'utf8', '\n', '|')
const amiMapped = (): number => {
  const r = new AmiFrameReader()
  const m = new AmiMapper({ instance: 'bench' })
  let n = 0
  let events = 0
  for (const b of amiBytes) for (const f of r.push(b)) if (f.kind === 'message') { n++; events += m.map(f.message, 0).length }
  events += m.tick(Infinity).length
  if (events === 0) throw new Error('no events')
  return n
}
const qlMapped = (): number => {
  const m = new QueueLogMapper({ instance: 'bench' })
  let n = 0
  let events = 0
  let carry = ''
  for (const b of qlBytes) {
    const parts = (carry + b.toString('utf8')).split('\n')
    carry = parts.pop()!
    for (const p of parts) { const l = parseQueueLogLine(p); if (l.ok) { n++; events += m.map(l.line, p).length } }
  }
  if (events === 0) throw new Error('no events')
  return n
}
const time = (f: () => number): number => { const t = performance.now(); const n = f(); return rate(n, performance.now() - t) }
const best = (f: () => number): number => Math.max(...[1, 2, 3].map(() => time(f)))
const [amiSplit, amiMap, qlSplit, qlMap] = [best(splitBlocks), best(amiMapped), best(splitLines), best(qlMapped)]
process.stdout.write(`${JSON.stringify({ amiSplit, amiMap, qlSplit, qlMap })}\n`)
