/**
 * Follows /var/log/asterisk/queue_log (the edge): reads what was appended, follows a rotation
 * (rename + new file: the old file is read to its end first) and a truncation (read again from 0),
 * waits for a partial last line's newline, and keeps its read position in a state file written
 * only after the events of the lines read were handed on — a restart neither loses nor repeats a
 * line. A restart that finds the file rotated meanwhile finishes the rotated file (`queue_log.1`,
 * `queue_log-20261206` …) first. Lines that are not queue_log, or longer than 1 MB, are reported
 * with file and byte offset; their neighbours go on.
 */
import { readdirSync, readFileSync, renameSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { CanonicalEvent } from '@agner/events'
import type { Sentence } from '@agner/events/sentences'
import { sayings, type SourceState } from '../edge/source-state.ts'
import type { QueueLogMapper } from './map.ts'
import { parseQueueLogLine } from './parse-line.ts'

export interface QueueLogTailOptions {
  path: string
  /** Where the read position is kept between runs. */
  stateFile: string
  mapper: QueueLogMapper
  /** Resolves once the events are safely handed on (published); only then the position moves. */
  onEvents: (events: CanonicalEvent[]) => Promise<void>
  onProblem: (p: { reason: string; raw: string; offset: number; file: string }) => void
  onState: (s: SourceState) => void
  pollMs?: number
  maxLineBytes?: number
  now?: () => number
}

/** Where reading stopped, and the file's first bytes (a file truncated and rewritten to the same size is told apart by them). */
interface Position { ino: number; offset: number; head?: string }
const CHUNK = 1 << 20

export class QueueLogTail {
  linesRead = 0
  state: SourceState
  private fh: FileHandle | undefined
  private pos: Position | undefined
  private carry = Buffer.alloc(0)
  private skipping = false
  private timer: NodeJS.Timeout | undefined
  private watcher: FSWatcher | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = true
  private readonly now: () => number

  constructor(private readonly o: QueueLogTailOptions) {
    this.now = o.now ?? Date.now
    this.state = { phase: 'connecting', said: sayings('following', { path: o.path }), since: this.now() }
  }

  start(): void {
    this.stopped = false
    const poll = (): void => { void this.step(); this.timer = setTimeout(poll, this.o.pollMs ?? 500); this.timer.unref() }
    poll()
    try {
      this.watcher = watch(dirname(this.o.path), (_e, name) => { if (!name || String(name).startsWith(basename(this.o.path))) void this.step() })
      this.watcher.on('error', () => undefined)
    } catch { /* polling alone still follows the file */ }
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    this.watcher?.close()
    await this.running
    await this.fh?.close().catch(() => undefined)
    this.fh = undefined
    this.setState({ phase: 'stopped', said: sayings('disabled'), since: this.now() })
  }

  /** Reads whatever is new now (one pass at a time; a call during a pass asks for another). */
  step(): Promise<void> {
    if (this.running) { this.again = true; return this.running }
    this.running = (async () => {
      do { this.again = false; await this.pass() } while (this.again && !this.stopped)
    })().finally(() => { this.running = undefined })
    return this.running
  }

  private async pass(): Promise<void> {
    if (this.stopped) return
    let st
    try {
      st = statSync(this.o.path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      this.problem(code === 'ENOENT' ? sayings('fileMissing', { path: this.o.path }) : this.unreadable(err))
      return
    }
    try {
      if (!this.fh) await this.openCurrent(st.ino)
      else if (st.ino !== this.pos!.ino) {
        // Rotated: finish the old file (still open), then start the new one from its first byte.
        await this.drain()
        await this.fh.close()
        this.fh = await open(this.o.path, 'r')
        this.pos = { ino: st.ino, offset: 0 }
        this.carry = Buffer.alloc(0)
        this.save()
      } else if (st.size < this.pos!.offset || !(await this.sameHead())) {
        // Truncated (copytruncate): read again from the start.
        this.pos = { ino: st.ino, offset: 0 }
        this.carry = Buffer.alloc(0)
        this.save()
      }
      // Following the file from here: say so before its lines are read (they are published while reading).
      if (this.state.phase !== 'connected') this.setState({ phase: 'connected', said: sayings('following', { path: this.o.path }), since: this.now() })
      await this.drain()
    } catch (err) {
      await this.fh?.close().catch(() => undefined)
      this.fh = undefined
      this.problem(this.unreadable(err))
    }
  }

  /** Why the file cannot be read, and what to do: a permission to give, or a path to check (a directory, a broken link). */
  private unreadable(err: unknown): Sentence {
    const code = (err as NodeJS.ErrnoException).code
    return code === 'EACCES' || code === 'EPERM'
      ? sayings('fileDenied', { path: this.o.path })
      : sayings('fileUnreadable', { path: this.o.path, message: (err as Error).message })
  }

  /** Whether the file still starts with the bytes it started with when the position was taken. */
  private async sameHead(): Promise<boolean> {
    const pos = this.pos!
    if (!pos.head || pos.offset === 0) return true
    const want = Buffer.from(pos.head, 'base64')
    const got = Buffer.alloc(want.length)
    const { bytesRead } = await this.fh!.read(got, 0, want.length, 0)
    return bytesRead === want.length && got.equals(want)
  }

  private async openCurrent(ino: number): Promise<void> {
    const saved = this.load()
    if (saved && saved.ino !== ino) {
      // Rotated while Agner was away: finish the rotated file first.
      const rotated = this.findByIno(saved.ino)
      if (rotated) {
        this.fh = await open(rotated, 'r')
        this.pos = saved
        await this.drain()
        await this.fh.close()
      }
    }
    this.fh = await open(this.o.path, 'r')
    const size = (await this.fh.stat()).size
    this.pos = saved && saved.ino === ino && saved.offset <= size ? saved : { ino, offset: 0 }
    this.carry = Buffer.alloc(0)
  }

  private findByIno(ino: number): string | undefined {
    const dir = dirname(this.o.path)
    const base = basename(this.o.path)
    for (const name of readdirSync(dir)) {
      if (name === base || !name.startsWith(base) || name.endsWith('.gz')) continue
      try { if (statSync(join(dir, name)).ino === ino) return join(dir, name) } catch { /* gone meanwhile */ }
    }
    return undefined
  }

  /** Reads from the kept position to the end, line by line, handing events on per chunk. */
  private async drain(): Promise<void> {
    const fh = this.fh!
    const pos = this.pos!
    const max = this.o.maxLineBytes ?? CHUNK
    const buf = Buffer.alloc(CHUNK)
    for (;;) {
      const readAt = pos.offset + this.carry.length
      const { bytesRead } = await fh.read(buf, 0, CHUNK, readAt)
      if (bytesRead === 0) return
      let data = this.carry.length ? Buffer.concat([this.carry, buf.subarray(0, bytesRead)]) : Buffer.from(buf.subarray(0, bytesRead))
      let start = 0
      let lineAt = pos.offset
      const events: CanonicalEvent[] = []
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        const line = data.subarray(start, nl)
        if (this.skipping) this.skipping = false
        else if (line.length > max) this.o.onProblem({ reason: `a line of ${line.length} bytes (over ${max}); skipped`, raw: line.subarray(0, 512).toString('utf8'), offset: lineAt, file: this.o.path })
        else this.line(line.toString('utf8'), lineAt, events)
        lineAt += nl + 1 - start
        start = nl + 1
      }
      data = data.subarray(start)
      if (data.length > max) {
        this.o.onProblem({ reason: `a line longer than ${max} bytes without its end; skipped`, raw: data.subarray(0, 512).toString('utf8'), offset: lineAt, file: this.o.path })
        lineAt += data.length
        data = Buffer.alloc(0)
        this.skipping = true
      }
      if (events.length > 0) await this.o.onEvents(events)
      if (readAt === 0) pos.head = buf.subarray(0, Math.min(64, bytesRead)).toString('base64')
      pos.offset = lineAt
      this.carry = Buffer.from(data)
      this.save()
    }
  }

  private line(text: string, offset: number, out: CanonicalEvent[]): void {
    if (text.trim() === '') return
    this.linesRead++
    const p = parseQueueLogLine(text)
    if (!p.ok) { this.o.onProblem({ reason: p.problem, raw: text.slice(0, 4096), offset, file: this.o.path }); return }
    out.push(...this.o.mapper.map(p.line, text))
  }

  private load(): Position | undefined {
    try {
      const p = JSON.parse(readFileSync(this.o.stateFile, 'utf8')) as Position
      return Number.isInteger(p.ino) && Number.isInteger(p.offset) && p.offset >= 0 ? { ino: p.ino, offset: p.offset, ...(typeof p.head === 'string' ? { head: p.head } : {}) } : undefined
    } catch { return undefined }
  }

  private save(): void {
    if (!this.pos) return
    const tmp = `${this.o.stateFile}.tmp`
    writeFileSync(tmp, JSON.stringify(this.pos))
    renameSync(tmp, this.o.stateFile)
  }

  private problem(said: SourceState['said']): void {
    if (this.state.problem?.text.en !== said.text.en) this.setState({ phase: 'error', said, problem: said, since: this.now() })
  }

  private setState(s: SourceState): void { this.state = s; this.o.onState(s) }
}
