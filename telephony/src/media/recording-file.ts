/**
 * One call's recording on disk, written by the media worker as packets pass: blocks are buffered
 * and appended in batches (every 64 KB or second), a pause skips packets and is kept as a marked
 * stretch, and the end writes the duration into the header and the checksum. A file that cannot
 * be written (disk full, no permission) fails once, with the reason; the call is untouched.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { WebmMuxer, type RecordingTrack } from './webm-muxer.ts'

const FLUSH_BYTES = 64 * 1024
const FLUSH_MS = 1_000

export interface RecordingPause { startMs: number; endMs: number }

export interface RecordingResult {
  recordingId: string
  path: string
  /** Wall-clock start (Unix ms) and length: the talk from connect to the end. */
  startedMs: number
  durationMs: number
  bytes: number
  sha256: string
  /** Packets that arrived while recording (not paused), and those on disk: equal unless the file failed. */
  packetsRelayed: number
  packetsWritten: number
  pauses: RecordingPause[]
  /** Why the file could not be written; what was written before stays. */
  error?: string
}

export class RecordingFile {
  private readonly mux = new WebmMuxer()
  private readonly t0 = performance.now()
  private readonly startedMs = Date.now()
  private chunks: Buffer[] = []
  private chunkBytes = 0
  private chunkPackets = 0
  private file?: FileHandle
  private writing: Promise<void>
  private timer?: NodeJS.Timeout
  private pausedAt?: number
  private readonly pauses: RecordingPause[] = []
  private relayed = 0
  private written = 0
  private error?: string

  constructor(readonly recordingId: string, readonly path: string, private readonly onFail: (reason: string) => void) {
    this.writing = this.openFile()
  }

  get failed(): boolean { return this.error !== undefined }
  get paused(): boolean { return this.pausedAt !== undefined }

  /** A packet one party sent (track 1 the customer, 2 the agent), timed as it arrives. */
  write(track: RecordingTrack, payload: Buffer): void {
    if (this.pausedAt !== undefined || this.error !== undefined) return
    this.relayed++
    for (const b of this.mux.block(track, performance.now() - this.t0, payload)) { this.chunks.push(b); this.chunkBytes += b.length }
    this.chunkPackets++
    if (this.chunkBytes >= FLUSH_BYTES) this.flush()
    else this.timer ??= setTimeout(() => { this.timer = undefined; this.flush() }, FLUSH_MS)
  }

  pause(on: boolean): void {
    const now = performance.now() - this.t0
    if (on && this.pausedAt === undefined) this.pausedAt = now
    else if (!on && this.pausedAt !== undefined) { this.pauses.push({ startMs: Math.round(this.pausedAt), endMs: Math.round(now) }); this.pausedAt = undefined }
  }

  async finish(): Promise<RecordingResult> {
    const durationMs = Math.round(performance.now() - this.t0)
    if (this.pausedAt !== undefined) this.pause(false)
    clearTimeout(this.timer)
    this.flush()
    await this.writing
    let bytes = 0
    let sha256 = ''
    if (this.file) {
      try {
        if (this.error === undefined) await this.file.write(this.mux.header(durationMs), 0, undefined, 0)
      } catch (err) { this.fail(err as Error) }
      await this.file.close().catch(() => undefined)
      // A failed file is not measured: what it holds is cut short (and a device such as /dev/full never ends).
      if (this.error === undefined) {
        try { bytes = (await stat(this.path)).size; sha256 = await hashOf(this.path) } catch (err) { this.fail(err as Error) }
      }
    }
    return {
      recordingId: this.recordingId, path: this.path, startedMs: this.startedMs, durationMs, bytes, sha256,
      packetsRelayed: this.relayed, packetsWritten: this.written, pauses: this.pauses, ...(this.error !== undefined ? { error: this.error } : {}),
    }
  }

  private async openFile(): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true })
      this.file = await open(this.path, 'w')
      await this.file.write(this.mux.header(0))
    } catch (err) { this.fail(err as Error) }
  }

  private flush(): void {
    if (this.chunks.length === 0) return
    const data = Buffer.concat(this.chunks)
    const packets = this.chunkPackets
    this.chunks = []; this.chunkBytes = 0; this.chunkPackets = 0
    this.writing = this.writing.then(async () => {
      if (this.error !== undefined || !this.file) return
      try { await this.file.write(data); this.written += packets } catch (err) { this.fail(err as Error) }
    })
  }

  private fail(err: Error & { code?: string }): void {
    if (this.error !== undefined) return
    this.error = describe(err)
    this.chunks = []; this.chunkBytes = 0
    this.onFail(this.error)
  }
}

/** The reason a file failed, in words a person can act on. */
function describe(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'ENOSPC': return 'the disk is full'
    case 'EACCES': case 'EPERM': return 'no permission to write the recordings folder'
    case 'EROFS': return 'the recordings folder is read-only'
    case 'ENOENT': case 'ENOTDIR': case 'EEXIST': return 'the recordings folder does not exist and could not be made'
    default: return err.message
  }
}

function hashOf(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256')
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject)
  })
}
