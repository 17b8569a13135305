/**
 * Records every browser call from the moment an agent answers to its end: the media worker writes
 * the file (the customer's voice and the agent's), this starts and stops it, keeps the agent's
 * pauses, tells the agent's desk what the recording is doing, and hands each finished recording to
 * the index. A recording that fails is said (logged as an alert, shown on the desk, kept in the
 * index with its reason); the call goes on.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { RecordingRow } from '@agner/analytics'
import { AcdError, type MediaEvent, type MediaService } from '@agner/telephony'
import type { CustomerSession } from './customer-session.ts'

export interface RecorderOptions {
  media: MediaService
  /** The recordings folder; each file is `<day>/<recording id>.webm` inside it. */
  dir: string
  save: (row: RecordingRow) => void
  /** The recording's state for the agent on the call now (the desk shows it). */
  tell: (session: CustomerSession, state: RecordingState, reason?: string) => void
  alert: (msg: string) => void
}

export type RecordingState = 'on' | 'paused' | 'failed' | 'off'

interface Meta { session: CustomerSession; interactionId: string; contactId: string; agentId: string; queueId: string; path: string; failed?: string }

export class CallRecorder {
  private readonly meta = new Map<string, Meta>()
  /** Whether calls answered from now on are recorded (the benchmark compares both in one run). */
  enabled = true

  constructor(private readonly o: RecorderOptions) {}

  /** The customer's call was answered: recording starts (once per call; transfers keep the same file). */
  start(s: CustomerSession, at: { contactId: string; interactionId: string; agentId: string; queueId: string }): void {
    if (!this.enabled || !s.legId || s.recordingId) return
    const recordingId = randomUUID()
    const path = join(new Date().toISOString().slice(0, 10), `${recordingId}.webm`)
    s.recordingId = recordingId
    s.recordingPaused = false
    this.meta.set(recordingId, { session: s, ...at, path })
    this.o.media.record(s.legId, recordingId, join(this.o.dir, path)).then(
      () => this.o.tell(s, 'on'),
      (err: Error) => this.failed(recordingId, err.message),
    )
  }

  async pause(s: CustomerSession, paused: boolean): Promise<void> {
    if (!s.legId || !s.recordingId) throw new AcdError('conflict', 'This call is not being recorded.')
    const failed = this.meta.get(s.recordingId)?.failed
    if (failed) throw new AcdError('conflict', `This call is not being recorded (${failed}); there is nothing to pause.`)
    await this.o.media.pauseRecording(s.legId, paused)
    s.recordingPaused = paused
    this.o.tell(s, paused ? 'paused' : 'on')
  }

  /** The call ended: the file is closed now (the leg may stay open a moment longer). */
  stop(s: CustomerSession): void {
    if (!s.legId || !s.recordingId) return
    void this.o.media.stopRecording(s.legId).catch((err: Error) => this.o.alert(`the recording of call ${s.contactId ?? s.id} could not be closed (${err.message})`))
  }

  /** Shutting down: every recording is closed and indexed (a call cut by a restart keeps what was said). */
  async stopAll(): Promise<void> {
    const legs = [...new Set([...this.meta.values()].map((m) => m.session.legId).filter((l): l is string => !!l))]
    await Promise.all(legs.map((l) => this.o.media.stopRecording(l).catch(() => undefined)))
  }

  state(s: CustomerSession): RecordingState {
    const m = s.recordingId ? this.meta.get(s.recordingId) : undefined
    if (!m) return 'off'
    return m.failed ? 'failed' : s.recordingPaused ? 'paused' : 'on'
  }

  onMedia(e: MediaEvent): void {
    if (e.type === 'recording-failed') this.failed(e.recordingId, e.reason)
    if (e.type !== 'recorded') return
    const r = e.result
    const m = this.meta.get(r.recordingId)
    if (!m) return
    this.meta.delete(r.recordingId)
    const error = r.error ?? m.failed
    this.o.save({
      recordingId: r.recordingId, interactionId: m.interactionId, contactId: m.contactId, agentId: m.agentId, queueId: m.queueId,
      startedMs: r.startedMs, durationMs: r.durationMs, bytes: r.bytes, sha256: r.sha256, path: m.path, status: error ? 'failed' : 'recorded', error: error ?? '',
      pauses: r.pauses, packetsRelayed: r.packetsRelayed, packetsWritten: r.packetsWritten, deletedMs: 0,
    })
  }

  private failed(recordingId: string, reason: string): void {
    const m = this.meta.get(recordingId)
    if (!m || m.failed) return
    m.failed = reason
    this.o.alert(`the recording of contact ${m.contactId} failed: ${reason}. The call goes on unrecorded; free the disk or fix the recordings folder (AGNER_RECORDINGS_DIR).`)
    this.o.tell(m.session, 'failed', reason)
  }
}
