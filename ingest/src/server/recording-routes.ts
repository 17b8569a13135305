/**
 * A contact's recordings and chat transcript for its journey page, and playing a recording:
 *   GET /api/contacts/:id/media       the journey's recordings (for readers with recordings:read) and chat messages
 *   GET /api/recordings/:id/audio     the WebM file; every playback goes to the audit trail
 * Supervisors and managers reach the contacts and recordings of their teams' queues only.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import { chatTranscript, contactScope, recordingById, recordingsOfInteraction, type RecordingRow, type Store } from '@agner/analytics'
import { can, seesQueue, type Principal } from '../access/principal.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'

export interface RecordingRoutesOptions {
  store: Store
  tenant: string
  audit: AuditLog
  /** The recordings folder and how many days recordings are kept (said when one was deleted). */
  dir: string
  days: number
  agentName: (agentId: string) => string
}

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' } } } as const

const sees = (p: Principal, queues: readonly string[]): boolean => (queues.length === 0 ? p.queues === 'all' : queues.some((q) => seesQueue(p.queues, q)))

export const recordingRoutes: FastifyPluginAsync<RecordingRoutesOptions> = async (app, o) => {
  app.get('/api/contacts/:id/media', { schema: { params: ID }, config: { access: { permission: 'contacts:read' } } }, async (req, reply) => {
    const p = req.principal!
    const { id } = req.params as { id: string }
    const scope = await contactScope(o.store.client, o.tenant, id)
    if (!scope || !sees(p, scope.queues)) return reply.status(404).send({ error: `There is no contact ${id} in your teams' queues.` })
    const allowed = can(p, 'recordings:read')
    const [rows, transcript] = scope.interactionId
      ? await Promise.all([allowed ? recordingsOfInteraction(o.store.client, o.tenant, scope.interactionId) : Promise.resolve([]), chatTranscript(o.store.client, o.tenant, scope.interactionId)])
      : [[], []]
    return {
      interactionId: scope.interactionId, recordingsAllowed: allowed, retentionDays: o.days,
      recordings: rows.filter((r) => sees(p, [r.queueId])).map((r) => view(r, o.agentName)),
      transcript: transcript.map((m) => ({ id: m.messageId, time: m.time, sender: m.sender, agentName: m.agentId ? o.agentName(m.agentId) : '', text: m.text })),
    }
  })

  app.get('/api/recordings/:id/audio', { schema: { params: ID }, config: { access: { permission: 'recordings:read' } } }, async (req, reply) => {
    const p = req.principal!
    const { id } = req.params as { id: string }
    const r = await recordingById(o.store.client, o.tenant, id)
    if (!r) return reply.status(404).send({ error: `There is no recording ${id}.` })
    if (!sees(p, [r.queueId])) return reply.status(403).send({ error: 'This recording is of a call outside your teams\' queues; ask an admin or the team\'s supervisor.' })
    if (r.status === 'deleted') return reply.status(404).send({ error: `This recording was deleted on ${new Date(r.deletedMs).toISOString().slice(0, 10)}: recordings are kept ${o.days} days.` })
    const file = join(o.dir, r.path)
    const size = await stat(file).then((s) => s.size, () => -1)
    if (size <= 0) return reply.status(404).send({ error: r.error ? `This call was not recorded: ${r.error}.` : 'The recording\'s file is missing from the recordings folder; it may have been moved or deleted by hand.' })
    // One audit row per playback: a player's follow-up range requests are not new playbacks.
    const range = req.headers.range
    if (!range || /^bytes=0-/.test(range)) {
      await o.audit.record({ ...actorOf(req), action: 'recording.play', target: `recording:${id}`, ok: true, detail: { contactId: r.contactId, interactionId: r.interactionId, agentId: r.agentId, queueId: r.queueId } })
    }
    return reply.type('audio/webm').header('cache-control', 'no-store').header('content-length', size).send(createReadStream(file))
  })
}

function view(r: RecordingRow, agentName: (id: string) => string) {
  return {
    id: r.recordingId, contactId: r.contactId, startedMs: r.startedMs, durationMs: r.durationMs, bytes: r.bytes, sha256: r.sha256, status: r.status,
    ...(r.error ? { error: r.error } : {}), ...(r.deletedMs ? { deletedMs: r.deletedMs } : {}), pauses: r.pauses, agentId: r.agentId, agentName: r.agentId ? agentName(r.agentId) : '', queueId: r.queueId,
  }
}
