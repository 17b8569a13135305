/**
 * One outgoing audio stream to a browser, whatever feeds it: packets forwarded from another leg and
 * packets read from a file get one continuous sequence and timeline, so the browser's jitter buffer
 * never sees a jump when the source changes (hold music → the agent → a prompt). Pure.
 */

/** Opus's RTP clock (RFC 7587): 48 kHz whatever the audio's real rate. */
const CLOCK_PER_MS = 48

export class RtpOut {
  private seq = Math.floor(Math.random() * 0x10000)
  private ts = Math.floor(Math.random() * 0x100000000)
  private srcBase?: number
  private outBase = 0
  private lastDurationMs = 20

  /** The next packet's sequence number and timestamp for a packet forwarded from another stream. */
  forward(srcTimestamp: number): { sequenceNumber: number; timestamp: number } {
    if (this.srcBase === undefined) { this.srcBase = srcTimestamp; this.outBase = this.nextTs() }
    const delta = (srcTimestamp - this.srcBase) >>> 0
    return this.take((this.outBase + delta) >>> 0, 20)
  }

  /** The next packet's numbers for a file packet lasting `durationMs`. */
  play(durationMs: number): { sequenceNumber: number; timestamp: number } {
    this.srcBase = undefined
    return this.take(this.nextTs(), durationMs)
  }

  /** The source changed: the next forwarded packet starts a new mapping right after the last one. */
  switchSource(): void { this.srcBase = undefined }

  private nextTs(): number { return (this.ts + this.lastDurationMs * CLOCK_PER_MS) >>> 0 }

  private take(timestamp: number, durationMs: number): { sequenceNumber: number; timestamp: number } {
    this.seq = (this.seq + 1) & 0xffff
    this.ts = timestamp
    this.lastDurationMs = durationMs
    return { sequenceNumber: this.seq, timestamp }
  }
}
