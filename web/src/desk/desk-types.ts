/** What the desk reads from the server (agent-routes.ts, desk-routes.ts). */
export interface Names { en: string; 'zh-CN': string }
export interface DeskContact {
  contactId: string; state: 'queued' | 'offered' | 'connected' | 'held' | 'wrap' | 'done' | 'ivr'; queueId: string | null; channel: string
  connectedAt: number; endedAt: number | null; holdStart: number | null; consult: string | null; consultOf: { agentId: string; contactId: string; name: string } | null; consultWith: { agentId: string; name: string; answered: boolean } | null
  /** A call on the agent's PBX phone (no media here). */
  onPbx?: boolean
}
export interface AgentView {
  agentId: string; name: string; status: 'available' | 'aux' | 'offline'; reasonCode: string | null; activity: string
  next: { status: 'available' | 'aux' | 'offline'; reasonCode?: string } | null
  offer: { offerId: string; contactId: string; queueId: string; channel: string; since: number; consultFrom: string | null; consultFromName: string | null } | null
  contacts: DeskContact[]
}
export interface DeskInfo {
  agentId: string; name: string; onPbx: boolean; embedded: boolean
  auxReasons: Array<{ code: string; name: Names }>; dispositions: Array<{ code: string; name: Names }>
  queues: Array<{ id: string; name: string; channel: string; wrapUpLimitMs: number | null }>
  transferQueues: Array<{ id: string; name: string; channel: string }>
  directory: Array<{ agentId: string; name: string; status: string; activity: string; ready: boolean }>
  iceServers: RTCIceServer[]
}
export interface ScreenPop {
  contactId: string; interactionId: string; channel: string; queueId: string | null; queueName: string | null; ani: string | null; masked: boolean
  form: { name: string | null; topic: string | null } | null; ivr: Array<{ node: string; input: string | null; time: number }>
  queuedAt: number | null; waitMs: number
  previous: Array<{ contactId: string; startedAt: number; queueId: string; channel: string; outcome: string; agentName: string; dispositionCode: string; notes: string; csat: number | null }>
}
export interface Today { handled: number; ahtMs: number | null; readyMs: number; queues: Array<{ queueId: string; name: string; waiting: number; oldestWaitingSince: number | null }>; serverTime: number }
export interface ChatLine { id: string; from: 'agent' | 'customer' | 'system'; text: string; time: number; status?: 'sending' | 'delivered' | 'read' }
