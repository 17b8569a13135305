/** Builds the Principal for a user, an API token or a display link. Pure. */
import type { Principal, QueueScope } from './principal.ts'
import { TEAM_SCOPED_ROLES, userPermissions, type Permission } from './permissions.ts'
import type { BoardRecord, TeamRecord, TokenRecord, UserRecord } from './records.ts'

export interface ScopeSources {
  team(id: string): TeamRecord | undefined
  /** The queues an agent serves (from the center's configuration). */
  agentQueues(agentId: string): readonly string[]
}

export function queueScopeOf(u: UserRecord, src: ScopeSources): QueueScope {
  if (u.role === 'agent') return new Set(u.agentId ? src.agentQueues(u.agentId) : [])
  if (!TEAM_SCOPED_ROLES.includes(u.role)) return 'all'
  const queues = new Set<string>()
  for (const id of u.teamIds) {
    const t = src.team(id)
    if (t && !t.deleted) for (const q of t.queueIds) queues.add(q)
  }
  return queues
}

export function userPrincipal(u: UserRecord, src: ScopeSources, sessionId?: string): Principal {
  return {
    kind: 'user', id: u.id, name: u.username, role: u.role, permissions: userPermissions(u.role, u.pii),
    queues: queueScopeOf(u, src), ...(sessionId ? { sessionId } : {}), ...(u.agentId ? { agentId: u.agentId } : {}), ...(u.locale ? { locale: u.locale } : {}),
  }
}

export function tokenPrincipal(t: TokenRecord): Principal {
  return { kind: 'token', id: t.id, name: t.name, permissions: new Set<Permission>(t.scopes), queues: 'all' }
}

export function displayPrincipal(t: TokenRecord, board: BoardRecord): Principal {
  return { kind: 'display', id: t.id, name: t.name, permissions: new Set(), queues: new Set(board.queueIds), boardId: board.id }
}
