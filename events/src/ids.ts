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
  if (namespace === AGNER_NAMESPACE && name.length * 3 <= SCRATCH.length - 16) {
    const n = SCRATCH.write(name, 16, 'utf8')
    return v5(hash('sha1', SCRATCH.subarray(0, 16 + n), 'hex'))
  }
  return v5(createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest('hex'))
}

/** The UUID's 36 characters, laid out here and read off as one string (not cut from the hex and joined). */
const UUID_OUT = Buffer.from('00000000-0000-5000-8000-000000000000', 'latin1')
const VARIANT_CODE = ['8', '9', 'a', 'b'].map((c) => c.charCodeAt(0))
/** A hex digit's char code → its value. */
const HEX_VALUE = new Uint8Array(128)
for (let i = 0; i < 16; i++) HEX_VALUE[i.toString(16).charCodeAt(0)] = i

/** A SHA-1 digest in hex → the UUIDv5 string: version 5 in byte 6's high nibble, RFC 4122 variant in byte 8's top bits. */
function v5(hex: string): string {
  const o = UUID_OUT
  for (let i = 0; i < 8; i++) o[i] = hex.charCodeAt(i)
  for (let i = 8; i < 12; i++) o[i + 1] = hex.charCodeAt(i)
  for (let i = 13; i < 16; i++) o[i + 2] = hex.charCodeAt(i)
  o[19] = VARIANT_CODE[HEX_VALUE[hex.charCodeAt(16)]! & 0x3]!
  for (let i = 17; i < 20; i++) o[i + 3] = hex.charCodeAt(i)
  for (let i = 20; i < 32; i++) o[i + 4] = hex.charCodeAt(i)
  return o.toString('latin1', 0, 36)
}

/**
 * naturalEventId for one source instance, made without building the whole name: the namespace and
 * `kind\0instance\0` are written once, each id writes only its key and type after them (ASCII
 * char by char, anything else as UTF-8) and hashes a view of the buffer kept per length. Adapters
 * make one or two ids per line or message, hundreds of thousands a second on an import.
 */
export class NaturalIds {
  private readonly buf = Buffer.alloc(1024)
  private readonly start: number
  private readonly views: Buffer[] = []
  constructor(private readonly sourceKind: string, private readonly sourceInstance: string) {
    SCRATCH.copy(this.buf, 0, 0, 16)
    this.start = 16 + this.buf.write(`${sourceKind}\u0000${sourceInstance}\u0000`, 16, 'utf8')
  }

  id(nativeKey: string, type: string): string {
    if ((nativeKey.length + type.length) * 3 + 1 > this.buf.length - this.start) return naturalEventId(this.sourceKind, this.sourceInstance, nativeKey, type)
    const n = this.put(nativeKey, this.start)
    this.buf[n] = 0
    return this.digest(this.put(type, n + 1))
  }

  /** The id of the key `${head}/${tail}`, without joining the two (a joined string would be copied once more to be read). */
  idOfPath(head: string, tail: string, type: string): string {
    if ((head.length + tail.length + type.length) * 3 + 2 > this.buf.length - this.start) return naturalEventId(this.sourceKind, this.sourceInstance, `${head}/${tail}`, type)
    let n = this.put(head, this.start)
    this.buf[n++] = 47
    n = this.put(tail, n)
    this.buf[n] = 0
    return this.digest(this.put(type, n + 1))
  }

  private digest(end: number): string {
    return v5(hash('sha1', this.views[end] ??= this.buf.subarray(0, end), 'hex'))
  }

  /** Writes `s` at `at` as UTF-8; returns where it ends. */
  private put(s: string, at: number): number {
    const buf = this.buf
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c > 127) return at - i + buf.write(s, at - i, 'utf8')
      buf[at++] = c
    }
    return at
  }
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
