/**
 * The FreeSWITCH event socket byte stream → frames (mod_event_socket): `Key: Value\n` headers, a
 * blank line, then `Content-Length` bytes of body when that header is present. Content types:
 * `auth/request`, `command/reply` (`Reply-Text`), `api/response`, `text/event-json`,
 * `text/event-plain` (URL-encoded `Key: Value` lines, a body of its own after a blank line),
 * `text/disconnect-notice`, `text/rude-rejection`. Pure and incremental, like the AMI reader.
 */
export interface EslFrame { headers: Record<string, string>; body: string; offset: number }

export type EslRead = { kind: 'frame'; frame: EslFrame } | { kind: 'problem'; problem: string; raw: string; offset: number }

const DEFAULT_MAX = 4 * 1024 * 1024

export class EslFrameReader {
  private buf = Buffer.alloc(0)
  private offset = 0
  private pendingHead: { headers: Record<string, string>; length: number; offset: number } | undefined
  constructor(private readonly max = DEFAULT_MAX) {}

  push(chunk: Buffer | string): EslRead[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, Buffer.from(chunk)])
    const out: EslRead[] = []
    for (;;) {
      if (this.pendingHead) {
        const h = this.pendingHead
        if (this.buf.length < h.length) break
        const body = this.buf.subarray(0, h.length).toString('utf8')
        this.consume(h.length)
        this.pendingHead = undefined
        out.push({ kind: 'frame', frame: { headers: h.headers, body, offset: h.offset } })
        continue
      }
      // Leading blank lines between frames are tolerated.
      while (this.buf.length > 0 && (this.buf[0] === 0x0a || this.buf[0] === 0x0d)) this.consume(1)
      const end = this.buf.indexOf('\n\n')
      if (end < 0) {
        if (this.buf.length > 64 * 1024) {
          out.push({ kind: 'problem', problem: 'a frame header longer than 64 KiB without a blank line; dropped', raw: this.buf.subarray(0, 512).toString('utf8'), offset: this.offset })
          this.consume(this.buf.length)
        }
        break
      }
      const at = this.offset
      const text = this.buf.subarray(0, end).toString('utf8')
      this.consume(end + 2)
      const parsed = parseHeaderLines(text, false)
      if (!parsed.ok) { out.push({ kind: 'problem', problem: parsed.problem, raw: text.slice(0, 4096), offset: at }); continue }
      const len = parsed.headers['Content-Length']
      if (len === undefined) { out.push({ kind: 'frame', frame: { headers: parsed.headers, body: '', offset: at } }); continue }
      const n = Number(len)
      if (!Number.isInteger(n) || n < 0) { out.push({ kind: 'problem', problem: `Content-Length "${len.slice(0, 20)}" is not a byte count`, raw: text.slice(0, 4096), offset: at }); continue }
      if (n > this.max) {
        out.push({ kind: 'problem', problem: `a frame body of ${n} bytes is over the ${this.max}-byte limit; the connection cannot be followed and is reset`, raw: text.slice(0, 4096), offset: at })
        this.consume(this.buf.length)
        break
      }
      this.pendingHead = { headers: parsed.headers, length: n, offset: at }
    }
    return out
  }

  /** The connection closed: a frame cut in the middle is reported. */
  end(): EslRead[] {
    const cut = this.pendingHead !== undefined || this.buf.toString('utf8').trim() !== ''
    const r: EslRead[] = cut ? [{ kind: 'problem', problem: 'the connection closed in the middle of a frame (truncated)', raw: this.buf.subarray(0, 4096).toString('utf8'), offset: this.offset }] : []
    this.buf = Buffer.alloc(0)
    this.pendingHead = undefined
    return r
  }

  private consume(n: number): void { this.buf = this.buf.subarray(n); this.offset += n }
}

export function parseHeaderLines(text: string, urlEncoded: boolean): { ok: true; headers: Record<string, string> } | { ok: false; problem: string } {
  const headers: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '')
    if (l === '') continue
    const c = l.indexOf(': ')
    if (c <= 0) return { ok: false, problem: `not an event-socket header line: "${l.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')}"` }
    const v = l.slice(c + 2)
    headers[l.slice(0, c)] = urlEncoded ? safeDecode(v) : v
  }
  return { ok: true, headers }
}

function safeDecode(v: string): string {
  try { return decodeURIComponent(v.replace(/\+/g, '%20')) } catch { return v }
}

/** The event a frame carries, as flat headers (json and plain framing alike), or why it has none. */
export function eslEventOf(f: EslFrame): { ok: true; event: Record<string, string> } | { ok: false; problem: string } | undefined {
  const type = f.headers['Content-Type']
  if (type === 'text/event-json') {
    let parsed: unknown
    try { parsed = JSON.parse(f.body) } catch { return { ok: false, problem: 'a text/event-json frame whose body is not JSON' } }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'a text/event-json frame whose body is not an object' }
    const event: Record<string, string> = {}
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) event[k] = typeof v === 'string' ? v : JSON.stringify(v)
    return { ok: true, event }
  }
  if (type === 'text/event-plain') {
    const blank = f.body.indexOf('\n\n')
    const head = blank < 0 ? f.body : f.body.slice(0, blank)
    const p = parseHeaderLines(head, true)
    if (!p.ok) return p
    if (blank >= 0 && p.headers['Content-Length']) p.headers._body = f.body.slice(blank + 2)
    return { ok: true, event: p.headers }
  }
  return undefined
}

/** An ESL command as bytes on the wire. */
export function eslCommand(line: string): string { return `${line.replace(/[\r\n]+/g, ' ')}\n\n` }
