/**
 * What `agner import` says while it runs (a year of queue_log takes minutes): which file, how many
 * lines and events so far, how much of the input is read, how fast, and about how long is left.
 * The line is made by a pure function; the reporter only decides when to write it: on a terminal it
 * is rewritten in place every second, into a log a new line every 10 s.
 */
import { basename } from 'node:path'
import { spokenDuration } from '@agner/analytics'

export interface ImportPoint {
  file: string
  /** 1-based. */
  fileIndex: number
  files: number
  /** Bytes of input read so far over all files (compressed bytes for a gzipped file) and in all. */
  bytesDone: number
  bytesTotal: number
  lines: number
  events: number
  elapsedMs: number
}

const n = (x: number): string => x.toLocaleString('en')

export function progressLine(p: ImportPoint): string {
  const share = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1
  // The rate and the time left are said only once there is a second to go on.
  const settled = p.elapsedMs >= 1000
  const perSec = settled ? `, ${n(Math.round(p.lines / (p.elapsedMs / 1000)))} lines/s` : ''
  const left = settled && share > 0 && share < 1 ? `, about ${spokenDuration((p.elapsedMs * (1 - share)) / share, 'en')} left` : ''
  const where = p.files > 1 ? `${basename(p.file)} (file ${p.fileIndex} of ${p.files})` : basename(p.file)
  return `importing ${where}: ${n(p.lines)} lines, ${n(p.events)} events, ${Math.floor(share * 100)} % read${perSec}${left}`
}

export interface ProgressOptions {
  /** Where the lines go (stderr by default). */
  write?: (text: string) => void
  /** Rewrite one line in place (a terminal) or write a line each time. */
  inPlace?: boolean
  everyMs?: number
}

/** Writes progressLine at most every `everyMs`; `done()` ends an in-place line before the summary. */
export class ImportProgress {
  private readonly write: (text: string) => void
  private readonly inPlace: boolean
  private readonly everyMs: number
  private readonly started = performance.now()
  private last = -Infinity
  private shown = false

  constructor(o: ProgressOptions = {}) {
    this.write = o.write ?? ((t) => { process.stderr.write(t) })
    this.inPlace = o.inPlace ?? process.stderr.isTTY === true
    this.everyMs = o.everyMs ?? (this.inPlace ? 1000 : 10_000)
  }

  /** Called as input is read; says where the import is when it is time to. */
  at(p: Omit<ImportPoint, 'elapsedMs'>): void {
    const now = performance.now()
    if (now - this.last < this.everyMs) return
    this.last = now
    const line = progressLine({ ...p, elapsedMs: now - this.started })
    this.write(this.inPlace ? `\r${line}\u001b[K` : `${line}\n`)
    this.shown = true
  }

  /** A step after the reading (the rollups), on a line of its own. */
  say(text: string): void {
    this.done()
    this.write(`${text}\n`)
  }

  done(): void {
    if (this.inPlace && this.shown) this.write('\n')
    this.shown = false
  }
}
