/**
 * The floor under one call's relay CPU, for bench/voice.ts: what a bare Node worker thread costs to
 * pass one call's packets (50 a second each way, the two directions 10 ms apart, as two phones send)
 * between two UDP sockets, with no WebRTC at all; once plain and once doing the relay's crypto (open
 * one AES-128-GCM packet with its tag checked, seal one). The thread's CPU is read from the kernel
 * as the relay's is (/proc/<pid>/task/<tid>/schedstat). The sender is a process of its own.
 */
import { Worker } from 'node:worker_threads'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** The relaying thread (CommonJS, run with `eval`): reports its ports and thread id, then relays. */
const RELAY = `
const { parentPort, workerData } = require('node:worker_threads')
const dgram = require('node:dgram'), { createCipheriv, createDecipheriv, randomBytes } = require('node:crypto')
const { crypto } = workerData
const tid = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()
const inKey = Buffer.from(workerData.key, 'hex'), outKey = randomBytes(16), iv = Buffer.alloc(12)
const a = dgram.createSocket('udp4'), b = dgram.createSocket('udp4')
const peer = new Map()
function relay(data, to, port) {
  let out = data
  if (crypto) {
    data.copy(iv, 0, 0, 12)
    const d = createDecipheriv('aes-128-gcm', inKey, iv); d.setAAD(data.subarray(0, 12)); d.setAuthTag(data.subarray(data.length - 16))
    const clear = d.update(data.subarray(12, data.length - 16)); d.final()
    const c = createCipheriv('aes-128-gcm', outKey, iv); c.setAAD(data.subarray(0, 12))
    out = Buffer.concat([data.subarray(0, 12), c.update(clear), (c.final(), c.getAuthTag())])
  }
  if (port) to.send(out, port, '127.0.0.1')
}
a.on('message', (d, r) => { peer.set(a, r.port); relay(d, b, peer.get(b)) })
b.on('message', (d, r) => { peer.set(b, r.port); relay(d, a, peer.get(a)) })
a.bind(0, '127.0.0.1', () => b.bind(0, '127.0.0.1', () => parentPort.postMessage({ ports: [a.address().port, b.address().port], tid })))
`

/** Two phones' worth of packets (CommonJS, run with `-e`): 20 ms apart per phone, the second 10 ms after the first. */
const PHONES = `
const dgram = require('node:dgram'), { createCipheriv } = require('node:crypto')
const [pa, pb, keyHex] = process.argv.slice(1), key = Buffer.from(keyHex, 'hex')
const a = dgram.createSocket('udp4'), b = dgram.createSocket('udp4')
a.bind(0); b.bind(0); a.on('message', () => {}); b.on('message', () => {})
let seq = 0
function packet() {
  const header = Buffer.alloc(12); header[0] = 0x80; header[1] = 111; header.writeUInt16BE(seq++ & 0xffff, 2); header.writeUInt32BE(0x1234, 8)
  const c = createCipheriv('aes-128-gcm', key, header); c.setAAD(header)
  return Buffer.concat([header, c.update(Buffer.alloc(100, 7)), (c.final(), c.getAuthTag())])
}
setInterval(() => { a.send(packet(), Number(pa), '127.0.0.1'); setTimeout(() => b.send(packet(), Number(pb), '127.0.0.1'), 10) }, 20)
`

export interface FloorFigure { cpu: number; wakeups: number }

/** One floor measurement over `seconds` (after a 2 s warm-up). */
async function measure(crypto: boolean, seconds: number): Promise<FloorFigure> {
  const key = '000102030405060708090a0b0c0d0e0f'
  const worker = new Worker(RELAY, { eval: true, workerData: { crypto, key } })
  const { ports, tid } = await new Promise<{ ports: number[]; tid: string }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  const phones = spawn(process.execPath, ['-e', PHONES, String(ports[0]), String(ports[1]), key], { stdio: 'ignore' })
  const read = () => { const [ns, , runs] = readFileSync(`/proc/${process.pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number); return { ms: ns! / 1e6, runs: runs! } }
  try {
    await new Promise((r) => setTimeout(r, 2000))
    const s0 = read(), t0 = performance.now()
    await new Promise((r) => setTimeout(r, seconds * 1000))
    const s1 = read(), ms = performance.now() - t0
    return { cpu: (s1.ms - s0.ms) / ms, wakeups: (s1.runs - s0.runs) / (ms / 1000) }
  } finally {
    phones.kill()
    await worker.terminate()
  }
}

/** The floor, plain and with the relay's crypto. */
export async function measureRelayFloor(seconds: number): Promise<{ plain: FloorFigure; crypto: FloorFigure }> {
  return { plain: await measure(false, seconds), crypto: await measure(true, seconds) }
}
