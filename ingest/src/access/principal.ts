/**
 * Who is calling: a signed-in user, an API token or a wallboard display link, with what they may
 * do and which queues they may see. Built by the guard for every request; pure data.
 */
import type { Permission, Role } from './permissions.ts'

export type QueueScope = 'all' | ReadonlySet<string>

export interface Principal {
  kind: 'user' | 'token' | 'display'
  /** User id or token id. */
  id: string
  name: string
  role?: Role
  permissions: ReadonlySet<Permission>
  queues: QueueScope
  /** Display links: the one board they open. */
  boardId?: string
  /** Users: the session behind the request (its hash). */
  sessionId?: string
  /** Agents: the agent they are. */
  agentId?: string
  /** Users: the language they chose (sentences from the server are said in it). */
  locale?: string
}

export function can(p: Principal, permission: Permission): boolean {
  return p.permissions.has(permission)
}

export function seesQueue(scope: QueueScope, queueId: string): boolean {
  return scope === 'all' || scope.has(queueId)
}

export function seesAllOf(scope: QueueScope, queueIds: readonly string[]): boolean {
  return queueIds.every((q) => seesQueue(scope, q))
}

/** A stable key for caching per-scope renderings of the same data. */
export function scopeKey(scope: QueueScope): string {
  return scope === 'all' ? '*' : [...scope].sort().join(',')
}
