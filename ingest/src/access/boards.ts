/** Which boards a principal may open or change. Pure. */
import { seesAllOf, type Principal } from './principal.ts'
import type { BoardRecord } from './records.ts'

export function boardVisibleTo(p: Principal, b: BoardRecord): boolean {
  if (b.deleted) return false
  if (p.kind === 'display') return p.boardId === b.id
  return seesAllOf(p.queues, b.queueIds)
}
