/**
 * The access side of the running system: the directory loaded from the store and kept in sync,
 * sessions, the audit log, the open-socket registry (closing what a change revokes), the scope
 * sources, and the first-run accounts.
 */
import type { Store } from '@agner/analytics'
import { DEMO_AGENTS } from '@agner/seeds'
import { bootstrapAccess, type BootstrapResult } from './access/bootstrap.ts'
import { AccessDirectory } from './access/directory.ts'
import type { ScopeSources } from './access/principals.ts'
import { Sessions } from './access/sessions.ts'
import { accessTables } from './access/store/access-tables.ts'
import { AuditLog } from './access/store/audit-log.ts'
import type { Config } from './config.ts'
import type { LiveEngine } from './live/engine.ts'
import type { SecurityOptions } from './server/app.ts'
import { CLOSE_SIGNED_OUT, SocketRegistry } from './server/auth/socket-registry.ts'

export interface AccessRuntime {
  directory: AccessDirectory
  sessions: Sessions
  audit: AuditLog
  sockets: SocketRegistry
  scopes: ScopeSources
}

export async function startAccess(store: Store, config: Config, engine: LiveEngine): Promise<{ access: AccessRuntime; bootstrap: BootstrapResult }> {
  const directory = new AccessDirectory(accessTables(store.client, config.tenant))
  await directory.load()
  const sockets = new SocketRegistry()
  directory.onChange((c) => sockets.onChange(c))
  const demoAgentQueues = new Map(DEMO_AGENTS.map((a) => [a.id, a.queues]))
  const scopes: ScopeSources = {
    team: (id) => directory.get('teams', id),
    agentQueues: (agentId) => {
      const learned = engine.agentQueuesOf(agentId)
      return learned.length > 0 ? learned : config.demo ? demoAgentQueues.get(agentId) ?? [] : []
    },
  }
  const sessions = new Sessions(directory, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs })
  const audit = new AuditLog(store.client, config.tenant)
  const bootstrap = await bootstrapAccess(directory, { tenant: config.tenant, adminPassword: config.adminPassword, demo: config.demo })
  directory.startSync(config.accessSyncMs, () => undefined)
  // A live socket counts as use, so a wall screen signed in as a user stays up through the idle
  // timeout; the absolute timeout still ends it.
  const sweep = setInterval(() => {
    const now = Date.now()
    sockets.closeWhere((p) => {
      if (p.kind !== 'user') return false
      const s = directory.get('sessions', p.sessionId ?? '')
      return !s || s.endedMs !== 0 || now - s.createdMs > config.sessionAbsoluteMs
    }, CLOSE_SIGNED_OUT, 'session expired; sign in again')
    for (const p of sockets.principals()) {
      const s = p.kind === 'user' ? directory.get('sessions', p.sessionId ?? '') : undefined
      if (s && s.endedMs === 0) s.lastSeenMs = Math.max(s.lastSeenMs, now)
    }
  }, 30_000)
  sweep.unref()
  directory.onStop(() => clearInterval(sweep))
  return { access: { directory, sessions, audit, sockets, scopes }, bootstrap }
}

/** Sign-in limits, cookies, CORS and proxy trust, from the configuration. */
export function securityOptions(config: Config): SecurityOptions {
  return {
    login: { userFreeAttempts: 5, ipFreeAttempts: 20, baseDelayMs: config.loginBackoffMs, maxDelayMs: config.loginBackoffMaxMs },
    sessionAbsoluteMs: config.sessionAbsoluteMs, cookieSecure: config.cookieSecure, corsOrigins: config.corsOrigins, trustProxy: config.trustProxy,
  }
}
