/**
 * A leg's audio carried past werift's per-packet machinery once DTLS has agreed the keys. werift
 * still does what it does well (ICE, DTLS, RTCP, consent); the RTP packets themselves are opened and
 * sealed here (srtp.ts), taken straight off the connection's UDP sockets and sent on the selected pair's: no
 * STUN parse, events or promises per packet, no RtpPacket objects, no receiver statistics or NACK
 * bookkeeping, no sender header extensions or strings. A lone call's relay wakes a cold thread for
 * every packet; doing less per wake is what keeps it cheap. Packets that come another way (a TURN
 * relay, a pair chosen later) are taken from the ICE connection's data event instead, and sent
 * through it.
 *
 * Not taken over (the leg stays on werift's own path): a connection whose sender negotiated RTP
 * header extensions, or whose SRTP profile is not one srtp.ts knows.
 */
import type { Socket } from 'node:dgram'
import type { RTCPeerConnection, RTCRtpTransceiver } from 'werift'
import { isRtpPacket, SrtpReceiveStream, SrtpSendStream, type SrtpProfile, type SrtpSessionKeys } from './srtp.ts'

/** werift's SRTP profile numbers (RFC 5764 §4.1.2, RFC 7714 §14.2). */
const PROFILES: Record<number, SrtpProfile> = { 0x0001: 'aes-cm-128-hmac-sha1-80', 0x0007: 'aes-128-gcm' }

/** The parts of werift's objects this module reads that its typings keep private. */
interface SrtpContextShape { profile: number; srtpSessionKey: Buffer; srtpSessionSalt: Buffer; srtpSessionAuthTag: Buffer }
interface SenderShape {
  ssrc: number; headerExtensions: unknown[]
  packetCount: number; octetCount: number; rtpTimestamp: number; ntpTimestamp: bigint
  runRtcp(): Promise<void>
}
interface UdpTransportShape { socket?: Socket; onData: (data: Buffer, addr: [string, number]) => void }
interface ProtocolShape { type: string; transport?: UdpTransportShape }
interface PairShape { protocol: ProtocolShape; remoteAddr: [string, number] }
interface IceShape { nominated?: PairShape; protocols: ProtocolShape[]; state: string; consentFresh: boolean; iceLite: boolean; send(data: Buffer): Promise<void> }

/** What an RTP packet received on a leg gives its listener. */
export type DirectRtpHandler = (payload: Buffer, timestamp: number, marker: boolean) => void

export class DirectRtp {
  private sentSinceClock = Infinity
  dropped = 0

  private constructor(
    private readonly receive: SrtpReceiveStream,
    private readonly sendStream: SrtpSendStream,
    private readonly sender: SenderShape,
    private readonly transmit: (packet: Buffer) => void,
    private readonly restore: () => void,
  ) {}

  /**
   * Takes over a connected leg's RTP, or answers undefined when the connection is not one this path
   * serves (it then stays on werift's path, which still works).
   */
  static attach(pc: RTCPeerConnection, transceiver: RTCRtpTransceiver, onRtp: DirectRtpHandler): DirectRtp | undefined {
    const dtls = transceiver.dtlsTransport
    if (!dtls || pc.connectionState !== 'connected') return undefined
    // werift's SRTP session keeps its derived session keys on contexts its typings do not export.
    const srtp = dtls.srtp as unknown as { localContext?: SrtpContextShape; remoteContext?: SrtpContextShape } | undefined
    const local = srtp?.localContext, remote = srtp?.remoteContext
    const sender = transceiver.sender as unknown as SenderShape
    if (!local || !remote || !PROFILES[local.profile] || sender.headerExtensions.length > 0) return undefined
    const connection = dtls.iceTransport.connection
    // The selected pair and consent state are on werift's ICE connection, outside its typings.
    const ice = connection as unknown as IceShape
    const pair = ice.nominated
    const socket = pair?.protocol.type === 'stun' ? pair.protocol.transport?.socket : undefined
    const transmit = socket && pair
      ? (packet: Buffer): void => {
          if (ice.nominated !== pair) { void ice.send(packet).catch(() => undefined); return }
          if (ice.state === 'closed' || ice.state === 'failed' || !(ice.consentFresh || ice.iceLite)) return // RFC 7675
          socket.send(packet, pair.remoteAddr[1], pair.remoteAddr[0])
        }
      : (packet: Buffer): void => { void ice.send(packet).catch(() => undefined) }
    const restores: Array<() => void> = []
    const path = new DirectRtp(new SrtpReceiveStream(keysOf(remote)), new SrtpSendStream(keysOf(local), sender.ssrc), sender, transmit, () => { for (const r of restores) r() })
    const open = (data: Buffer): void => {
      const opened = path.receive.open(data)
      if (!opened) { path.dropped++; return }
      onRtp(opened.payload, opened.header.timestamp, opened.header.marker)
    }
    // Every local UDP socket of the connection: the browser may send on a pair other than the one
    // chosen here (each side picks its own). What comes through TURN arrives on the data event.
    for (const protocol of ice.protocols) {
      const udp = protocol.type === 'stun' ? protocol.transport : undefined
      if (!udp?.socket) continue
      const werift = udp.onData
      const fromSocket = (data: Buffer, addr: [string, number]): void => { if (isRtpPacket(data)) open(data); else werift(data, addr) }
      udp.onData = fromSocket
      restores.push(() => { if (udp.onData === fromSocket) udp.onData = werift })
    }
    const event = connection.onData
    const weriftEvent = event.execute
    const fromIce = (data: Buffer): void => { if (isRtpPacket(data)) open(data); else weriftEvent(data) }
    event.execute = fromIce
    restores.push(() => { if (event.execute === fromIce) event.execute = weriftEvent })
    void sender.runRtcp() // sender reports, with the counts send() keeps
    return path
  }

  send(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): void {
    const packet = this.sendStream.seal(payloadType, sequenceNumber, timestamp, marker, payload)
    const s = this.sender
    s.packetCount = (s.packetCount + 1) >>> 0
    s.octetCount = (s.octetCount + payload.length) >>> 0
    // The sender report pairs a wall-clock time with an RTP timestamp; one pair every half second is plenty.
    if (++this.sentSinceClock >= 25) { this.sentSinceClock = 0; s.ntpTimestamp = ntpNow(); s.rtpTimestamp = timestamp >>> 0 }
    this.transmit(packet)
  }

  /** Hands the connection's packets back to werift (the leg is closing or being replaced). */
  detach(): void { this.restore() }
}

function keysOf(c: SrtpContextShape): SrtpSessionKeys {
  return { profile: PROFILES[c.profile]!, key: c.srtpSessionKey, salt: c.srtpSessionSalt, authKey: c.srtpSessionAuthTag }
}

/** Seconds since 1900 in the high 32 bits, the fraction in the low 32 (RFC 5905's NTP timestamp). */
const NTP_EPOCH_OFFSET_S = 2_208_988_800
function ntpNow(nowMs = Date.now()): bigint {
  const seconds = Math.floor(nowMs / 1000)
  const fraction = Math.floor(((nowMs % 1000) / 1000) * 0x100000000)
  return (BigInt(seconds + NTP_EPOCH_OFFSET_S) << 32n) | BigInt(fraction)
}
