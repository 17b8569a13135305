/**
 * After a restart, the ACD rebuilds itself from the events it published before (read back from
 * the store): each agent's status comes back as it was; nothing is left waiting forever. The
 * media of contacts in flight did not survive the restart, so each is closed: waiting or ringing
 * ones leave their queue with outcome `error` and the reason, connected ones end with
 * `endedBy: system`, and their agents come back idle.
 */
import type { CanonicalEvent } from '@agner/events'
import type { AcdEngine } from './engine-desk.ts'
import type { AgentStatus } from './types.ts'

export const RESTART_REASON = 'the ACD restarted while this contact was in progress; its media did not survive'

interface OpenContact { contactId: string; interactionId?: string; channel?: CanonicalEvent['channel']; queueId?: string; queuedAt?: number; agentId?: string; offerId?: string; offeredAt?: number; connectedAt?: number; state: 'queued' | 'offered' | 'connected' | 'wrap' }

export interface RecoveryReport { agents: number; closedWaiting: number; closedConnected: number; closedWrap: number }

export function recoverAcd(engine: AcdEngine, events: readonly CanonicalEvent[]): RecoveryReport {
  const sorted = [...events].sort((a, b) => a.time - b.time || a.id.localeCompare(b.id))
  const status = new Map<string, { status: AgentStatus; reasonCode?: string }>()
  const open = new Map<string, OpenContact>()
  for (const e of sorted) {
    const c = e.contactId ? open.get(e.contactId) : undefined
    const d = e.data as Record<string, unknown>
    switch (e.type) {
      case 'agent.status_changed': status.set(e.agentId!, { status: d.status as AgentStatus, ...(d.reasonCode ? { reasonCode: String(d.reasonCode) } : {}) }); break
      case 'contact.queued': open.set(e.contactId!, { contactId: e.contactId!, interactionId: e.interactionId, channel: e.channel, queueId: e.queueId, queuedAt: e.time, state: 'queued' }); break
      case 'contact.offered': if (c) Object.assign(c, { state: 'offered', agentId: d.agentId, offerId: d.offerId, offeredAt: e.time }); break
      case 'contact.offer_ended': if (c) Object.assign(c, { state: 'queued', agentId: undefined, offerId: undefined }); break
      case 'contact.dequeued': if (c && d.outcome !== 'answered') open.delete(c.contactId); break
      case 'contact.connected': if (c) Object.assign(c, { state: 'connected', agentId: d.agentId, connectedAt: e.time }); break
      case 'contact.ended': if (c) c.state = 'wrap'; break
      case 'contact.wrapup_ended': open.delete(e.contactId!); break
    }
  }
  const report: RecoveryReport = { agents: 0, closedWaiting: 0, closedConnected: 0, closedWrap: 0 }
  for (const [agentId, s] of status) {
    if (engine.restoreStatus(agentId, s.status, s.reasonCode)) report.agents++
  }
  for (const c of open.values()) {
    const kind = engine.closeStale(c, RESTART_REASON)
    if (kind === 'waiting') report.closedWaiting++
    else if (kind === 'connected') report.closedConnected++
    else if (kind === 'wrap') report.closedWrap++
  }
  return report
}

export type StaleContact = OpenContact
