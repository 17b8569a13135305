/**
 * What an agent's desk sends on /ws/agent (media answers and candidates, chat messages, typing,
 * read receipts, keypad, pausing the recording), and the desk's presence: when an agent's last desk socket is gone while
 * they hold a browser customer's contact, the customer goes back to the front of the line after
 * a short grace (a reload within it keeps the call), and the agent to aux "disconnected".
 */
import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import { AcdError, MediaError, type RealtimeAcd } from '@agner/telephony'
import type { CallDirector } from '../desk/call-director.ts'
import { FrameError, parseAgentFrame } from '../desk/agent-frames.ts'
import { TokenBucket } from '../desk/widget-limits.ts'
import { heartbeat } from './socket-heartbeat.ts'

/** How long a desk may be gone before its customers are given to someone else. */
export const DESK_GRACE_MS = 3_000
const lostTimers = new Map<string, NodeJS.Timeout>()

export function deskSocket(socket: WebSocket, agentId: string, director: CallDirector, acd: RealtimeAcd, log: FastifyBaseLogger): () => void {
  const send = (f: object) => { if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f)) }
  clearTimeout(lostTimers.get(agentId))
  lostTimers.delete(agentId)
  const detach = director.attachAgent(agentId, send)
  const stopBeat = heartbeat(socket, 2_000)
  const bucket = new TokenBucket(50, 200, Date.now())
  const actions = director.agent(agentId)

  let dropped = 0
  socket.on('message', (raw: Buffer) => {
    if (!bucket.take(Date.now())) {
      if (dropped++ % 100 === 0) send({ type: 'refused', error: 'Too many frames at once; some were dropped. The desk sends at most 50 a second.' })
      return
    }
    let f
    try { f = parseAgentFrame(raw.toString('utf8')) } catch (err) { send({ type: 'refused', error: (err as Error).message }); return }
    Promise.resolve().then(() => {
      switch (f.type) {
        case 'answer': return actions.answer(f.legId, f.sdp)
        case 'candidate': return actions.candidate(f.legId, f.candidate)
        case 'restart': return actions.restart(f.legId)
        case 'message': return actions.message(f.contactId, f.id, f.text)
        case 'typing': return actions.typing(f.contactId)
        case 'read': return actions.read(f.contactId, f.id)
        case 'dtmf': return actions.dtmf(f.contactId, f.digit)
        case 'recording': return actions.recording(f.contactId, f.paused)
      }
    }).catch((err: unknown) => {
      if (err instanceof AcdError || err instanceof MediaError || err instanceof FrameError) send({ type: 'refused', frame: f.type, error: err.message })
      else { log.error({ err }, 'a desk frame failed'); send({ type: 'refused', frame: f.type, error: 'The server could not do that; try again.' }) }
    })
  })

  return () => {
    stopBeat()
    detach()
    if (director.hasDesk(agentId) || !director.holdsCustomers(agentId)) return
    lostTimers.set(agentId, setTimeout(() => {
      lostTimers.delete(agentId)
      if (director.hasDesk(agentId) || !director.holdsCustomers(agentId)) return
      void acd.run((engine) => engine.agentLost(agentId)).catch((err: unknown) => log.warn({ err }, 'a lost desk could not hand its contacts back'))
    }, DESK_GRACE_MS))
  }
}
