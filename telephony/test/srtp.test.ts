/**
 * The relay's own SRTP (src/media/srtp.ts) against the published vectors (RFC 7714 §16.1.1 for
 * AEAD_AES_128_GCM, RFC 3711 §B.2 for the AES-CM keystream) and against werift's SRTP, an
 * independent implementation, in both directions and across a sequence-number wrap.
 */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { RtpHeader, SrtpSession, ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80 } from 'werift'
import { RolloverEstimate, SrtpReceiveStream, SrtpSendStream, readRtpHeader, type SrtpProfile } from '../src/media/srtp.ts'

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')

describe('published vectors', () => {
  it('RFC 7714 §16.1.1: "Gallia est omnis divisa in partes tres" sealed with AEAD_AES_128_GCM, and opened again', () => {
    const keys = { profile: 'aes-128-gcm' as const, key: hex('000102030405060708090a0b0c0d0e0f'), salt: hex('517569642070726f2071756f') }
    const payload = Buffer.from('Gallia est omnis divisa in partes tres')
    const sealed = new SrtpSendStream(keys, 0x5501a0b2).seal(0x40, 0xf17b, 0x8041f8d3, false, payload)
    expect(sealed.toString('hex')).toBe(hex(`8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f
      42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce`).toString('hex'))
    const opened = new SrtpReceiveStream(keys).open(sealed)
    expect(opened?.payload.toString()).toBe('Gallia est omnis divisa in partes tres')
    expect(opened?.header).toMatchObject({ sequenceNumber: 0xf17b, timestamp: 0x8041f8d3, ssrc: 0x5501a0b2, payloadType: 0x40, marker: false })
  })

  it('RFC 3711 §B.2: zeros sealed with AES-CM at SSRC 0, index 0 are the published keystream', () => {
    const keys = { profile: 'aes-cm-128-hmac-sha1-80' as const, key: hex('2B7E151628AED2A6ABF7158809CF4F3C'), salt: hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD'), authKey: Buffer.alloc(20) }
    const sealed = new SrtpSendStream(keys, 0).seal(0, 0, 0, false, Buffer.alloc(48))
    expect(sealed.subarray(12, 60).toString('hex')).toBe(hex(`E03EAD0935C95E80E166B16DD92B4EB4
      D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0`).toString('hex'))
    expect(sealed.length).toBe(12 + 48 + 10)
  })

  it('RFC 3711 §3.3.1: the rollover counter a sequence number belongs to', () => {
    const r = new RolloverEstimate()
    expect(r.guess(65_530)).toBe(0)
    r.commit(65_535, 0)
    expect(r.guess(0)).toBe(1) // wrapped
    expect(r.guess(65_534)).toBe(0) // late, before the wrap
    r.commit(2, 1)
    expect(r.guess(65_533)).toBe(0) // a straggler from before the wrap
    expect(r.guess(3)).toBe(1)
    r.commit(65_533, 0) // older: does not move the estimate back
    expect(r.guess(4)).toBe(1)
  })
})

const profiles: Array<[SrtpProfile, number]> = [['aes-128-gcm', ProtectionProfileAeadAes128Gcm], ['aes-cm-128-hmac-sha1-80', ProtectionProfileAes128CmHmacSha1_80]]

describe.each(profiles)('%s against werift', (profile, weriftProfile) => {
  /** Two werift sessions keyed as the two ends of one DTLS-SRTP association. */
  function association() {
    const keyLength = 16, saltLength = weriftProfile === ProtectionProfileAeadAes128Gcm ? 12 : 14
    const a = { key: randomBytes(keyLength), salt: randomBytes(saltLength) }, b = { key: randomBytes(keyLength), salt: randomBytes(saltLength) }
    const local = new SrtpSession({ keys: { localMasterKey: a.key, localMasterSalt: a.salt, remoteMasterKey: b.key, remoteMasterSalt: b.salt }, profile: weriftProfile as 1 | 7 })
    const remote = new SrtpSession({ keys: { localMasterKey: b.key, localMasterSalt: b.salt, remoteMasterKey: a.key, remoteMasterSalt: a.salt }, profile: weriftProfile as 1 | 7 })
    const ctx = local.localContext, rctx = local.remoteContext
    return {
      weriftPeer: remote,
      send: { profile, key: ctx.srtpSessionKey, salt: ctx.srtpSessionSalt, authKey: ctx.srtpSessionAuthTag },
      receive: { profile, key: rctx.srtpSessionKey, salt: rctx.srtpSessionSalt, authKey: rctx.srtpSessionAuthTag },
    }
  }

  it('what the relay seals, werift opens, across a sequence-number wrap', () => {
    const { weriftPeer, send } = association()
    const out = new SrtpSendStream(send, 0x1234abcd)
    for (let i = 0; i < 12; i++) {
      const seq = (65_530 + i) & 0xffff
      const payload = randomBytes(40 + i)
      const clear = weriftPeer.decrypt(out.seal(111, seq, 960 * i, i === 0, payload))
      const header = readRtpHeader(clear)!
      expect(header).toMatchObject({ sequenceNumber: seq, timestamp: 960 * i, ssrc: 0x1234abcd, payloadType: 111, marker: i === 0 })
      expect(clear.subarray(header.payloadOffset).equals(payload)).toBe(true)
    }
  })

  it('what werift seals, the relay opens, across a wrap; a changed byte or a cut packet is refused', () => {
    const { weriftPeer, receive } = association()
    const into = new SrtpReceiveStream(receive)
    for (let i = 0; i < 12; i++) {
      const seq = (65_530 + i) & 0xffff
      const payload = randomBytes(30 + i)
      const sealed = weriftPeer.encrypt(payload, new RtpHeader({ payloadType: 111, sequenceNumber: seq, timestamp: 960 * i, ssrc: 0x0badcafe, marker: false }))
      const opened = into.open(sealed)
      expect(opened?.payload.equals(payload)).toBe(true)
      expect(opened?.header.sequenceNumber).toBe(seq)
      if (i === 11) {
        const tampered = Buffer.from(sealed); tampered[14]! ^= 1
        expect(into.open(tampered)).toBeUndefined()
        expect(into.open(sealed.subarray(0, 14))).toBeUndefined()
        expect(into.open(Buffer.from('not rtp at all, just text'))).toBeUndefined()
      }
    }
  })
})
