/**
 * MediaService on worker threads: the legs of one call (its group) live in one worker, so audio is
 * passed from leg to leg without leaving the thread; calls are spread over the workers. The main
 * thread (the API, the live views) only sends small requests.
 */
import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import type { RecordingResult } from './recording-file.ts'
import { MediaError, type IceCandidateInit, type LegSource, type LegStats, type MediaEvent, type MediaService, type MediaSettings } from './media-service.ts'

const REQUEST_TIMEOUT_MS = 10_000

interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

/** The worker's entry: the compiled file beside this one, or the TypeScript source through tsx. */
function spawnWorker(settings: MediaSettings): Worker {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    const entry = new URL('./media-worker.ts', here).href
    return new Worker(new URL('./ts-worker.mjs', here), { workerData: { ...settings, entry } })
  }
  return new Worker(new URL('./media-worker.js', here), { workerData: settings })
}

export class WorkerMedia implements MediaService {
  private readonly workers: Worker[] = []
  /** Each worker's thread under /proc (Linux), where its own CPU time is read. */
  private readonly threads: Array<string | undefined> = []
  private readonly pending = new Map<number, Pending>()
  private readonly legWorker = new Map<string, number>()
  private readonly groupWorker = new Map<string, { worker: number; legs: number }>()
  private readonly legGroup = new Map<string, string>()
  private readonly listeners = new Set<(e: MediaEvent) => void>()
  private seq = 0
  private stopped = false

  constructor(settings: MediaSettings, private readonly warn: (msg: string) => void = (m) => console.warn(`agner media: ${m}`)) {
    const n = Math.max(1, settings.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1)))
    for (let i = 0; i < n; i++) this.workers.push(this.start(i, settings))
  }

  private start(i: number, settings: MediaSettings): Worker {
    const w = spawnWorker(settings)
    w.unref()
    w.on('message', (msg: { id?: number; result?: unknown; error?: { code: MediaError['code']; message: string }; event?: MediaEvent; warning?: string; thread?: string }) => {
      if (msg.thread) { this.threads[i] = msg.thread; return }
      if (msg.event) { for (const l of this.listeners) l(msg.event); return }
      if (msg.warning) { this.warn(msg.warning); return }
      const p = this.pending.get(msg.id!)
      if (!p) return
      this.pending.delete(msg.id!)
      clearTimeout(p.timer)
      if (msg.error) p.reject(new MediaError(msg.error.code, msg.error.message)); else p.resolve(msg.result)
    })
    w.on('error', (err) => this.warn(`media worker ${i} failed (${err.message}); its calls lose their audio`))
    return w
  }

  private call<T>(worker: number, method: string, args: unknown[]): Promise<T> {
    if (this.stopped) return Promise.reject(new MediaError('unavailable', 'call media is shutting down'))
    const id = ++this.seq
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new MediaError('unavailable', `the media worker did not answer ${method} within ${REQUEST_TIMEOUT_MS / 1000} s`)) }, REQUEST_TIMEOUT_MS)
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.workers[worker]!.postMessage({ id, method, args })
    })
  }

  private workerOf(legId: string): number {
    const w = this.legWorker.get(legId)
    if (w === undefined) throw new MediaError('not_found', `there is no leg ${legId}; it may have ended`)
    return w
  }

  /** The least loaded worker for a new group. */
  private pickWorker(): number {
    const load = this.workers.map(() => 0)
    for (const g of this.groupWorker.values()) load[g.worker]! += g.legs
    return load.indexOf(Math.min(...load))
  }

  async open(legId: string, group: string): Promise<{ sdp: string }> {
    let g = this.groupWorker.get(group)
    if (!g) { g = { worker: this.pickWorker(), legs: 0 }; this.groupWorker.set(group, g) }
    g.legs++
    this.legWorker.set(legId, g.worker)
    this.legGroup.set(legId, group)
    try { return await this.call(g.worker, 'open', [legId]) } catch (err) { this.forget(legId); throw err }
  }

  answer(legId: string, sdp: string): Promise<void> { return this.run(legId, 'answer', [legId, sdp]) }
  candidate(legId: string, c: IceCandidateInit): Promise<void> { return this.run(legId, 'candidate', [legId, { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null }]) }
  restart(legId: string): Promise<{ sdp: string }> { return this.run(legId, 'restart', [legId]) }

  async hear(legId: string, source: LegSource): Promise<void> {
    if (source && 'leg' in source && this.legWorker.get(source.leg) !== this.legWorker.get(legId)) {
      throw new MediaError('bad_request', `legs ${legId} and ${source.leg} are not in the same call group`)
    }
    return this.run(legId, 'hear', [legId, source])
  }

  record(legId: string, recordingId: string, path: string): Promise<void> { return this.run(legId, 'record', [legId, recordingId, path]) }
  pauseRecording(legId: string, paused: boolean): Promise<void> { return this.run(legId, 'pauseRecording', [legId, paused]) }
  stopRecording(legId: string): Promise<RecordingResult | undefined> { return this.run(legId, 'stopRecording', [legId]) }

  async close(legId: string): Promise<void> {
    const w = this.legWorker.get(legId)
    if (w === undefined) return
    this.forget(legId)
    await this.call(w, 'close', [legId]).catch(() => undefined)
  }

  async stats(): Promise<LegStats[]> {
    const all = await Promise.all(this.workers.map((_, i) => this.call<LegStats[]>(i, 'stats', [])))
    return all.flat()
  }

  /**
   * Each media worker thread's CPU time so far in milliseconds and the times it was scheduled onto a
   * core (the kernel's counts for that thread alone), or undefined where they cannot be read (not
   * Linux, worker not started).
   */
  threadCpu(): Array<{ ms: number; runs: number } | undefined> {
    return this.workers.map((_, i) => {
      const t = this.threads[i]
      if (!t) return undefined
      try {
        const [ns, , runs] = readFileSync(`${t}/schedstat`, 'utf8').split(' ')
        return { ms: Number(ns) / 1e6, runs: Number(runs) }
      } catch { return undefined }
    })
  }

  onEvent(listener: (e: MediaEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((_, i) => this.call(i, 'stop', []).catch(() => undefined)))
    this.stopped = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private run<T>(legId: string, method: string, args: unknown[]): Promise<T> {
    try { return this.call<T>(this.workerOf(legId), method, args) } catch (err) { return Promise.reject(err as Error) }
  }

  private forget(legId: string): void {
    this.legWorker.delete(legId)
    const group = this.legGroup.get(legId)
    this.legGroup.delete(legId)
    const g = group ? this.groupWorker.get(group) : undefined
    if (g && --g.legs <= 0) this.groupWorker.delete(group!)
  }
}
