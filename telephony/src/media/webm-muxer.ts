/**
 * A call recording's bytes: WebM with two Opus tracks (1: the customer, 2: the agent they hear),
 * each packet stored as it arrived, no decoding. Clusters start every second (a block's time is
 * a 16-bit offset from its cluster); the header carries the duration, written again at the end.
 * Pure: bytes out, the file is recording-file.ts's.
 */
import { WEBMContainer } from 'werift/nonstandard'

export const CUSTOMER_TRACK = 1
export const AGENT_TRACK = 2
export type RecordingTrack = typeof CUSTOMER_TRACK | typeof AGENT_TRACK

const CLUSTER_MS = 1_000

export class WebmMuxer {
  private readonly c = new WEBMContainer([
    { kind: 'audio', codec: 'OPUS', trackNumber: CUSTOMER_TRACK },
    { kind: 'audio', codec: 'OPUS', trackNumber: AGENT_TRACK },
  ])
  private clusterAt = -Infinity

  /** The file's start: EBML header, segment info with `durationMs`, the two tracks. Always the same length. */
  header(durationMs: number): Buffer {
    return Buffer.concat([this.c.ebmlHeader, this.c.createSegment(durationMs)])
  }

  /** One Opus packet at `atMs` from the start (never earlier than the last), with a cluster before it when due. */
  block(track: RecordingTrack, atMs: number, payload: Buffer): Buffer[] {
    const at = Math.max(0, Math.round(atMs))
    const out: Buffer[] = []
    if (at - this.clusterAt >= CLUSTER_MS || at < this.clusterAt) {
      this.clusterAt = at
      out.push(Buffer.from(this.c.createCluster(at)))
    }
    out.push(this.c.createSimpleBlock(payload, true, track, at - this.clusterAt))
    return out
  }
}
