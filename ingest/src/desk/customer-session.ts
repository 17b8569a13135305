/**
 * One customer on the web widget: a chat or a browser call, from the first frame to the survey.
 * What the widget is told is a small set of typed frames; their sentences live in the widget's own
 * translations (zh-CN, en), keyed by `code`.
 */
import type { Channel } from '@agner/events'

export type WidgetFrame =
  | { type: 'session'; sessionId: string }
  | { type: 'offer'; sdp: string; legId?: string; extra?: boolean }
  | { type: 'leg-closed'; legId: string }
  | { type: 'ivr'; node: string; text: string; keys: string[] }
  | { type: 'queued'; position: number; expectedWaitMs: number }
  | { type: 'connected'; agentName: string }
  | { type: 'held' } | { type: 'resumed' }
  | { type: 'transferred' }
  | { type: 'message'; id: string; from: 'agent' | 'customer' | 'system'; text: string; time: number }
  | { type: 'status'; id: string; status: 'sent' | 'delivered' | 'read' }
  | { type: 'typing' }
  | { type: 'notice'; code: 'agent_lost' | 'callback_booked' }
  | { type: 'ended'; reason: string; survey: boolean }
  | { type: 'refused'; code: string; detail?: string }

export interface CustomerForm { name?: string; phone?: string; topic?: string }

/** The contact the survey is about: the last one an agent talked to the customer on. */
export interface SurveyTarget { contactId: string; interactionId: string; queueId?: string; agentId?: string; channel: Channel }

export class CustomerSession {
  interactionId?: string
  /** The customer's current contact segment (changes on transfers). */
  contactId?: string
  legId?: string
  legOpen = false
  ended = false
  surveyFor?: SurveyTarget
  surveyed = false
  lastQueued?: string
  /** How the customer's contact ended, for the last frame. */
  lastOutcome?: string
  /** The greeting has been played (it comes before the first prompt only). */
  greeted = false
  /** The menu (and how many times it played) whose prompt was last played. */
  prompted?: string
  /** The call's recording, once an agent answered (call-recorder.ts), and whether the agent paused it. */
  recordingId?: string
  recordingPaused = false
  /** Chat messages typed before the contact existed. */
  readonly early: Array<{ id: string; text: string }> = []
  constructor(
    readonly id: string,
    readonly address: string,
    readonly channel: 'chat' | 'voice',
    readonly form: CustomerForm,
    private readonly sendFrame: (f: WidgetFrame) => void,
  ) {}

  send(f: WidgetFrame): void { if (!this.ended || f.type === 'ended' || f.type === 'refused' || f.type === 'status') this.sendFrame(f) }
}
