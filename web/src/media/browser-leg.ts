/**
 * The browser's end of one call leg: Agner's server offers, the browser answers with its
 * microphone, plays what it receives through an unmuted audio element (on the chosen output), and
 * trickles its ICE candidates. When the network changes it asks the server for a new offer, which
 * the caller answers with a new BrowserLeg (the server gives the leg a new connection; what it
 * hears carries on). Shared by the agent desk and the customers' widget.
 */
export interface LegSignals {
  answer(sdp: string): void
  candidate(c: RTCIceCandidateInit): void
  /** Asks the server for a fresh offer (a new connection for this leg). */
  restart(): void
}

export type LegHealth = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

export class BrowserLeg {
  readonly pc: RTCPeerConnection
  readonly audio = new Audio()
  private pending: RTCIceCandidateInit[] = []
  private restartTimer?: ReturnType<typeof setTimeout>
  health: LegHealth = 'connecting'
  onHealth?: (h: LegHealth) => void

  constructor(iceServers: RTCIceServer[], private readonly mic: MediaStream, private readonly signals: LegSignals) {
    this.pc = new RTCPeerConnection({ iceServers })
    this.audio.autoplay = true
    this.pc.ontrack = (e) => {
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track])
      void this.audio.play().catch(() => undefined)
    }
    this.pc.onicecandidate = (e) => { if (e.candidate) signals.candidate(e.candidate.toJSON()) }
    this.pc.onconnectionstatechange = () => this.stateChanged()
  }

  /** Answers the server's offer. */
  async offer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp })
    const t = this.pc.getTransceivers()[0]
    const track = this.mic.getAudioTracks()[0]
    if (t && track && t.sender.track !== track) { await t.sender.replaceTrack(track); t.direction = 'sendrecv' }
    await this.pc.setLocalDescription(await this.pc.createAnswer())
    this.signals.answer(this.pc.localDescription!.sdp)
    for (const c of this.pending.splice(0)) await this.pc.addIceCandidate(c).catch(() => undefined)
  }

  async addCandidate(c: RTCIceCandidateInit): Promise<void> {
    if (!this.pc.remoteDescription) { this.pending.push(c); return }
    await this.pc.addIceCandidate(c).catch(() => undefined)
  }

  setMuted(muted: boolean): void { for (const t of this.mic.getAudioTracks()) t.enabled = !muted }

  /** Plays the far end on this output device (where the browser allows choosing one). */
  async setOutput(deviceId: string): Promise<void> {
    const el = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }
    if (el.setSinkId) await el.setSinkId(deviceId).catch(() => undefined)
  }

  /** Sends another microphone (a different input device) without renegotiating. */
  async replaceMic(stream: MediaStream): Promise<void> {
    const track = stream.getAudioTracks()[0]
    const sender = this.pc.getTransceivers()[0]?.sender
    if (sender && track) await sender.replaceTrack(track)
  }

  /** Bytes and packets received and the level heard (0–1), for the desk's quality line and tests. */
  async inbound(): Promise<{ bytes: number; packets: number; level: number; lost: number; jitter: number }> {
    const stats = await this.pc.getStats()
    for (const s of stats.values()) {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') return { bytes: s.bytesReceived ?? 0, packets: s.packetsReceived ?? 0, level: s.audioLevel ?? 0, lost: s.packetsLost ?? 0, jitter: s.jitter ?? 0 }
    }
    return { bytes: 0, packets: 0, level: 0, lost: 0, jitter: 0 }
  }

  close(): void {
    clearTimeout(this.restartTimer)
    this.pc.close()
    this.audio.srcObject = null
    this.setHealth('closed')
  }

  private stateChanged(): void {
    const s = this.pc.connectionState
    if (s === 'connected') { clearTimeout(this.restartTimer); this.setHealth('connected') }
    else if (s === 'disconnected' || s === 'failed') {
      // The network changed or dropped: ask for an ICE restart now and again until it holds.
      this.setHealth(s === 'failed' ? 'failed' : 'reconnecting')
      clearTimeout(this.restartTimer)
      this.signals.restart()
      this.restartTimer = setTimeout(() => { if (this.pc.connectionState !== 'connected' && this.pc.connectionState !== 'closed') this.signals.restart() }, 4000)
    }
  }

  private setHealth(h: LegHealth): void { if (this.health !== h) { this.health = h; this.onHealth?.(h) } }
}

/** Asks for the microphone; says why it could not have it. */
export async function openMicrophone(deviceId?: string): Promise<{ stream: MediaStream } | { error: 'denied' | 'missing' | 'unsupported' | 'busy' }> {
  if (!navigator.mediaDevices?.getUserMedia) return { error: 'unsupported' }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true, autoGainControl: true } : { echoCancellation: true, noiseSuppression: true, autoGainControl: true } }) }
  } catch (err) {
    const name = (err as DOMException).name
    return { error: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'busy' }
  }
}

/** DTMF-like feedback: a short two-tone beep for a key pressed on a keypad (played locally). */
export function keyTone(key: string): void {
  const rows: Record<string, [number, number]> = {
    1: [697, 1209], 2: [697, 1336], 3: [697, 1477], 4: [770, 1209], 5: [770, 1336], 6: [770, 1477],
    7: [852, 1209], 8: [852, 1336], 9: [852, 1477], '*': [941, 1209], 0: [941, 1336], '#': [941, 1477],
  }
  const f = rows[key]
  if (!f || typeof AudioContext === 'undefined') return
  const ctx = new AudioContext()
  const gain = ctx.createGain()
  gain.gain.value = 0.08
  gain.connect(ctx.destination)
  for (const hz of f) { const o = ctx.createOscillator(); o.frequency.value = hz; o.connect(gain); o.start(); o.stop(ctx.currentTime + 0.12) }
  setTimeout(() => void ctx.close(), 300)
}
