/**
 * Reads the Opus packets of an Ogg Opus file (RFC 7845) with each packet's duration, so a prompt or
 * music on hold can be sent as RTP without decoding or encoding anything. Pure: bytes in, packets out.
 */

export interface OpusPacket { data: Buffer; durationMs: number }

export class OggOpusError extends Error {}

/** Frame length in ms of an Opus TOC configuration (RFC 6716 §3.1). */
function frameMs(config: number): number {
  if (config < 12) return [10, 20, 40, 60][config & 3]!
  if (config < 16) return [10, 20][config & 1]!
  return [2.5, 5, 10, 20][config & 3]!
}

/** Duration of one Opus packet in ms, from its TOC byte (and frame count byte for code 3). */
export function opusPacketMs(packet: Buffer): number {
  if (packet.length === 0) return 0
  const toc = packet[0]!
  const code = toc & 3
  const frames = code === 0 ? 1 : code < 3 ? 2 : (packet[1] ?? 0) & 0x3f
  return frameMs(toc >> 3) * frames
}

/** The Opus audio packets of an Ogg Opus file, without the OpusHead and OpusTags header packets. */
export function readOggOpus(file: Buffer): OpusPacket[] {
  const packets: Buffer[] = []
  let pending: Buffer[] = []
  let at = 0
  while (at < file.length) {
    if (file.toString('latin1', at, at + 4) !== 'OggS') throw new OggOpusError(`not an Ogg page at byte ${at}`)
    if (at + 27 > file.length) throw new OggOpusError(`truncated Ogg page header at byte ${at}`)
    const segments = file[at + 26]!
    const table = at + 27
    let body = table + segments
    if (body > file.length) throw new OggOpusError(`truncated Ogg segment table at byte ${at}`)
    for (let i = 0; i < segments; i++) {
      const len = file[table + i]!
      if (body + len > file.length) throw new OggOpusError(`truncated Ogg page body at byte ${body}`)
      pending.push(file.subarray(body, body + len))
      body += len
      if (len < 255) { packets.push(Buffer.concat(pending)); pending = [] }
    }
    at = body
  }
  if (packets.length < 2 || packets[0]!.toString('latin1', 0, 8) !== 'OpusHead') throw new OggOpusError('not an Ogg Opus file (no OpusHead)')
  return packets.slice(2).filter((p) => p.length > 0).map((data) => ({ data, durationMs: opusPacketMs(data) }))
}
