/** Reading a bus payload back into a value, with a reason when it cannot be read. */
import { boundedJson } from '../nesting.ts'
const decoder = new TextDecoder('utf-8', { fatal: true })
const encoder = new TextEncoder()

export type Decoded = { ok: true; value: unknown } | { ok: false; reason: string; text: string }

export function decodePayload(payload: object | Uint8Array): Decoded {
  if (!(payload instanceof Uint8Array)) return { ok: true, value: payload }
  let text: string
  try {
    text = decoder.decode(payload)
  } catch {
    return { ok: false, reason: 'the message is not valid UTF-8', text: Buffer.from(payload).toString('latin1') }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, reason: `the message is not valid JSON (${(err as Error).message})`, text }
  }
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

/** Text of a payload for a dead-letter record, at most 64 KiB. */
export function payloadText(payload: object | Uint8Array): string {
  if (payload instanceof Uint8Array) {
    const text = Buffer.from(payload.subarray(0, 65_536 * 4)).toString('utf8')
    return text.length > 65_536 ? `${text.slice(0, 65_536)}…` : text
  }
  return boundedJson(payload, 65_536)
}
