/** A WebSocket to a running Agner that keeps the frames it receives, for tests that wait for one by type. */
import WebSocket from 'ws'
import { TestPhone } from '@agner/telephony/testing'

export type Frame = Record<string, unknown> & { type: string }

export function frameSocket(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}${path}`, { headers })
  const frames: Frame[] = []
  ws.on('message', (m) => frames.push(JSON.parse(m.toString()) as Frame))
  const opened = new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject) })
  /** The first frame of `type` (matching `f`) received so far or within `ms`; taken off the list. */
  const next = async (type: string, f: (x: Frame) => boolean = () => true, ms = 10_000): Promise<Frame> => {
    const end = Date.now() + ms
    for (;;) {
      const hit = frames.find((x) => x.type === type && f(x))
      if (hit) { frames.splice(frames.indexOf(hit), 1); return hit }
      if (Date.now() > end) throw new Error(`no "${type}" frame within ${ms} ms; got ${frames.map((x) => x.type).join(', ')}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return { ws, frames, opened, next, send: (f: object) => ws.send(JSON.stringify(f)) }
}

/** Waits until `ok()` holds or `ms` pass; resolves whether it held. */
export async function until(ok: () => boolean, ms = 8000): Promise<boolean> {
  const end = Date.now() + ms
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25))
  return ok()
}

/** The desk's side of a ringing call: the offer event, and the leg offered while it rings, answered and connected by a phone. */
export async function ringingAtDesk(desk: ReturnType<typeof frameSocket>): Promise<{ contactId: string; offerId: string; agentPhone: TestPhone; legId: string }> {
  const offered = await desk.next('event', (f) => (f.event as { type: string }).type === 'contact.offered')
  const legOffer = await desk.next('offer')
  const agentPhone = new TestPhone()
  desk.send({ type: 'answer', legId: legOffer.legId, sdp: await agentPhone.answer(String(legOffer.sdp)) })
  await agentPhone.connected()
  const e = offered.event as { contactId: string; data: { offerId: string } }
  return { contactId: e.contactId, offerId: e.data.offerId, agentPhone, legId: String(legOffer.legId) }
}
