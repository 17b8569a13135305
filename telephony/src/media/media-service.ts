/**
 * The call media interface: WebRTC legs between Agner and a browser (a customer's widget, an agent's
 * desk), and what each leg hears. A leg is one peer connection carrying one Opus audio stream each
 * way; the server makes the offer. The ACD decides the call states; whoever drives the media only
 * tells each leg what to hear. Implemented by WorkerMedia (werift in worker threads).
 */

import type { RecordingResult } from './recording-file.ts'

export interface IceServer { urls: string | string[]; username?: string; credential?: string }

export interface MediaSettings {
  iceServers: IceServer[]
  /** UDP ports for media, inclusive; unset: any free port. */
  portRange?: [number, number]
  /** The address announced to browsers besides the machine's own (the public address behind NAT). */
  announcedAddress?: string
  /** Folder of the Ogg Opus prompts and music (`<name>.ogg`). */
  audioDir: string
  /** Prompts uploaded in the app, looked up before `audioDir`. */
  promptsDir?: string
  /** Worker threads running legs; a call's legs share one. */
  workers?: number
}

/** What a leg hears: another leg's voice, audio files played in turn (then `loop` repeated), or silence. */
export type LegSource = { leg: string } | { play: string[]; loop?: string } | null

export type LegState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed'

export interface IceCandidateInit { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }

export type MediaEvent =
  | { type: 'state'; legId: string; state: LegState }
  /** The first audio packet sent to the leg's browser since its source last changed to another leg. */
  | { type: 'first-audio-out'; legId: string; at: number }
  /** The files of a `play` source have all been played (a prompt ended). */
  | { type: 'played'; legId: string }
  /** A recording's file could not be written (the call goes on); `reason` says why. */
  | { type: 'recording-failed'; legId: string; recordingId: string; reason: string }
  /** A recording ended (stopped, or its leg closed): where it is, its length, size, checksum and pauses. */
  | { type: 'recorded'; legId: string; result: RecordingResult }

/**
 * A leg's counters. `rtp` says which path carries its packets: `direct` (direct-rtp.ts, once
 * connected) or `werift` (before, or for a connection the direct path does not serve);
 * `packetsRefused` counts packets that failed SRTP authentication or were malformed.
 */
export interface LegStats { legId: string; state: LegState; packetsIn: number; packetsOut: number; bytesIn: number; bytesOut: number; rtp: 'direct' | 'werift'; packetsRefused: number }

export interface MediaService {
  /** Opens a leg in `group` (the legs of one call: they share a worker); resolves the server's offer. */
  open(legId: string, group: string): Promise<{ sdp: string }>
  /** The browser's answer to the last offer. */
  answer(legId: string, sdp: string): Promise<void>
  candidate(legId: string, candidate: IceCandidateInit): Promise<void>
  /** A new connection and offer for the leg, after the browser's network changed (the browser answers with a new peer connection). */
  restart(legId: string): Promise<{ sdp: string }>
  hear(legId: string, source: LegSource): Promise<void>
  /** Records the leg's call to `path` (WebM/Opus: track 1 what the leg's browser sends, track 2 the leg it hears). */
  record(legId: string, recordingId: string, path: string): Promise<void>
  pauseRecording(legId: string, paused: boolean): Promise<void>
  /** Ends the recording (closing the leg does too); resolves what was written. */
  stopRecording(legId: string): Promise<RecordingResult | undefined>
  close(legId: string): Promise<void>
  stats(): Promise<LegStats[]>
  onEvent(listener: (e: MediaEvent) => void): () => void
  stop(): Promise<void>
}

/** Refused input (malformed SDP, an unknown leg): the sentence says what was wrong. */
export class MediaError extends Error {
  constructor(readonly code: 'bad_request' | 'not_found' | 'unavailable', message: string) { super(message) }
}
