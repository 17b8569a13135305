/** The wire contract of the live feeds, shared with the server through @agner/boards (pure types). */
export type { AgentLive, DerivedState, Figures, LiveMessage, QueueLive } from '@agner/boards'
