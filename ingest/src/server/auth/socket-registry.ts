/**
 * Open WebSockets and who opened them, so that revoking a token, ending a session or changing a
 * user closes their sockets at once (the client reconnects, and is refused or re-scoped).
 */
import type { WebSocket } from 'ws'
import type { Change } from '../../access/directory.ts'
import type { Principal } from '../../access/principal.ts'

/** Close codes the web app understands: 4401 sign in again, 4403 access withdrawn, 4409 reconnect for new settings. */
export const CLOSE_SIGNED_OUT = 4401
export const CLOSE_REVOKED = 4403
export const CLOSE_RESCOPED = 4409

export class SocketRegistry {
  private readonly open = new Map<WebSocket, Principal>()

  track(socket: WebSocket, principal: Principal): void {
    this.open.set(socket, principal)
    socket.once('close', () => this.open.delete(socket))
  }

  get size(): number { return this.open.size }

  principals(): Principal[] { return [...this.open.values()] }

  closeWhere(match: (p: Principal) => boolean, code: number, reason: string): number {
    let n = 0
    for (const [socket, p] of this.open) {
      if (!match(p)) continue
      this.open.delete(socket)
      socket.close(code, reason)
      n++
    }
    return n
  }

  /** What a directory change withdraws. */
  onChange(c: Change): void {
    switch (c.table) {
      case 'tokens':
        if (c.after.revokedMs !== 0) this.closeWhere((p) => p.kind !== 'user' && p.id === c.after.id, CLOSE_REVOKED, 'this link or token was revoked')
        break
      case 'sessions':
        if (c.after.endedMs !== 0) this.closeWhere((p) => p.sessionId === c.after.idHash, CLOSE_SIGNED_OUT, 'signed out')
        break
      case 'users': {
        const b = c.before
        const a = c.after
        if (!b) break
        if (a.deleted || a.disabled) this.closeWhere((p) => p.kind === 'user' && p.id === a.id, CLOSE_REVOKED, 'account disabled')
        else if (b.role !== a.role || b.pii !== a.pii || b.agentId !== a.agentId || b.teamIds.join() !== a.teamIds.join()) {
          this.closeWhere((p) => p.kind === 'user' && p.id === a.id, CLOSE_RESCOPED, 'your access changed; reconnect')
        }
        break
      }
      case 'teams':
        if (c.before && (c.after.deleted || c.before.queueIds.join() !== c.after.queueIds.join())) {
          this.closeWhere((p) => p.kind === 'user' && p.queues !== 'all', CLOSE_RESCOPED, 'team queues changed; reconnect')
        }
        break
      case 'boards':
        if (c.before && (c.after.deleted || c.before.queueIds.join() !== c.after.queueIds.join())) {
          this.closeWhere((p) => p.boardId === c.after.id, c.after.deleted ? CLOSE_REVOKED : CLOSE_RESCOPED, c.after.deleted ? 'board deleted' : 'board changed; reconnect')
        }
        break
    }
  }
}
