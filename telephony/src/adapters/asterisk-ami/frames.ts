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
    // Most streams are plain ASCII: checked once per read, not per message.
    const ascii = !NON_ASCII.test(this.pending)
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
      out.push(parseMessage(text, at, ascii))
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

// Hot on a busy AMI stream and on `agner convert` of a capture (hundreds of thousands of messages a
// second): one pass over the message by index, two substrings per header, no per-line arrays or
// regular expressions.
function parseMessage(latin: string, offset: number, ascii: boolean): AmiFrame {
  // Bytes past ASCII are UTF-8 (caller names in Chinese): decoded only when a message has them.
  const text = ascii || !NON_ASCII.test(latin) ? latin : utf8(latin)
  const headers: Record<string, string> = {}
  const n = text.length
  for (let i = 0; i < n;) {
    const nl = text.indexOf('\n', i)
    // A line ends at LF, CRLF or the end of the message.
    const end = nl < 0 ? n : nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
    const next = nl < 0 ? n : nl + 1
    if (end > i) {
      const c = text.indexOf(':', i)
      if (c <= i || c >= end) {
        // Command output (`Response: Follows`) ends with this marker; anything else is junk.
        if (!text.startsWith('--END COMMAND--', i)) {
          return { kind: 'problem', problem: `not an AMI line: "${printable(text.slice(i, end)).slice(0, 80)}"`, raw: text.slice(0, 4096), offset }
        }
      } else {
        const key = headerName(text, i, c)
        if (key === undefined) return { kind: 'problem', problem: `not an AMI header name: "${printable(text.slice(i, c).trim()).slice(0, 40)}"`, raw: text.slice(0, 4096), offset }
        // One space after the colon is the separator; anything past it is the value.
        headers[key] = text.slice(text.charCodeAt(c + 1) === 32 && c + 1 < end ? c + 2 : c + 1, end)
      }
    }
    i = next
  }
  if (!headers.Event && !headers.Response && !headers.Action) return { kind: 'problem', problem: 'an AMI message with neither Event nor Response', raw: text.slice(0, 4096), offset }
  return { kind: 'message', message: { headers, raw: text, offset } }
}

/** Space, tab and the other ASCII whitespace `trim()` drops. */
const isBlank = (ch: number): boolean => ch === 32 || (ch >= 9 && ch <= 13)

/** The header name in text[from, to), spaces around it dropped, if it is one (letters, digits, `_`, `-`). */
function headerName(text: string, from: number, to: number): string | undefined {
  while (from < to && isBlank(text.charCodeAt(from))) from++
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--
  if (from === to) return undefined
  // The few dozen names a PBX sends come back as the same strings, already used as property
  // names, instead of a new substring per header that the engine would have to look up again.
  const slot = ((to - from) * 31 + text.charCodeAt(from) * 7 + text.charCodeAt(to - 1)) & (KNOWN_NAMES.length - 1)
  const known = KNOWN_NAMES[slot]
  if (known !== undefined && known.length === to - from && text.startsWith(known, from)) return known
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i)
    if (!((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 45)) return undefined
  }
  const name = text.slice(from, to)
  KNOWN_NAMES[slot] = name
  return name
}

/** Header names seen, by a hash of their length and first and last letters (a name that collides replaces the other). */
const KNOWN_NAMES: Array<string | undefined> = new Array<string | undefined>(1024).fill(undefined)

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
