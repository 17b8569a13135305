/**
 * Every route declares who may call it in `config.access`; the guard refuses to register one
 * that does not, so no route is ever born unguarded.
 *   'public'                       anyone (health probes, sign-in, the web app's files)
 *   'session'                      any signed-in user (their own profile, sign-out)
 *   { permission }                 users whose role grants it, and API tokens with that scope
 *   { permission, display: true }  the same, and wallboard display links (for their board only)
 */
import type { Permission } from '../../access/permissions.ts'
import type { Principal } from '../../access/principal.ts'

export type Access = 'public' | 'session' | { permission: Permission; display?: true }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
    /** Other sites whose pages may open this public route (the widget's socket on a center's own site). */
    origins?: readonly string[]
  }
  interface FastifyRequest { principal?: Principal }
}

export function describeAccess(a: Access): string {
  if (typeof a === 'string') return a
  return a.display ? `${a.permission} or display link` : a.permission
}
