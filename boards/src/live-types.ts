/**
 * The wire contract of /ws/live and the board feeds, as the browser sees it
 * (ingest/src/live/engine.ts produces it; ingest/test checks the two agree).
 */
export type DerivedState = 'ready' | 'reserved' | 'busy' | 'wrap' | 'aux' | 'offline'

export interface Figures {
  offered: number
  answered: number
  abandoned: number
  shortAbandons: number
  flowedOut: number
  callbacks: number
  handled: number
  serviceLevel: number | null
  asaMs: number | null
  ahtMs: number | null
  abandonRate: number | null
  /** Numerator and denominator of each ratio, for group figures. */
  parts: { serviceLevel: [number, number]; asa: [number, number]; aht: [number, number]; abandonRate: [number, number] }
}

export interface QueueLive {
  queueId: string
  name: string
  settings: { serviceLevelMs: number; shortAbandonMs: number; formula: string; formulaText: string; flowOutsInDenominator: boolean }
  waiting: number
  oldestWaitingSince: number | null
  waitingPastThreshold: number
  waitingContacts: Array<{ contactId: string; since: number }>
  agents: Record<DerivedState, number>
  today: Figures & { maxWaitMs: number }
  windows: Record<'15m' | '30m' | '60m', Figures>
}

export interface AgentLive {
  agentId: string
  name: string
  state: DerivedState
  reasonCode: string | null
  stateSince: number
  contactId: string | null
  contactQueueId: string | null
  contactSince: number | null
  /** The channel of the contact the agent is on. */
  contactChannel?: string
  /** The caller's number, always masked (138****5678): the contact's page shows it whole to those with `pii`. */
  contactCaller?: string
  handledToday: number
  queues: string[]
  /** Talk + hold + wrap-up of the contacts handled today (AHT = this ÷ handledToday). */
  handleMsToday?: number
  /** Today's time in each state for the stints that ended; the current one runs from `stateSince`. */
  stateMsToday?: Record<DerivedState, number>
}

/** A board as the server sends it (its layout as JSON text, checked with checkLayout). */
export interface BoardInfo { id: string; name: string; teamId: string; queueIds: string[]; layout: string; updatedMs: number }

export type LiveMessage =
  | { type: 'snapshot'; serverTime: number; dayStart: number; timeZone: string; tenant: string; queues: QueueLive[]; agents: AgentLive[]; board?: BoardInfo
      /** The center's own code names (aux reasons, dispositions) in both languages. */
      codes?: Record<string, Record<string, { en: string; 'zh-CN': string }>> }
  | { type: 'update'; serverTime: number; dayStart: number; queues: QueueLive[]; agents: AgentLive[] }
  /** The board was edited: its new name and layout (same queues; new queues reconnect instead). */
  | { type: 'board'; board: BoardInfo }
