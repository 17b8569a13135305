/**
 * SRTP for RTP packets on plain buffers (RFC 3711's AES_CM_128_HMAC_SHA1_80 and RFC 7714's
 * AEAD_AES_128_GCM), given the session keys a DTLS handshake derived. The relay's hot path: a packet
 * in is one header read and one decipher, a packet out one header write and one cipher, with no
 * objects per packet beyond what Node's crypto makes. Pure: no sockets, no timers.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'

export type SrtpProfile = 'aes-128-gcm' | 'aes-cm-128-hmac-sha1-80'

/** One direction's session keys (RFC 3711 §4.3): the cipher key, the salt and, for AES-CM, the HMAC key. */
export interface SrtpSessionKeys { profile: SrtpProfile; key: Buffer; salt: Buffer; authKey?: Buffer }

/** What a relay needs of an RTP header (RFC 3550 §5.1). */
export interface RtpView { payloadType: number; marker: boolean; sequenceNumber: number; timestamp: number; ssrc: number; payloadOffset: number; padding: boolean }

const GCM_TAG = 16
const HMAC_TAG = 10

/** The header of an RTP packet that ends in a `tagLength`-byte tag, or undefined when the packet is too short for it. */
export function readRtpHeader(buf: Buffer, tagLength = 0): RtpView | undefined {
  if (buf.length < 12 + tagLength || buf[0]! >> 6 !== 2) return undefined
  let offset = 12 + 4 * (buf[0]! & 0x0f)
  if (buf[0]! & 0x10) {
    if (buf.length < offset + 4) return undefined
    offset += 4 + 4 * buf.readUInt16BE(offset + 2)
  }
  if (offset > buf.length - tagLength) return undefined
  return {
    payloadType: buf[1]! & 0x7f, marker: (buf[1]! & 0x80) !== 0, sequenceNumber: buf.readUInt16BE(2),
    timestamp: buf.readUInt32BE(4), ssrc: buf.readUInt32BE(8), payloadOffset: offset, padding: (buf[0]! & 0x20) !== 0,
  }
}

/**
 * An RTP packet, not RTCP, STUN or DTLS on the same port: first byte 128–191 (RFC 7983), and not the
 * second byte 192–223 that RTCP's packet types take with the marker bit (RFC 5761 §4).
 */
export function isRtpPacket(buf: Buffer): boolean {
  return buf.length >= 12 && buf[0]! >= 128 && buf[0]! <= 191 && !(buf[1]! >= 192 && buf[1]! <= 223)
}

/**
 * The rollover counter of one received stream (RFC 3711 §3.3.1): the index a sequence number most
 * likely belongs to, committed only once the packet authenticates.
 */
export class RolloverEstimate {
  private roc = 0
  private last = -1

  guess(seq: number): number {
    if (this.last < 0) return 0
    if (this.last < 0x8000) return seq - this.last > 0x8000 ? this.roc - 1 : this.roc
    return this.last - 0x8000 > seq ? this.roc + 1 : this.roc
  }

  commit(seq: number, roc: number): void {
    if (this.last < 0 || roc * 0x10000 + seq > this.roc * 0x10000 + this.last) { this.roc = roc; this.last = seq }
  }
}

abstract class SrtpStream {
  protected readonly key: KeyObject
  protected readonly iv: Buffer
  constructor(protected readonly keys: SrtpSessionKeys) {
    this.key = createSecretKey(keys.key)
    this.iv = Buffer.alloc(keys.profile === 'aes-128-gcm' ? 12 : 16)
    if (keys.profile === 'aes-cm-128-hmac-sha1-80' && !keys.authKey) throw new Error('AES-CM SRTP needs an authentication key')
  }

  protected get tagLength(): number { return this.keys.profile === 'aes-128-gcm' ? GCM_TAG : HMAC_TAG }

  /** The per-packet IV: RFC 7714 §8.1 (GCM, 12 bytes) or RFC 3711 §4.1.1 (counter mode, 16 bytes). */
  protected ivFor(ssrc: number, roc: number, seq: number): Buffer {
    const iv = this.iv
    iv.fill(0)
    if (iv.length === 12) { iv.writeUInt32BE(ssrc, 2); iv.writeUInt32BE(roc >>> 0, 6); iv.writeUInt16BE(seq, 10) } else { iv.writeUInt32BE(ssrc, 4); iv.writeUInt32BE(roc >>> 0, 8); iv.writeUInt16BE(seq, 12) }
    const salt = this.keys.salt
    for (let i = 0; i < iv.length && i < salt.length; i++) iv[i]! ^= salt[i]!
    return iv
  }

  protected hmacTag(authenticated: Buffer, roc: number): Buffer {
    const rocBytes = Buffer.allocUnsafe(4)
    rocBytes.writeUInt32BE(roc >>> 0, 0)
    return createHmac('sha1', this.keys.authKey!).update(authenticated).update(rocBytes).digest().subarray(0, HMAC_TAG)
  }
}

/** A received SRTP stream (one direction of one leg): packets in, authenticated payloads out. */
export class SrtpReceiveStream extends SrtpStream {
  private readonly rollover = new Map<number, RolloverEstimate>()

  /** The packet's header and clear payload, or undefined when it is malformed or does not authenticate. */
  open(packet: Buffer): { header: RtpView; payload: Buffer } | undefined {
    const tag = this.tagLength
    const header = readRtpHeader(packet, tag)
    if (!header) return undefined
    let estimate = this.rollover.get(header.ssrc)
    if (!estimate) { if (this.rollover.size >= 16) this.rollover.clear(); estimate = new RolloverEstimate(); this.rollover.set(header.ssrc, estimate) }
    const roc = estimate.guess(header.sequenceNumber)
    if (roc < 0) return undefined
    const end = packet.length - tag
    const iv = this.ivFor(header.ssrc, roc, header.sequenceNumber)
    let payload: Buffer
    if (this.keys.profile === 'aes-128-gcm') {
      const d = createDecipheriv('aes-128-gcm', this.key, iv)
      d.setAAD(packet.subarray(0, header.payloadOffset))
      d.setAuthTag(packet.subarray(end))
      payload = d.update(packet.subarray(header.payloadOffset, end))
      try { d.final() } catch { return undefined }
    } else {
      if (!timingSafeEqual(this.hmacTag(packet.subarray(0, end), roc), packet.subarray(end))) return undefined
      payload = createDecipheriv('aes-128-ctr', this.key, iv).update(packet.subarray(header.payloadOffset, end))
    }
    estimate.commit(header.sequenceNumber, roc)
    if (header.padding) {
      const pad = payload.length > 0 ? payload[payload.length - 1]! : 0
      if (pad === 0 || pad > payload.length) return undefined
      payload = payload.subarray(0, payload.length - pad)
    }
    return { header, payload }
  }
}

/** A sent SRTP stream of one SSRC: the caller numbers packets, the stream counts wraps and seals them. */
export class SrtpSendStream extends SrtpStream {
  private roc = 0
  private lastSeq = -1

  constructor(keys: SrtpSessionKeys, readonly ssrc: number) { super(keys) }

  /** A packet with a plain 12-byte header (no CSRCs, no extensions), encrypted and tagged. */
  seal(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): Buffer {
    if (this.lastSeq >= 0 && sequenceNumber < this.lastSeq && this.lastSeq - sequenceNumber > 0x8000) this.roc = (this.roc + 1) >>> 0
    this.lastSeq = sequenceNumber
    const tag = this.tagLength
    const out = Buffer.allocUnsafe(12 + payload.length + tag)
    out[0] = 0x80
    out[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f)
    out.writeUInt16BE(sequenceNumber, 2)
    out.writeUInt32BE(timestamp >>> 0, 4)
    out.writeUInt32BE(this.ssrc >>> 0, 8)
    const iv = this.ivFor(this.ssrc, this.roc, sequenceNumber)
    const header = out.subarray(0, 12)
    if (this.keys.profile === 'aes-128-gcm') {
      const c = createCipheriv('aes-128-gcm', this.key, iv)
      c.setAAD(header)
      c.update(payload).copy(out, 12)
      c.final()
      c.getAuthTag().copy(out, 12 + payload.length)
    } else {
      createCipheriv('aes-128-ctr', this.key, iv).update(payload).copy(out, 12)
      this.hmacTag(out.subarray(0, 12 + payload.length), this.roc).copy(out, 12 + payload.length)
    }
    return out
  }
}
