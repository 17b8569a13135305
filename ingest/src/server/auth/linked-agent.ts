/** The agent the signed-in user is linked to, for the routes that act on "my" schedule, time off and swaps. */
import type { FastifyRequest } from 'fastify'
import { ReportInputError } from '@agner/analytics'
import { sayWfm } from '../../wfm/wfm-sentences.ts'

/** The caller's agent id; a user linked to no agent gets a 403 saying what to do. */
export function linkedAgentId(req: FastifyRequest): string {
  const agentId = req.principal!.agentId
  if (!agentId) throw new ReportInputError(sayWfm('notLinked'), 403)
  return agentId
}
