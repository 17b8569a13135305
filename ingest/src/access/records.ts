/** The access directory's records, as the domain sees them (store rows are their snake_case twins). */
import type { Role, TokenScope } from './permissions.ts'
import type { TokenKind } from './secrets.ts'

export interface Versioned { updatedMs: number }

export interface UserRecord extends Versioned {
  id: string
  username: string
  displayName: string
  passwordHash: string
  role: Role
  teamIds: string[]
  agentId: string
  pii: boolean
  locale: string
  theme: string
  disabled: boolean
  deleted: boolean
  createdMs: number
}

export interface TeamRecord extends Versioned {
  id: string
  name: string
  queueIds: string[]
  deleted: boolean
  createdMs: number
}

export interface BoardRecord extends Versioned {
  id: string
  name: string
  teamId: string
  queueIds: string[]
  /** The board's widgets and pages, as JSON (the wallboard editor owns its shape). */
  layout: string
  deleted: boolean
  createdBy: string
  createdMs: number
}

export interface TokenRecord extends Versioned {
  id: string
  kind: TokenKind
  name: string
  secretHash: string
  scopes: TokenScope[]
  boardId: string
  createdBy: string
  createdMs: number
  /** 0 while the token works. */
  revokedMs: number
  lastUsedMs: number
}

export interface SessionRecord extends Versioned {
  idHash: string
  userId: string
  csrfToken: string
  ip: string
  userAgent: string
  createdMs: number
  lastSeenMs: number
  /** 0 while the session is open. */
  endedMs: number
}

/** A user as every API returns it: never the password hash. */
export type PublicUser = Omit<UserRecord, 'passwordHash' | 'deleted' | 'updatedMs'>
export function publicUser(u: UserRecord): PublicUser {
  const { passwordHash: _h, deleted: _d, updatedMs: _u, ...rest } = u
  return rest
}

/** A token as every API returns it: never the secret or its hash. */
export type PublicToken = Omit<TokenRecord, 'secretHash' | 'updatedMs'> & { active: boolean }
export function publicToken(t: TokenRecord): PublicToken {
  const { secretHash: _s, updatedMs: _u, ...rest } = t
  return { ...rest, active: t.revokedMs === 0 }
}
