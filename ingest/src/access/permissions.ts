/**
 * The permission matrix: the one place that says what each role may do. The README's table is
 * this table; `ingest/test/route-matrix.test.ts` checks every route against its own copy of it.
 */
export const ROLES = ['agent', 'supervisor', 'planner', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'live:read', // live queue and agent figures (scoped to the principal's queues)
  'boards:read', // wallboards of the principal's teams
  'boards:write', // create, change and delete wallboards
  'displays:manage', // create and revoke wallboard display links
  'contacts:read', // contact records (callers' numbers masked without `pii`)
  'reports:read',
  'reports:export',
  'wfm:read',
  'wfm:write',
  'agent:desktop', // the agent's own softphone and state controls
  'agents:control', // force an agent's status or log them out (agents of the principal's queues)
  'events:write', // POST /api/events
  'users:manage', // users, roles and teams
  'tokens:manage', // API tokens
  'audit:read',
  'settings:write', // queue and center configuration
  'recordings:read', // play call recordings (supervisors and managers: their teams' queues); each playback is audited
  'calls:monitor', // listen to, whisper in and barge into live calls of the principal's queues
  'alerts:read', // the alert bell: alerts about the principal's queues and their agents (admins also sources')
  'pii', // callers' numbers unmasked; granted per user by an admin
] as const
export type Permission = (typeof PERMISSIONS)[number]

const ALL = PERMISSIONS.filter((p) => p !== 'agent:desktop')

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  agent: ['live:read', 'agent:desktop'],
  supervisor: ['live:read', 'boards:read', 'boards:write', 'displays:manage', 'contacts:read', 'reports:read', 'reports:export', 'wfm:read', 'agents:control', 'recordings:read', 'calls:monitor', 'alerts:read'],
  planner: ['live:read', 'boards:read', 'reports:read', 'wfm:read', 'wfm:write', 'alerts:read'],
  manager: ['live:read', 'boards:read', 'contacts:read', 'reports:read', 'reports:export', 'wfm:read', 'recordings:read', 'alerts:read'],
  admin: ALL,
}

/** Roles whose view is limited to their teams' queues (admins and planners see the whole center; agents their own queues). */
export const TEAM_SCOPED_ROLES: readonly Role[] = ['supervisor', 'manager']

/** What an API token may be granted: integrations, never user administration. */
export const TOKEN_SCOPES = ['events:write', 'live:read', 'contacts:read', 'reports:read', 'reports:export', 'wfm:read', 'pii'] as const satisfies readonly Permission[]
export type TokenScope = (typeof TOKEN_SCOPES)[number]

export function isRole(x: unknown): x is Role { return typeof x === 'string' && (ROLES as readonly string[]).includes(x) }
export function isTokenScope(x: unknown): x is TokenScope { return typeof x === 'string' && (TOKEN_SCOPES as readonly string[]).includes(x) }

/** A user's permissions: the role's, plus `pii` when an admin granted it. */
export function userPermissions(role: Role, piiGranted: boolean): Set<Permission> {
  const set = new Set<Permission>(ROLE_PERMISSIONS[role])
  if (piiGranted) set.add('pii')
  return set
}
