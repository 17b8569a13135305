/**
 * The agent-control API, the softphone's backend, on the embedded ACD:
 *   GET  /api/agent                                   my status, activity, ringing offer, contacts
 *   POST /api/agent/status                            {status, reasonCode?}: log in/out, ready, aux
 *   POST /api/agent/offers/:offerId/accept | reject
 *   POST /api/agent/contacts/:contactId/hold | resume | end | wrapup {dispositionCode} | transfer {queueId}
 *   WS   /ws/agent                                    my state on connect, then my offers and contact changes
 * Supervisors: POST /api/agents/:agentId/status (force status or log out; agents of their queues; for
 * an agent on a PBX it is carried out there, for one of the live demo's simulated agents in the simulation).
 * Telephony adapters: POST /api/acd/contacts {queueId, ani?, priority?}, POST /api/acd/contacts/:id/hangup,
 * POST /api/acd/contacts/:id/callback {number} (the caller keeps their place and is called back),
 * POST /api/acd/ivr/:ivrId/calls {ani?} (a call enters an IVR flow), POST /api/acd/contacts/:id/dtmf {digit}.
 * Agents act only on themselves. An illegal command gets 409 with the reason and changes nothing.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { AcdError, type AcdEngine, type RealtimeAcd } from '@agner/telephony'
import { seesQueue, type Principal } from '../access/principal.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'
import type { PbxControl } from '../sources/pbx-control.ts'
import type { LiveEngine } from '../live/engine.ts'
import type { CallDirector } from '../desk/call-director.ts'
import { deskSocket } from './desk-socket.ts'

export interface AgentRoutesOptions {
  acd: RealtimeAcd
  sockets: SocketRegistry
  /** Agents who live on a PBX (a source hosts them): their status is carried out there. */
  pbx?: Pick<PbxControl, 'hosts' | 'setStatus'>
  engine?: Pick<LiveEngine, 'agentQueuesOf' | 'snapshot' | 'agentName'>
  /** Browser calls and chats: media legs and messages ride the agent's socket. */
  director?: CallDirector
  /** The demo's simulated floor: its agents' status is set in the simulation that drives them. */
  simulated?: SimulatedFloor
}

/** Agents a simulation drives (the live demo): a supervisor's status change is carried out there. */
export interface SimulatedFloor {
  hosts(agentId: string): boolean
  setStatus(agentId: string, status: 'available' | 'aux' | 'offline', reasonCode: string | undefined): void
}

const ID = { type: 'string', pattern: '^[0-9A-Za-z_.:-]{1,128}$' } as const
/** Agent ids of PBX agents carry the PBX's names: `1001@default`, `Local/9990@from-queue`. */
const AGENT_ID = { type: 'string', pattern: '^[0-9A-Za-z_.:@/-]{1,128}$' } as const
const STATUS_BODY = {
  type: 'object', required: ['status'], additionalProperties: false,
  properties: { status: { type: 'string', enum: ['available', 'aux', 'offline'] }, reasonCode: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

export function agentView(engine: AcdEngine, agentId: string) {
  const a = engine.agent(agentId)
  return {
    agentId: a.id, name: a.name, status: a.status, reasonCode: a.reasonCode, activity: a.activity, next: a.next ?? null,
    offer: a.offer ? { offerId: a.offer.id, contactId: a.offer.contact.id, queueId: a.offer.contact.queueId, channel: a.offer.contact.channel, since: a.offer.at, consultFrom: a.offer.contact.consultOf?.agentId ?? null, consultFromName: a.offer.contact.consultOf ? engine.findAgent(a.offer.contact.consultOf.agentId)?.name ?? null : null } : null,
    contacts: [...a.contacts].map((id) => { const c = engine.contact(id); return { contactId: c.id, state: c.state, queueId: c.queueId, channel: c.channel, connectedAt: c.connectedAt, endedAt: c.endedAt || null, holdStart: c.state === 'held' ? c.holdStart : null, consult: c.consult ?? null, consultOf: c.consultOf ? { ...c.consultOf, name: engine.findAgent(c.consultOf.agentId)?.name ?? c.consultOf.agentId } : null, consultWith: consultWith(engine, c.consult) } }),
  }
}

/** The desk's view of an agent who lives on a PBX, from their live state. */
function pbxAgentView(live: Pick<LiveEngine, 'snapshot' | 'agentName'>, agentId: string) {
  const a = live.snapshot().agents.find((x) => x.agentId === agentId)
  const state = a?.state ?? 'offline'
  const activity = state === 'reserved' ? 'offered' : state === 'busy' ? 'on_contact' : state === 'wrap' ? 'wrap_up' : 'idle'
  const contacts = a?.contactId && (state === 'busy' || state === 'wrap')
    ? [{ contactId: a.contactId, state: state === 'busy' ? 'connected' : 'wrap', queueId: a.contactQueueId, channel: 'voice', connectedAt: a.contactSince ?? a.stateSince, endedAt: state === 'wrap' ? a.stateSince : null, holdStart: null, consult: null, consultOf: null, consultWith: null, onPbx: true }]
    : []
  return {
    agentId, name: live.agentName(agentId), status: state === 'offline' ? 'offline' : state === 'aux' ? 'aux' : 'available', reasonCode: a?.reasonCode ?? null,
    activity, next: null, offer: null, contacts, onPbx: true,
  }
}

/** The agent a consult rings or talks to, by name. */
function consultWith(engine: AcdEngine, consultId: string | undefined): { agentId: string; name: string; answered: boolean } | null {
  const k = consultId ? engine.peekContact(consultId) : undefined
  const agentId = k?.agentId ?? k?.offer?.agentId
  if (!k || !agentId) return null
  return { agentId, name: engine.findAgent(agentId)?.name ?? agentId, answered: k.state === 'connected' || k.state === 'held' }
}

/** Runs `fn`; an AcdError becomes 404 (unknown) or 409 (not allowed now) with its sentence. */
async function attempt<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AcdError) return reply.status(err.code === 'not_found' ? 404 : 409).send({ error: err.message })
    throw err
  }
}

export const agentRoutes: FastifyPluginAsync<AgentRoutesOptions> = async (app, { acd, sockets, pbx, engine: live, director, simulated }) => {
  const desk = { permission: 'agent:desktop' } as const

  /** Runs an ACD command for the caller's own agent; AcdError becomes 404/409 with its sentence. */
  async function command(req: FastifyRequest, reply: FastifyReply, fn: (engine: AcdEngine, agentId: string) => unknown): Promise<unknown> {
    const agentId = req.principal!.agentId
    if (!agentId) return reply.status(409).send({ error: 'Your account is not linked to an agent; ask an admin to set your agent ID.' })
    return attempt(reply, () => acd.run((engine) => { fn(engine, agentId); return agentView(engine, agentId) }))
  }

  app.get('/api/agent', { config: { access: desk } }, async (req, reply) => {
    const mine = req.principal!.agentId
    // An agent on a PBX: what the PBX reported, from the live engine (the desk reads it every 2 s).
    if (mine && live && pbx?.hosts(mine)) return pbxAgentView(live, mine)
    return command(req, reply, () => undefined)
  })

  app.post('/api/agent/status', { schema: { body: STATUS_BODY }, config: { access: desk } }, async (req, reply) => {
    const b = req.body as { status: 'available' | 'aux' | 'offline'; reasonCode?: string }
    const mine = req.principal!.agentId
    if (mine && pbx?.hosts(mine)) return pbx.setStatus(mine, b.status, b.reasonCode, 'agent')
    return command(req, reply, (engine, id) => engine.setStatus(id, b.status, b.reasonCode, 'agent'))
  })

  const offerParams = { type: 'object', required: ['offerId'], properties: { offerId: ID } } as const
  app.post('/api/agent/offers/:offerId/accept', { schema: { params: offerParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.accept(id, (req.params as { offerId: string }).offerId)))
  app.post('/api/agent/offers/:offerId/reject', { schema: { params: offerParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.reject(id, (req.params as { offerId: string }).offerId)))

  const contactParams = { type: 'object', required: ['contactId'], properties: { contactId: ID } } as const
  const contact = (req: FastifyRequest): string => (req.params as { contactId: string }).contactId
  app.post('/api/agent/contacts/:contactId/hold', { schema: { params: contactParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.hold(id, contact(req))))
  app.post('/api/agent/contacts/:contactId/resume', { schema: { params: contactParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.resume(id, contact(req))))
  app.post('/api/agent/contacts/:contactId/end', { schema: { params: contactParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.end(id, contact(req))))
  app.post('/api/agent/contacts/:contactId/wrapup', {
    schema: { params: contactParams, body: { type: 'object', additionalProperties: false, properties: { dispositionCode: { type: 'string', maxLength: 64 }, notes: { type: 'string', maxLength: 2000 } } } },
    config: { access: desk },
  }, async (req, reply) => {
    const b = (req.body ?? {}) as { dispositionCode?: string; notes?: string }
    return command(req, reply, (engine, id) => engine.wrapUp(id, contact(req), b.dispositionCode ?? '', b.notes?.trim() || undefined))
  })
  // Blind transfer: to a queue (a new queue visit) or to an agent who is ready (rings them; their queue's line if unanswered).
  app.post('/api/agent/contacts/:contactId/transfer', {
    schema: { params: contactParams, body: { type: 'object', additionalProperties: false, properties: { queueId: ID, agentId: AGENT_ID } } },
    config: { access: desk },
  }, async (req, reply) => {
    const b = req.body as { queueId?: string; agentId?: string }
    if ((b.queueId === undefined) === (b.agentId === undefined)) return reply.status(400).send({ error: 'Say where to transfer: either "queueId" or "agentId".' })
    return command(req, reply, (engine, id) => b.agentId ? engine.transferToAgent(id, contact(req), b.agentId) : engine.transferToQueue(id, contact(req), b.queueId!))
  })
  // Consult transfer: the customer holds while the agent talks to another agent, then completes or cancels.
  app.post('/api/agent/contacts/:contactId/consult', {
    schema: { params: contactParams, body: { type: 'object', required: ['agentId'], additionalProperties: false, properties: { agentId: AGENT_ID } } },
    config: { access: desk },
  }, async (req, reply) => command(req, reply, (engine, id) => engine.consult(id, contact(req), (req.body as { agentId: string }).agentId)))
  app.post('/api/agent/contacts/:contactId/consult/complete', { schema: { params: contactParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.completeConsult(id, contact(req))))
  app.post('/api/agent/contacts/:contactId/consult/cancel', { schema: { params: contactParams }, config: { access: desk } }, async (req, reply) =>
    command(req, reply, (engine, id) => engine.cancelConsult(id, contact(req))))
  // "Next status": taken once the last contact is wrapped up (null clears it).
  app.post('/api/agent/next-status', {
    schema: { body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: ['string', 'null'], enum: ['available', 'aux', 'offline', null] }, reasonCode: { type: 'string', minLength: 1, maxLength: 64 } } } },
    config: { access: desk },
  }, async (req, reply) => {
    const b = req.body as { status: 'available' | 'aux' | 'offline' | null; reasonCode?: string }
    return command(req, reply, (engine, id) => engine.setNextStatus(id, b.status ? { status: b.status, ...(b.reasonCode ? { reasonCode: b.reasonCode } : {}) } : null))
  })

  app.get('/ws/agent', { websocket: true, config: { access: desk } }, (socket, req) => {
    const p = req.principal!
    if (!p.agentId) { socket.close(4409, 'your account is not linked to an agent'); return }
    sockets.track(socket, p)
    void acd.run((engine) => agentView(engine, p.agentId!)).then((state) => socket.send(JSON.stringify({ type: 'state', ...state })), () => undefined)
    const unsubscribe = acd.subscribe((e) => {
      if (e.agentId !== p.agentId) return
      socket.send(JSON.stringify({ type: 'event', event: e }))
    })
    const detach = director ? deskSocket(socket, p.agentId, director, acd, req.log) : undefined
    socket.on('close', () => { unsubscribe(); detach?.() })
  })

  // Supervisors: force an agent's status or log them out, for agents of the queues they see.
  app.post('/api/agents/:agentId/status', {
    schema: { params: { type: 'object', required: ['agentId'], properties: { agentId: AGENT_ID } }, body: STATUS_BODY },
    config: { access: { permission: 'agents:control' } },
  }, async (req, reply) => {
    const { agentId } = req.params as { agentId: string }
    const b = req.body as { status: 'available' | 'aux' | 'offline'; reasonCode?: string }
    if (pbx?.hosts(agentId)) {
      if (!inScope(req.principal!, live?.agentQueuesOf(agentId) ?? [])) return reply.status(404).send({ error: `There is no agent "${agentId}" in your teams.` })
      return pbx.setStatus(agentId, b.status, b.reasonCode, 'supervisor')
    }
    if (simulated?.hosts(agentId)) {
      if (!inScope(req.principal!, live?.agentQueuesOf(agentId) ?? [])) return reply.status(404).send({ error: `There is no agent "${agentId}" in your teams.` })
      return attempt(reply, async () => { simulated.setStatus(agentId, b.status, b.reasonCode); return { agentId, status: b.status, reasonCode: b.reasonCode ?? null, simulated: true } })
    }
    return attempt(reply, () => acd.run((engine) => {
      const a = engine.agent(agentId)
      if (!inScope(req.principal!, a.queues.map((q) => q.cfg.id))) throw new AcdError('not_found', `There is no agent "${agentId}" in your teams.`)
      engine.setStatus(agentId, b.status, b.reasonCode, 'supervisor')
      return agentView(engine, agentId)
    }))
  })

  // Telephony adapters (and tests): a call arrives at a queue, or the caller hangs up.
  const events = { permission: 'events:write' } as const
  app.post('/api/acd/contacts', {
    schema: { body: { type: 'object', required: ['queueId'], additionalProperties: false, properties: {
      queueId: ID, ani: { type: 'string', maxLength: 64 }, priority: { type: 'integer', minimum: 0, maximum: 1000 },
    } } },
    config: { access: events },
  }, async (req, reply) => {
    const b = req.body as { queueId: string; ani?: string; priority?: number }
    return attempt(reply, async () => reply.status(201).send({ contactId: await acd.run((engine) => engine.arrive(b)) }))
  })
  app.post('/api/acd/ivr/:ivrId/calls', {
    schema: {
      params: { type: 'object', required: ['ivrId'], properties: { ivrId: ID } },
      body: { type: 'object', additionalProperties: false, properties: { ani: { type: 'string', maxLength: 64 } } },
    },
    config: { access: events },
  }, async (req, reply) => attempt(reply, async () => {
    const { ivrId } = req.params as { ivrId: string }
    const ani = (req.body as { ani?: string } | undefined)?.ani
    return reply.status(201).send({ contactId: await acd.run((engine) => engine.arriveIvr({ ivrId, ...(ani ? { ani } : {}) })) })
  }))
  app.post('/api/acd/contacts/:contactId/dtmf', {
    schema: { params: contactParams, body: { type: 'object', required: ['digit'], additionalProperties: false, properties: { digit: { type: 'string', pattern: '^[0-9*#]$' } } } },
    config: { access: events },
  }, async (req, reply) => attempt(reply, async () => { await acd.run((engine) => engine.ivrInput(contact(req), (req.body as { digit: string }).digit)); return { ok: true } }))
  app.post('/api/acd/contacts/:contactId/callback', {
    schema: { params: contactParams, body: { type: 'object', required: ['number'], additionalProperties: false, properties: { number: { type: 'string', maxLength: 24 } } } },
    config: { access: events },
  }, async (req, reply) => attempt(reply, async () => ({ callbackContactId: await acd.run((engine) => engine.requestCallback(contact(req), (req.body as { number: string }).number)) })))
  app.post('/api/acd/contacts/:contactId/hangup', { schema: { params: contactParams }, config: { access: events } }, async (req, reply) => {
    return attempt(reply, async () => { await acd.run((engine) => engine.callerHangup(contact(req))); return { ok: true } })
  })
}

function inScope(p: Principal, queues: string[]): boolean {
  return p.queues === 'all' || queues.some((q) => seesQueue(p.queues, q))
}
