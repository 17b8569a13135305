/**
 * Cookie sessions: a random id (only its hash is stored), a CSRF token bound to it, an idle
 * timeout and an absolute one. Logout ends the session in the store, so no copy of the cookie
 * works afterwards, on any process. `lastSeen` is written at most once a minute per session.
 */
import type { AccessDirectory } from './directory.ts'
import type { SessionRecord } from './records.ts'
import { hashSecret, newSecret } from './secrets.ts'

export interface SessionTimeouts { idleMs: number; absoluteMs: number }

const TOUCH_EVERY_MS = 60_000

export class Sessions {
  constructor(private readonly dir: AccessDirectory, private readonly timeouts: SessionTimeouts, private readonly now: () => number = Date.now) {}

  /** Opens a session; the returned secret goes in the cookie and is never stored. */
  async open(userId: string, ip: string, userAgent: string): Promise<{ secret: string; session: SessionRecord }> {
    const secret = newSecret()
    const t = this.now()
    const session = await this.dir.save('sessions', {
      idHash: hashSecret(secret), userId, csrfToken: newSecret(24), ip, userAgent: userAgent.slice(0, 256),
      createdMs: t, lastSeenMs: t, endedMs: 0, updatedMs: 0,
    })
    return { secret, session }
  }

  /** The open session for a cookie value, touched; undefined when unknown, ended or timed out. */
  async resolve(secret: string): Promise<SessionRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined
    const idHash = hashSecret(secret)
    const s = this.dir.get('sessions', idHash) ?? await this.dir.fetchSession(idHash)
    if (!s || s.endedMs !== 0) return undefined
    const t = this.now()
    if (t - s.lastSeenMs > this.timeouts.idleMs || t - s.createdMs > this.timeouts.absoluteMs) {
      await this.end(s)
      return undefined
    }
    if (t - s.lastSeenMs > TOUCH_EVERY_MS) return this.dir.save('sessions', { ...s, lastSeenMs: t })
    // Between writes, idleness is measured from the in-memory copy.
    s.lastSeenMs = t
    return s
  }

  async end(s: SessionRecord): Promise<void> {
    if (s.endedMs !== 0) return
    await this.dir.save('sessions', { ...s, endedMs: this.now() })
  }

  /** Ends every open session of a user (password changed, user disabled or deleted). */
  async endAllFor(userId: string): Promise<void> {
    for (const s of this.dir.list('sessions')) if (s.userId === userId && s.endedMs === 0) await this.end(s)
  }
}
