/**
 * The AMI byte stream → messages (reference §1.3): `Key: Value` lines ended by CRLF (LF accepted),
 * a blank line ends a message, the first line of a connection is the banner
 * `Asterisk Call Manager/x.y.z`. Pure and incremental: feed whatever TCP delivered, at any byte
 * boundary; a message is returned once its blank line has arrived.
 *
 * Bad input never throws: a line without `:`, binary junk or a message past `maxMessageBytes`
 * comes back as a problem with its byte offset in the stream, and the reader goes on with the next
 * message. Header names keep their case; repeated headers (`Variable:`) keep the last value.
 */
export interface AmiMessage {
  headers: Record<string, string>
  /** The message as it arrived (without the closing blank line), for audit and dead letters. */
  raw: string
  /** Byte offset of the message's first byte in the stream. */
  offset: number
}

export type AmiFrame =
  | { kind: 'banner'; text: string; offset: number }
  | { kind: 'message'; message: AmiMessage }
  | { kind: 'problem'; problem: string; raw: string; offset: number }

export interface AmiFrameReaderOptions { maxMessageBytes?: number }

const DEFAULT_MAX = 256 * 1024

export class AmiFrameReader {
  private pending = ''
  /** Byte offset of `pending`'s first character. */
  private offset = 0
  private bannerSeen = false
  /** Dropping the rest of an oversized message until its blank line. */
  private skipping = false
  private readonly max: number
  constructor(o: AmiFrameReaderOptions = {}) { this.max = o.maxMessageBytes ?? DEFAULT_MAX }

  /** Bytes in, whole frames out. */
  push(chunk: Buffer | string): AmiFrame[] {
    // latin1 keeps one char per byte so offsets are byte offsets; values are re-decoded as UTF-8.
    this.pending += typeof chunk === 'string' ? Buffer.from(chunk, 'utf8').toString('latin1') : chunk.toString('latin1')
    const out: AmiFrame[] = []
    if (!this.bannerSeen) {
      const nl = this.pending.indexOf('\n')
      if (nl < 0) return this.guard(out)
      const line = this.pending.slice(0, nl).replace(/\r$/, '')
      if (/^Asterisk Call Manager\//.test(line)) {
        out.push({ kind: 'banner', text: line, offset: this.offset })
        this.consume(nl + 1)
      }
      this.bannerSeen = true
    }
    // One pass over what arrived: messages are cut by index and the buffer is trimmed once.
    let start = 0
    for (;;) {
      const end = findBlankLine(this.pending, start)
      if (!end) break
      const text = this.pending.slice(start, end.at)
      const at = this.offset + start
      start = end.next
      if (this.skipping) { this.skipping = false; continue }
      if (text.trim() === '') continue
      if (text.length > this.max) {
        out.push({ kind: 'problem', problem: `a message longer than ${this.max} bytes; dropped`, raw: utf8(text.slice(0, 512)), offset: at })
        continue
      }
      out.push(parseMessage(text, at))
    }
    if (start > 0) this.consume(start)
    return this.guard(out)
  }

  /** Whatever is left when the connection closes mid-message: a truncated message, reported. */
  end(): AmiFrame[] {
    const rest = this.pending
    const at = this.offset
    this.consume(rest.length)
    if (this.skipping || rest.trim() === '') { this.skipping = false; return [] }
    return [{ kind: 'problem', problem: 'the connection closed in the middle of a message (truncated block)', raw: utf8(rest).slice(0, 4096), offset: at }]
  }

  private guard(out: AmiFrame[]): AmiFrame[] {
    if (this.pending.length > this.max) {
      out.push({ kind: 'problem', problem: `a message longer than ${this.max} bytes without a blank line; dropped`, raw: utf8(this.pending.slice(0, 512)), offset: this.offset })
      this.consume(this.pending.length)
      this.skipping = true
    }
    return out
  }

  private consume(n: number): void { this.pending = this.pending.slice(n); this.offset += n }
}

/**
 * The first blank line at or after `from`: where the message before it ends (`at`, without its line
 * terminator) and where the next one starts (`next`). CRLF, bare LF and a mix of them; undefined
 * until the blank line has wholly arrived. Linear: each newline is looked at once.
 */
function findBlankLine(s: string, from: number): { at: number; next: number } | undefined {
  for (let i = s.indexOf('\n', from); i >= 0; i = s.indexOf('\n', i + 1)) {
    const c1 = s.charCodeAt(i + 1)
    const end = i > from && s.charCodeAt(i - 1) === 13 ? i - 1 : i
    if (c1 === 10) return { at: end, next: i + 2 }
    if (c1 === 13) {
      const c2 = s.charCodeAt(i + 2)
      if (c2 === 10) return { at: end, next: i + 3 }
      if (Number.isNaN(c2)) return undefined
    }
    if (Number.isNaN(c1)) return undefined
  }
  return undefined
}

function parseMessage(latin: string, offset: number): AmiFrame {
  // Bytes past ASCII are UTF-8 (caller names in Chinese): decoded only when a message has them.
  const text = NON_ASCII.test(latin) ? utf8(latin) : latin
  const headers: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (const line of lines) {
    if (line === '') continue
    const c = line.indexOf(':')
    if (c <= 0) {
      // Command output (`Response: Follows`) ends with this marker; anything else is junk.
      if (line.startsWith('--END COMMAND--')) continue
      return { kind: 'problem', problem: `not an AMI line: "${printable(line).slice(0, 80)}"`, raw: text.slice(0, 4096), offset }
    }
    const key = line.slice(0, c).trim()
    if (!/^[A-Za-z0-9_-]+$/.test(key)) return { kind: 'problem', problem: `not an AMI header name: "${printable(key).slice(0, 40)}"`, raw: text.slice(0, 4096), offset }
    headers[key] = line.slice(c + 1).replace(/^ /, '')
  }
  if (!headers.Event && !headers.Response && !headers.Action) return { kind: 'problem', problem: 'an AMI message with neither Event nor Response', raw: text.slice(0, 4096), offset }
  return { kind: 'message', message: { headers, raw: text, offset } }
}

const NON_ASCII = /[\x80-\xff]/
function utf8(latin: string): string { return Buffer.from(latin, 'latin1').toString('utf8') }
// eslint-disable-next-line no-control-regex
function printable(s: string): string { return s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?') }

/** An AMI action as bytes on the wire. */
export function amiAction(fields: Record<string, string | number | undefined>): string {
  let s = ''
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    s += `${k}: ${String(v).replace(/[\r\n]+/g, ' ')}\r\n`
  }
  return `${s}\r\n`
}
