/**
 * Call media through worker threads with werift peers standing in for browsers over real UDP and
 * DTLS-SRTP on loopback: one party's Opus reaches the other unchanged, a file plays to a leg,
 * holding one side gives it music while the other hears nothing, and bad SDP is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { createSocket } from 'node:dgram'
import { randomBytes } from 'node:crypto'
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift'
import { MediaError, WorkerMedia, readOggOpus, opusPacketMs } from '../src/index.ts'
import { TestPhone } from '../src/testing.ts'

const audioDir = fileURLToPath(new URL('../../seeds/audio', import.meta.url))

/** A browser stand-in: answers the server's offer, counts what it receives, sends what it is told. */
async function client(media: WorkerMedia, legId: string, group: string) {
  const { sdp } = await media.open(legId, group)
  const pc = new RTCPeerConnection({ codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })], video: [] } })
  const received: RtpPacket[] = []
  let transceiver: RTCRtpTransceiver | undefined
  pc.onTransceiverAdded.subscribe((t) => { transceiver = t; t.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => received.push(rtp))) })
  await pc.setRemoteDescription({ type: 'offer', sdp })
  await pc.setLocalDescription(await pc.createAnswer())
  await new Promise<void>((r) => { if (pc.iceGatheringState === 'complete') r(); else pc.iceGatheringStateChange.subscribe((s) => { if (s === 'complete') r() }) })
  await media.answer(legId, pc.localDescription!.sdp)
  await new Promise<void>((r) => { if (pc.connectionState === 'connected') r(); else pc.connectionStateChange.subscribe((s) => { if (s === 'connected') r() }) })
  let seq = 0
  return {
    pc, received,
    /** The server's address this client sends media to (its selected ICE pair's remote end). */
    serverAddress: () => (transceiver!.dtlsTransport!.iceTransport.connection as unknown as { nominated: { remoteAddr: [string, number] } }).nominated.remoteAddr,
    send: (payload: Buffer) => transceiver!.sender.sendRtp(new RtpPacket(new RtpHeader({ payloadType: 111, sequenceNumber: seq++, timestamp: seq * 960 }), payload)),
  }
}

const until = async (ok: () => boolean, ms = 5000) => { const end = Date.now() + ms; while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20)); return ok() }

describe('call media relay', () => {
  let media: WorkerMedia
  beforeAll(() => { media = new WorkerMedia({ iceServers: [], audioDir, workers: 2 }) })
  afterAll(async () => { await media.stop() })

  it('reads Ogg Opus prompts as 20 ms packets', () => {
    const packets = readOggOpus(readFileSync(join(audioDir, 'menu.ogg')))
    expect(packets.length).toBeGreaterThan(500) // about 12 s
    expect(packets.every((p) => p.durationMs === 20)).toBe(true)
    expect(opusPacketMs(Buffer.from([0xfc]))).toBe(20) // CELT FB 20 ms, one frame
    expect(opusPacketMs(Buffer.from([0x19]))).toBe(120) // SILK 60 ms × 2 frames (code 1)
  })

  it('passes one party\'s Opus to the other unchanged, and plays music on hold to one side only', async () => {
    const states: string[] = []
    media.onEvent((e) => { if (e.type === 'state') states.push(`${e.legId}:${e.state}`) })
    const customer = await client(media, 'cust-1', 'call-1')
    const agent = await client(media, 'agent-1', 'call-1')
    expect(states).toContain('cust-1:connected')
    await media.hear('cust-1', { leg: 'agent-1' })
    await media.hear('agent-1', { leg: 'cust-1' })
    const payloads = [Buffer.from('agent says 1'), Buffer.from('agent says 2'), Buffer.from('agent says 3')]
    for (let i = 0; i < 20; i++) await agent.send(payloads[i % 3]!)
    expect(await until(() => customer.received.length >= 15)).toBe(true)
    expect(customer.received[0]!.payload.toString()).toMatch(/^agent says [123]$/)
    // Sequence numbers continue without gaps.
    const seqs = customer.received.map((p) => p.header.sequenceNumber)
    expect(seqs.slice(1).every((s, i) => s === ((seqs[i]! + 1) & 0xffff))).toBe(true)
    // Connected legs carry RTP on the direct path (srtp.ts), not werift's per-packet one.
    const legs = (await media.stats()).filter((l) => l.legId === 'cust-1' || l.legId === 'agent-1')
    expect(legs.map((l) => l.rtp)).toEqual(['direct', 'direct'])
    // A forged packet (RTP-shaped, wrong keys) sent to the agent leg's port is refused and counted; the call goes on.
    const [host, port] = agent.serverAddress()
    const forger = createSocket(host.includes(':') ? 'udp6' : 'udp4')
    const forged = Buffer.concat([Buffer.from([0x80, 111, 0x12, 0x34, 0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef]), randomBytes(60)])
    await new Promise<void>((r) => forger.send(forged, port, host, () => r()))
    forger.close()
    await new Promise((r) => setTimeout(r, 200))
    const agentLeg = (await media.stats()).find((l) => l.legId === 'agent-1')!
    expect(agentLeg.packetsRefused).toBe(1)
    const heard = customer.received.length
    await agent.send(Buffer.from('agent says 1'))
    expect(await until(() => customer.received.length > heard)).toBe(true)

    // Hold: the customer hears the music file, the agent hears nothing.
    await media.hear('cust-1', { play: [], loop: 'hold-music' })
    await media.hear('agent-1', null)
    const before = { c: customer.received.length, a: agent.received.length }
    const cpu0 = media.threadCpu()
    await customer.send(Buffer.from('customer while held'))
    await new Promise((r) => setTimeout(r, 600))
    // Each worker thread's own CPU time is read from the kernel; playing the music took some.
    const cpu1 = media.threadCpu()
    expect(cpu1.every((c, i) => c !== undefined && c.ms >= cpu0[i]!.ms && c.runs >= cpu0[i]!.runs)).toBe(true)
    expect(cpu1.reduce((a, c) => a + c!.ms, 0)).toBeGreaterThan(cpu0.reduce((a, c) => a + c!.ms, 0))
    const music = customer.received.slice(before.c)
    expect(music.length).toBeGreaterThan(15) // 50 packets a second
    expect(music.length).toBeLessThan(45)
    expect(agent.received.length).toBe(before.a)
    // Timestamps keep running across the switch from forwarded voice to the file: 960 per packet.
    const ts = customer.received.slice(before.c - 1, before.c + 5).map((p) => p.header.timestamp)
    expect(ts.slice(1).every((t, i) => t - ts[i]! === 960)).toBe(true)
    await customer.pc.close(); await agent.pc.close()
    await media.close('cust-1'); await media.close('agent-1')
  }, 20_000)

  it('a restart (the browser\'s network changed) gives the leg a new connection; what it hears carries on', async () => {
    const customer = await client(media, 'cust-r', 'call-r')
    const agent = await client(media, 'agent-r', 'call-r')
    await media.hear('cust-r', { leg: 'agent-r' })
    await customer.pc.close() // the old network path is gone
    const { sdp } = await media.restart('cust-r')
    const fresh = new TestPhone()
    await media.answer('cust-r', await fresh.answer(sdp))
    await fresh.connected()
    for (let i = 0; i < 20; i++) { await agent.send(Buffer.from(`after restart ${i}`)); await new Promise((r) => setTimeout(r, 20)) }
    expect(await until(() => fresh.received.length >= 10)).toBe(true)
    expect(fresh.received.some((p) => p.payload.toString().startsWith('after restart'))).toBe(true)
    await fresh.close(); await agent.pc.close()
    await media.close('cust-r'); await media.close('agent-r')
  }, 20_000)

  it('refuses malformed SDP and candidates with a reason, and unknown legs', async () => {
    await media.open('bad-1', 'call-2')
    await expect(media.answer('bad-1', 'hello')).rejects.toThrow(/v=0/)
    await expect(media.answer('bad-1', 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n')).rejects.toThrow(/ICE credentials/)
    await expect(media.candidate('bad-1', { candidate: 'candidate:<script>' })).rejects.toThrow(/not an ICE candidate/)
    await expect(media.answer('nobody', 'v=0')).rejects.toBeInstanceOf(MediaError)
    await media.close('bad-1')
  }, 20_000)
})
