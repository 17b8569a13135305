/**
 * A browser stand-in for tests and benchmarks: a werift peer that answers Agner's offer, sends
 * Opus packets (a file's, every 20 ms, like a microphone) and counts what it receives. Real ICE,
 * DTLS-SRTP and UDP; only the page around it is missing.
 */
import { readFileSync } from 'node:fs'
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift'
import { readOggOpus, type OpusPacket } from './ogg-opus.ts'

export class TestPhone {
  readonly pc = new RTCPeerConnection({ codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })], video: [] } })
  readonly received: Array<{ at: number; payload: Buffer; seq: number; ts: number }> = []
  private transceiver?: RTCRtpTransceiver
  private timer?: NodeJS.Timeout
  private seq = 0
  private ts = 0
  /** Timestamps of the first packet received after each call to `markFirst`. */
  firstAfterMark?: number
  private marked = false

  constructor() {
    this.pc.onTransceiverAdded.subscribe((t) => {
      this.transceiver = t
      t.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => {
        const at = Date.now()
        if (this.marked && this.firstAfterMark === undefined) this.firstAfterMark = at
        this.received.push({ at, payload: rtp.payload, seq: rtp.header.sequenceNumber, ts: rtp.header.timestamp })
        if (this.received.length > 5000) this.received.splice(0, 2500)
      }))
    })
  }

  /** Answers an offer; resolves the answer SDP (ICE gathered, no trickle). */
  async answer(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer })
    await this.pc.setLocalDescription(await this.pc.createAnswer())
    await new Promise<void>((r) => { if (this.pc.iceGatheringState === 'complete') r(); else this.pc.iceGatheringStateChange.subscribe((s) => { if (s === 'complete') r() }) })
    return this.pc.localDescription!.sdp
  }

  connected(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pc.connectionState === 'connected') { resolve(); return }
      const t = setTimeout(() => reject(new Error('the test phone did not connect')), timeoutMs)
      this.pc.connectionStateChange.subscribe((s) => { if (s === 'connected') { clearTimeout(t); resolve() } })
    })
  }

  /** Sends a file's packets in a loop every 20 ms (a talking microphone). */
  talk(oggFile: string): void {
    const packets: OpusPacket[] = readOggOpus(readFileSync(oggFile))
    let i = 0
    this.timer = setInterval(() => {
      const p = packets[i++ % packets.length]!
      this.seq = (this.seq + 1) & 0xffff
      this.ts = (this.ts + 960) >>> 0
      void this.transceiver?.sender.sendRtp(new RtpPacket(new RtpHeader({ payloadType: 111, sequenceNumber: this.seq, timestamp: this.ts }), p.data)).catch(() => undefined)
    }, 20)
  }

  /** Starts timing: `firstAfterMark` becomes the time of the next packet received. */
  markFirst(): void { this.marked = true; this.firstAfterMark = undefined }

  receivedSince(t: number): number { return this.received.filter((r) => r.at >= t).length }

  async close(): Promise<void> { clearInterval(this.timer); await this.pc.close() }
}
