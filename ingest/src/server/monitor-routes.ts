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
import { parseMonitorFrame, type MonitorFrame, type MonitorMode } from '../desk/agent-frames.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'
import { actorOf } from './auth/audit-actor.ts'
import { heartbeat } from './socket-heartbeat.ts'

export interface MonitorRoutesOptions {
  director: CallDirector; audit: AuditLog; sockets: SocketRegistry; agentName: (id: string) => string; queueName: (id: string) => string
  /** A user's display name (王芳), said in the journey and to the agent; the sign-in name otherwise. */
  displayName: (userId: string) => string | undefined
}

const access = { permission: 'calls:monitor' } as const

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
      let f: MonitorFrame
      try { f = parseMonitorFrame(raw.toString('utf8')) } catch (err) { send({ type: 'refused', error: (err as Error).message }); return }
      const ownLeg = (legId: string): string => {
        if (!director.monitor.ownsLeg(legId, { supervisorId: p.id })) throw new AcdError('not_found', `There is no listening leg ${legId} of yours; it may have ended.`)
        return legId
      }
      Promise.resolve().then(async () => {
        switch (f.type) {
          case 'start': {
            const call = director.liveCall(f.contactId)
            if (!call || !seesQueue(p.queues, call.queueId)) throw new AcdError('not_found', `There is no live browser call ${f.contactId} in your teams' queues; it may have ended.`)
            mine.add(await director.monitor.start(sup, f.contactId, f.mode))
            return
          }
          case 'mode': return director.monitor.change(f.watchId, p.id, f.mode)
          case 'stop': return director.monitor.stop(f.watchId, 'supervisor')
          case 'answer': return director.media.answer(ownLeg(f.legId), f.sdp)
          case 'candidate': return director.media.candidate(ownLeg(f.legId), f.candidate)
        }
      }).catch((err: unknown) => {
        if (err instanceof AcdError || err instanceof MediaError) send({ type: 'refused', frame: f.type, error: err.message })
        else { req.log.error({ err }, 'a monitor frame failed'); send({ type: 'refused', frame: f.type, error: 'The server could not do that; try again.' }) }
      })
    })
    socket.on('close', () => {
      stopBeat()
      for (const w of mine) void director.monitor.stop(w, 'signed-out')
    })
  })
}
