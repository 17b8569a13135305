/**
 * Supervisors on live browser calls (calls:monitor, their teams' queues only):
 *   GET /api/monitor/calls   the browser calls on now, with who is listening
 *   WS  /ws/monitor          start {contactId, mode}, mode {watchId, mode}, stop {watchId}, and the
 *                            media answers and candidates of the two legs the server offers
 * Each start, change and stop goes to the audit trail. The socket closing (the session ended, the
 * tab closed) drops the supervisor from the call at once.
 */
import type { FastifyPluginAsync } from 'fastify'
import { AcdError, MediaError } from '@agner/telephony'
import { seesQueue } from '../access/principal.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { CallDirector } from '../desk/call-director.ts'
import type { MonitorMode } from '../desk/call-monitor.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'
import { actorOf } from './auth/audit-actor.ts'
import { heartbeat } from './socket-heartbeat.ts'

export interface MonitorRoutesOptions {
  director: CallDirector; audit: AuditLog; sockets: SocketRegistry; agentName: (id: string) => string; queueName: (id: string) => string
  /** A user's display name (王芳), said in the journey and to the agent; the sign-in name otherwise. */
  displayName: (userId: string) => string | undefined
}

const MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge']
const ID = /^[A-Za-z0-9_.:-]{1,128}$/
const access = { permission: 'calls:monitor' } as const

class MonitorFrameError extends Error {}
const id = (v: unknown, what: string): string => { if (typeof v !== 'string' || !ID.test(v)) throw new MonitorFrameError(`"${what}" must be an id of letters, digits and _ . : -`); return v }
const mode = (v: unknown): MonitorMode => { if (!MODES.includes(v as MonitorMode)) throw new MonitorFrameError(`"mode" must be one of ${MODES.join(', ')}`); return v as MonitorMode }

export const monitorRoutes: FastifyPluginAsync<MonitorRoutesOptions> = async (app, o) => {
  const { director } = o
  app.get('/api/monitor/calls', { config: { access } }, async (req) => ({
    calls: director.liveCalls().filter((c) => seesQueue(req.principal!.queues, c.queueId)).map((c) => ({
      contactId: c.contactId, agentId: c.agentId, agentName: o.agentName(c.agentId), queueId: c.queueId, queueName: o.queueName(c.queueId),
      customerName: c.session.form.name ?? '', listeners: director.monitor.watchesOf(c.contactId),
    })),
  }))

  app.get('/ws/monitor', { websocket: true, config: { access } }, (socket, req) => {
    const p = req.principal!
    o.sockets.track(socket, p)
    const actor = actorOf(req)
    const mine = new Set<string>()
    const send = (f: object) => { if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f)) }
    const sup = {
      id: p.id, name: o.displayName(p.id) || p.name,
      send: (f: Record<string, unknown> & { type: string }) => { if (f.type === 'stopped') mine.delete(String(f.watchId)); send(f) },
      audit: (action: 'start' | 'change' | 'stop', w: { contactId: string; mode: MonitorMode; agentId: string; queueId: string }) => {
        void o.audit.record({ ...actor, action: 'call.listen', target: `contact:${w.contactId}`, ok: true, detail: { action, ...w } }).catch(() => undefined)
      },
    }
    const stopBeat = heartbeat(socket, 2_000)
    socket.on('message', (raw: Buffer) => {
      let f: Record<string, unknown>
      try { f = JSON.parse(raw.toString('utf8')) as Record<string, unknown> } catch { send({ type: 'refused', error: 'a frame must be JSON' }); return }
      Promise.resolve().then(async () => {
        switch (f.type) {
          case 'start': {
            const contactId = id(f.contactId, 'contactId')
            const call = director.liveCall(contactId)
            if (!call || !seesQueue(p.queues, call.queueId)) throw new AcdError('not_found', `There is no live browser call ${contactId} in your teams' queues; it may have ended.`)
            mine.add(await director.monitor.start(sup, contactId, mode(f.mode)))
            return
          }
          case 'mode': return director.monitor.change(id(f.watchId, 'watchId'), p.id, mode(f.mode))
          case 'stop': return director.monitor.stop(id(f.watchId, 'watchId'), 'supervisor')
          case 'answer': {
            const legId = id(f.legId, 'legId')
            if (!director.monitor.ownsLeg(legId, { supervisorId: p.id })) throw new AcdError('not_found', `There is no listening leg ${legId} of yours; it may have ended.`)
            if (typeof f.sdp !== 'string' || f.sdp.length > 20_000) throw new MonitorFrameError('"sdp" must be text of at most 20,000 characters')
            return director.media.answer(legId, f.sdp)
          }
          case 'candidate': {
            const legId = id(f.legId, 'legId')
            const c = f.candidate as { candidate?: unknown; sdpMid?: unknown; sdpMLineIndex?: unknown } | null
            if (!director.monitor.ownsLeg(legId, { supervisorId: p.id })) throw new AcdError('not_found', `There is no listening leg ${legId} of yours; it may have ended.`)
            if (typeof c !== 'object' || c === null || typeof c.candidate !== 'string') throw new MonitorFrameError('"candidate" must be an ICE candidate object')
            return director.media.candidate(legId, { candidate: c.candidate, sdpMid: typeof c.sdpMid === 'string' ? c.sdpMid : null, sdpMLineIndex: typeof c.sdpMLineIndex === 'number' ? c.sdpMLineIndex : null })
          }
          default: throw new MonitorFrameError(`"${String(f.type).slice(0, 32)}" is not a frame the monitor sends`)
        }
      }).catch((err: unknown) => {
        if (err instanceof AcdError || err instanceof MediaError || err instanceof MonitorFrameError) send({ type: 'refused', frame: f.type, error: err.message })
        else { req.log.error({ err }, 'a monitor frame failed'); send({ type: 'refused', frame: f.type, error: 'The server could not do that; try again.' }) }
      })
    })
    socket.on('close', () => {
      stopBeat()
      for (const w of mine) void director.monitor.stop(w, 'signed-out')
    })
  })
}
