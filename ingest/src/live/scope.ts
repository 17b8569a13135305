/** The part of a live snapshot or delta a principal may see: their queues, and agents serving them. */
import { seesQueue, type QueueScope } from '../access/principal.ts'
import type { AgentLive } from './agents.ts'
import type { QueueLive } from './queue-state.ts'

export function scopedView<T extends { queues: QueueLive[]; agents: AgentLive[] }>(view: T, scope: QueueScope): T {
  if (scope === 'all') return view
  return {
    ...view,
    queues: view.queues.filter((q) => seesQueue(scope, q.queueId)),
    agents: view.agents.filter((a) => a.queues.some((q) => seesQueue(scope, q))),
  }
}

export function isEmptyView(view: { queues: unknown[]; agents: unknown[] }): boolean {
  return view.queues.length === 0 && view.agents.length === 0
}
