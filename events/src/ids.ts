/** Event ids (DESIGN §3): UUIDv5 where the source has a natural key, UUIDv7 otherwise. */
import { createHash, hash, randomBytes } from 'node:crypto'

/** The namespace Agner derives deterministic ids in (a fixed random UUID). */
export const AGNER_NAMESPACE = '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f'

// Adapters make an id per event (hundreds of thousands a second on an import): the namespace's
// bytes and the name are written into one scratch buffer and hashed in one call.
const SCRATCH = Buffer.alloc(4096)
// The namespace's 16 bytes sit at the start of the scratch buffer for good; names go after them.
Buffer.from(AGNER_NAMESPACE.replace(/-/g, ''), 'hex').copy(SCRATCH, 0)

export function uuidv5(name: string, namespace = AGNER_NAMESPACE): string {
  let hex: string
  if (namespace === AGNER_NAMESPACE && name.length * 3 <= SCRATCH.length - 16) {
    const n = SCRATCH.write(name, 16, 'utf8')
    hex = hash('sha1', SCRATCH.subarray(0, 16 + n), 'hex')
  } else {
    hex = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest('hex')
  }
  // Version 5 in the high nibble of byte 6, RFC 4122 variant in the top bits of byte 8.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
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
