/**
 * The screens showing each board (its live sockets), so a saved change reaches every TV at once:
 * a new layout or name is pushed as a `board` message; new queues need a new scope, so those
 * screens are asked to reconnect (4409) and resume from a fresh snapshot; a deleted board closes
 * them (4403).
 */
import type { WebSocket } from 'ws'
import type { BoardRecord } from '../access/records.ts'

export class BoardScreens {
  private readonly screens = new Map<string, Set<WebSocket>>()

  add(boardId: string, socket: WebSocket): void {
    let set = this.screens.get(boardId)
    if (!set) { set = new Set(); this.screens.set(boardId, set) }
    set.add(socket)
    const drop = (): void => { set.delete(socket); if (set.size === 0 && this.screens.get(boardId) === set) this.screens.delete(boardId) }
    socket.on('close', drop)
    socket.on('error', drop)
  }

  changed(before: BoardRecord, after: BoardRecord, view: (b: BoardRecord) => object): void {
    const set = this.screens.get(after.id)
    if (!set) return
    const sameQueues = before.queueIds.length === after.queueIds.length && before.queueIds.every((q) => after.queueIds.includes(q))
    const text = JSON.stringify({ type: 'board', board: view(after) })
    for (const s of set) {
      if (sameQueues) s.send(text)
      else s.close(4409, 'the board\'s queues changed; reconnect')
    }
  }

  deleted(boardId: string): void {
    for (const s of this.screens.get(boardId) ?? []) s.close(4403, 'the board was deleted')
  }
}
