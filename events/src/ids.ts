/** Event ids (DESIGN §3): UUIDv5 where the source has a natural key, UUIDv7 otherwise. */
import { createHash, randomBytes } from 'node:crypto'

/** The namespace Agner derives deterministic ids in (a fixed random UUID). */
export const AGNER_NAMESPACE = '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'

export function uuidv5(name: string, namespace = AGNER_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  return format(hash.subarray(0, 16))
}

let lastMs = 0
let seq = 0
/** Time-ordered UUIDv7; monotonic within one process. */
export function uuidv7(now = Date.now()): string {
  const b = randomBytes(16)
  if (now <= lastMs) { seq = (seq + 1) & 0xfff; now = lastMs } else { seq = b.readUInt16BE(6) & 0x7ff; lastMs = now }
  b.writeUIntBE(now, 0, 6)
  b[6] = 0x70 | (seq >> 8)
  b[7] = seq & 0xff
  b[8] = (b[8]! & 0x3f) | 0x80
  return format(b)
}

/** The deterministic id of an event from a source with a natural key. */
export function naturalEventId(sourceKind: string, sourceInstance: string, nativeKey: string, type: string): string {
  return uuidv5(`${sourceKind}\u0000${sourceInstance}\u0000${nativeKey}\u0000${type}`)
}

function format(b: Buffer): string {
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
