/**
 * The werift side of call media, run inside a worker thread (media-worker.ts): one peer connection
 * per leg, Opus passed through untouched from the leg a browser hears to its outgoing stream, and
 * prompts and music sent from Ogg Opus files on a 10 ms tick. No transcoding, no mixing: a browser
 * that must hear two parties gets two legs and mixes them itself.
 */
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift'
import { AudioLibrary } from './audio-library.ts'
import { DirectRtp } from './direct-rtp.ts'
import { RtpOut } from './rtp-out.ts'
import { MediaError, type IceCandidateInit, type LegSource, type LegState, type LegStats, type MediaEvent, type MediaSettings } from './media-service.ts'
import type { OpusPacket } from './ogg-opus.ts'
import { RecordingFile, type RecordingResult } from './recording-file.ts'
import { AGENT_TRACK, CUSTOMER_TRACK } from './webm-muxer.ts'

const GATHER_TIMEOUT_MS = 3_000
const MAX_SDP = 20_000

interface Playback { queue: OpusPacket[][]; loop?: OpusPacket[]; index: number; nextAt: number }

class Leg {
  state: LegState = 'new'
  source: LegSource = null
  playback?: Playback
  readonly out = new RtpOut()
  readonly listeners = new Set<Leg>()
  payloadType = 111
  packetsIn = 0; packetsOut = 0; bytesIn = 0; bytesOut = 0
  awaitingFirst = false
  /** On a customer's leg: the call's recording (what they say, and the agent leg they hear). */
  recording?: RecordingFile
  /** The connected leg's RTP on the direct path (direct-rtp.ts); unset, werift's path carries it. */
  direct?: DirectRtp
  constructor(readonly id: string, public pc: RTCPeerConnection, public transceiver: RTCRtpTransceiver) {}
}

export class MediaEngine {
  private readonly legs = new Map<string, Leg>()
  private readonly audio: AudioLibrary
  /** The 10 ms playback tick, running only while some leg plays a file (an idle worker sleeps). */
  private tick?: NodeJS.Timeout

  constructor(private readonly settings: MediaSettings, private readonly emit: (e: MediaEvent) => void, private readonly warn: (msg: string) => void = () => undefined) {
    this.audio = new AudioLibrary(settings.promptsDir ? [settings.promptsDir, settings.audioDir] : [settings.audioDir])
  }

  async open(legId: string): Promise<{ sdp: string }> {
    if (this.legs.has(legId)) throw new MediaError('bad_request', `leg ${legId} is already open`)
    const { pc, transceiver } = this.peer()
    const leg = new Leg(legId, pc, transceiver)
    this.legs.set(legId, leg)
    this.watch(leg)
    return { sdp: await this.offer(leg) }
  }

  /**
   * The browser's network changed (or its page reloaded): the leg gets a new peer connection and a
   * new offer, and keeps what it hears, who hears it and its outgoing numbering. (A new connection,
   * not an ICE restart of the old one: werift 0.24 keeps sending on the old path after a restart.)
   */
  async restart(legId: string): Promise<{ sdp: string }> {
    const leg = this.leg(legId)
    const old = leg.pc
    const { pc, transceiver } = this.peer()
    leg.pc = pc
    leg.transceiver = transceiver
    leg.direct?.detach()
    leg.direct = undefined
    this.watch(leg)
    void old.close().catch(() => undefined)
    leg.state = 'new'
    this.setState(leg, 'connecting')
    return { sdp: await this.offer(leg) }
  }

  private peer(): { pc: RTCPeerConnection; transceiver: RTCRtpTransceiver } {
    const pc = new RTCPeerConnection({
      iceServers: this.settings.iceServers.map((s) => ({ urls: Array.isArray(s.urls) ? s.urls[0]! : s.urls, username: s.username, credential: s.credential })),
      ...(this.settings.portRange ? { icePortRange: this.settings.portRange } : {}),
      ...(this.settings.announcedAddress ? { iceAdditionalHostAddresses: [this.settings.announcedAddress] } : {}),
      codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })], video: [] },
    })
    return { pc, transceiver: pc.addTransceiver('audio', { direction: 'sendrecv' }) }
  }

  /** Follows the leg's current connection (a replaced one is ignored). */
  private watch(leg: Leg): void {
    const { pc, transceiver } = leg
    pc.connectionStateChange.subscribe((s) => {
      if (leg.pc !== pc) return
      if (s === 'connected' && !leg.direct) leg.direct = DirectRtp.attach(pc, transceiver, (payload, timestamp, marker) => { if (leg.pc === pc) this.received(leg, payload, timestamp, marker) })
      this.setState(leg, s === 'new' ? 'connecting' : s)
    })
    transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => { if (leg.pc === pc) this.received(leg, rtp.payload, rtp.header.timestamp, rtp.header.marker) })
    })
  }

  async answer(legId: string, sdp: string): Promise<void> {
    const leg = this.leg(legId)
    checkSdp(sdp)
    try { await leg.pc.setRemoteDescription({ type: 'answer', sdp }) } catch (err) {
      throw new MediaError('bad_request', `the answer could not be used (${(err as Error).message})`)
    }
    if (leg.state === 'new') this.setState(leg, 'connecting')
  }

  async candidate(legId: string, c: IceCandidateInit): Promise<void> {
    const leg = this.leg(legId)
    if (typeof c.candidate !== 'string' || c.candidate.length > 512) throw new MediaError('bad_request', 'an ICE candidate must be a string of at most 512 characters')
    if (c.candidate === '') return // end of candidates
    if (!/^(a=)?candidate:\S+ \d+ (udp|tcp) \d+ \S+ \d+ typ \w+/i.test(c.candidate)) throw new MediaError('bad_request', `"${c.candidate.slice(0, 80)}" is not an ICE candidate line`)
    try { await leg.pc.addIceCandidate({ candidate: c.candidate, sdpMid: c.sdpMid ?? undefined, sdpMLineIndex: c.sdpMLineIndex ?? undefined }) } catch (err) {
      throw new MediaError('bad_request', `the ICE candidate could not be used (${(err as Error).message})`)
    }
  }

  hear(legId: string, source: LegSource): void {
    const leg = this.leg(legId)
    if (leg.source && 'leg' in leg.source) this.legs.get(leg.source.leg)?.listeners.delete(leg)
    leg.source = source
    leg.playback = undefined
    leg.out.switchSource()
    if (!source) return
    if ('leg' in source) {
      const from = this.legs.get(source.leg)
      if (!from) throw new MediaError('not_found', `there is no leg ${source.leg} to hear`)
      from.listeners.add(leg)
      leg.awaitingFirst = true
      return
    }
    const warn = (m: string) => this.warn(m)
    leg.playback = { queue: source.play.map((n) => this.audio.get(n, warn)), ...(source.loop ? { loop: this.audio.get(source.loop, warn) } : {}), index: 0, nextAt: Date.now() }
    this.tick ??= setInterval(() => this.playDue(Date.now()), 10)
  }

  /** Starts recording the leg's call: what its browser sends (track 1) and what it hears from another leg (track 2). */
  record(legId: string, recordingId: string, path: string): void {
    const leg = this.leg(legId)
    if (leg.recording) throw new MediaError('bad_request', `leg ${legId} is already being recorded`)
    leg.recording = new RecordingFile(recordingId, path, (reason) => this.emit({ type: 'recording-failed', legId, recordingId, reason }))
  }

  /** Pauses or resumes the leg's recording (sensitive details: nothing is written while paused). */
  pauseRecording(legId: string, paused: boolean): void {
    const r = this.leg(legId).recording
    if (!r) throw new MediaError('not_found', `leg ${legId} is not being recorded`)
    r.pause(paused)
  }

  /** Ends the leg's recording; the result is also sent as a `recorded` event. */
  async stopRecording(legId: string): Promise<RecordingResult | undefined> {
    const leg = this.legs.get(legId)
    const r = leg?.recording
    if (!leg || !r) return undefined
    leg.recording = undefined
    const result = await r.finish()
    this.emit({ type: 'recorded', legId, result })
    return result
  }

  async close(legId: string): Promise<void> {
    const leg = this.legs.get(legId)
    if (!leg) return
    await this.stopRecording(legId)
    this.legs.delete(legId)
    for (const other of this.legs.values()) if (other.source && 'leg' in other.source && other.source.leg === legId) { other.source = null; other.out.switchSource() }
    if (leg.source && 'leg' in leg.source) this.legs.get(leg.source.leg)?.listeners.delete(leg)
    leg.direct?.detach()
    await leg.pc.close().catch(() => undefined)
    this.setState(leg, 'closed')
  }

  stats(): LegStats[] {
    return [...this.legs.values()].map((l) => ({ legId: l.id, state: l.state, packetsIn: l.packetsIn, packetsOut: l.packetsOut, bytesIn: l.bytesIn, bytesOut: l.bytesOut, rtp: l.direct ? 'direct' : 'werift', packetsRefused: l.direct?.dropped ?? 0 }))
  }

  async stop(): Promise<void> {
    clearInterval(this.tick)
    await Promise.all([...this.legs.keys()].map((id) => this.close(id)))
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────
  private leg(legId: string): Leg {
    const leg = this.legs.get(legId)
    if (!leg) throw new MediaError('not_found', `there is no leg ${legId}; it may have ended`)
    return leg
  }

  private setState(leg: Leg, state: LegState): void {
    if (leg.state === state || leg.state === 'closed') return
    leg.state = state
    this.emit({ type: 'state', legId: leg.id, state })
  }

  private async offer(leg: Leg): Promise<string> {
    const offer = await leg.pc.createOffer()
    await leg.pc.setLocalDescription(offer)
    if (leg.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHER_TIMEOUT_MS)
        leg.pc.iceGatheringStateChange.subscribe((s) => { if (s === 'complete') { clearTimeout(timer); resolve() } })
      })
    }
    const codec = leg.transceiver.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/opus')
    if (codec?.payloadType !== undefined) leg.payloadType = codec.payloadType
    return leg.pc.localDescription!.sdp
  }

  private received(from: Leg, payload: Buffer, timestamp: number, marker: boolean): void {
    from.packetsIn++
    from.bytesIn += payload.length
    from.recording?.write(CUSTOMER_TRACK, payload)
    for (const to of from.listeners) {
      to.recording?.write(AGENT_TRACK, payload)
      this.send(to, payload, to.out.forward(timestamp), marker)
    }
  }

  private send(to: Leg, payload: Buffer, n: { sequenceNumber: number; timestamp: number }, marker = false): void {
    if (to.state !== 'connected') return
    to.packetsOut++
    to.bytesOut += payload.length
    if (to.awaitingFirst) { to.awaitingFirst = false; this.emit({ type: 'first-audio-out', legId: to.id, at: Date.now() }) }
    if (to.direct) { to.direct.send(to.payloadType, n.sequenceNumber, n.timestamp, marker, payload); return }
    const header = new RtpHeader({ payloadType: to.payloadType, sequenceNumber: n.sequenceNumber, timestamp: n.timestamp, marker })
    void to.transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined)
  }

  /** Sends every file packet whose time has come (a late tick catches up, at most 10 packets). */
  private playDue(now: number): void {
    let playing = false
    for (const leg of this.legs.values()) {
      if (leg.playback) playing = true
      const p = leg.playback
      if (!p || leg.state !== 'connected') continue
      for (let sent = 0; p.nextAt <= now && sent < 10; sent++) {
        const packet = this.nextPacket(leg, p)
        if (!packet) break
        this.send(leg, packet.data, leg.out.play(packet.durationMs))
        p.nextAt += packet.durationMs || 20
      }
      if (p.nextAt < now - 200) p.nextAt = now // fell far behind (a paused worker): do not burst
    }
    if (!playing) { clearInterval(this.tick); this.tick = undefined }
  }

  private nextPacket(leg: Leg, p: Playback): OpusPacket | undefined {
    while (p.queue.length > 0) {
      const file = p.queue[0]!
      if (p.index < file.length) return file[p.index++]
      p.queue.shift(); p.index = 0
      if (p.queue.length === 0 && !p.loop) { leg.playback = undefined; this.emit({ type: 'played', legId: leg.id }); return undefined }
      if (p.queue.length === 0) this.emit({ type: 'played', legId: leg.id })
    }
    if (!p.loop || p.loop.length === 0) return undefined
    if (p.index >= p.loop.length) p.index = 0
    return p.loop[p.index++]
  }
}

/** A browser's SDP answer: text of a sane size that describes one audio section. */
function checkSdp(sdp: unknown): void {
  if (typeof sdp !== 'string' || sdp.length === 0 || sdp.length > MAX_SDP) throw new MediaError('bad_request', `an SDP must be text of at most ${MAX_SDP} characters`)
  if (!sdp.startsWith('v=0') || !/\r?\nm=audio /.test(sdp)) throw new MediaError('bad_request', 'the SDP is not a session description with an audio section (it must start with v=0 and have m=audio)')
  if (!/\r?\na=ice-ufrag:/.test(sdp) || !/\r?\na=fingerprint:/.test(sdp)) throw new MediaError('bad_request', 'the SDP has no ICE credentials or DTLS fingerprint')
}
