/** Who did it, for the audit trail: the request's principal and address. */
import type { FastifyRequest } from 'fastify'
import type { AuditEntry } from '../../access/store/audit-log.ts'

export function actorOf(req: FastifyRequest): Pick<AuditEntry, 'actorId' | 'actorName' | 'actorKind' | 'ip'> {
  const p = req.principal
  return { actorId: p?.id ?? '', actorName: p?.name ?? '', actorKind: p?.kind ?? 'anonymous', ip: req.ip }
}
