/**
 * Payload (`data`) schemas of every canonical event type, DESIGN §3.
 * Durations are integer milliseconds (`…Ms`), never negative.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

const Ms = Type.Integer({ minimum: 0, description: 'a duration in integer milliseconds' })
const Id = Type.String({ minLength: 1, maxLength: 200 })
const Text = (max = 500) => Type.String({ maxLength: max })
const strict = { additionalProperties: false } as const
const Enum = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)))

export const DEQUEUE_OUTCOMES = [
  'answered', 'abandoned', 'timeout', 'no_agents', 'caller_exit', 'callback', 'transferred', 'overflow', 'error',
] as const
export const OFFER_OUTCOMES = ['timeout', 'rejected', 'canceled', 'failed'] as const
export const AGENT_STATUSES = ['available', 'aux', 'offline'] as const
export const AGENT_ACTIVITIES = ['idle', 'offered', 'on_contact', 'on_hold', 'wrap_up'] as const

export const dataSchemas = {
  'contact.created': Type.Object({
    direction: Enum(['inbound', 'outbound'] as const),
    initiation: Enum(['inbound', 'outbound', 'transfer', 'callback', 'api'] as const),
    ani: Type.Optional(Text(64)),
    dnis: Type.Optional(Text(64)),
    previousContactId: Type.Optional(Id),
  }, strict),
  'contact.ivr_step': Type.Object({ node: Id, input: Type.Optional(Text(200)) }, strict),
  'contact.queued': Type.Object({
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    position: Type.Optional(Type.Integer({ minimum: 1 })),
    requiredSkills: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  }, strict),
  'contact.offered': Type.Object({ offerId: Id, agentId: Id, ringTimeoutMs: Ms }, strict),
  'contact.offer_ended': Type.Object({ offerId: Id, agentId: Id, ringMs: Ms, outcome: Enum(OFFER_OUTCOMES) }, strict),
  'contact.dequeued': Type.Object({
    waitMs: Ms,
    outcome: Enum(DEQUEUE_OUTCOMES),
    position: Type.Optional(Type.Integer({ minimum: 1 })),
    overflowTo: Type.Optional(Id),
    /** Why, for outcome error (e.g. the ACD restarted while the contact waited). */
    reason: Type.Optional(Text(500)),
  }, strict),
  'contact.connected': Type.Object({ agentId: Id, waitMs: Ms, ringMs: Ms }, strict),
  'contact.held': Type.Object({}, strict),
  'contact.resumed': Type.Object({}, strict),
  'contact.transferred': Type.Object({
    mode: Enum(['blind', 'attended', 'queue', 'external'] as const),
    target: Id,
    newContactId: Type.Optional(Id),
  }, strict),
  'contact.ended': Type.Object({
    endedBy: Enum(['customer', 'agent', 'system', 'transfer'] as const),
    talkMs: Ms,
    holdMs: Ms,
    holdCount: Type.Integer({ minimum: 0 }),
    /** Why the system ended it, for endedBy system. */
    reason: Type.Optional(Text(500)),
  }, strict),
  'contact.wrapup_ended': Type.Object({
    durationMs: Ms,
    dispositionCode: Type.Optional(Text(100)),
    notes: Type.Optional(Text(4000)),
  }, strict),
  'contact.callback_requested': Type.Object({
    number: Text(64),
    keepPosition: Type.Boolean(),
    scheduledFor: Type.Optional(Type.Integer({ minimum: 0 })),
  }, strict),
  'contact.survey': Type.Object({
    csat: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Text(4000)),
  }, strict),
  /** A supervisor listened to, whispered in or barged into the call (start, a change of mode, stop). */
  'contact.monitored': Type.Object({
    supervisorId: Id,
    supervisorName: Type.Optional(Text(200)),
    mode: Enum(['listen', 'whisper', 'barge'] as const),
    action: Enum(['start', 'change', 'stop'] as const),
  }, strict),
  'agent.status_changed': Type.Object({
    status: Enum(AGENT_STATUSES),
    reasonCode: Type.Optional(Text(100)),
    origin: Enum(['agent', 'supervisor', 'system'] as const),
  }, strict),
  'agent.activity_changed': Type.Object({
    activity: Enum(AGENT_ACTIVITIES),
    contactId: Type.Optional(Id),
  }, strict),
} satisfies Record<string, TSchema>

export type EventType = keyof typeof dataSchemas
export const EVENT_TYPES = Object.keys(dataSchemas) as EventType[]
export type EventData<T extends EventType> = Static<(typeof dataSchemas)[T]>
export type DequeueOutcome = (typeof DEQUEUE_OUTCOMES)[number]
export type AgentStatus = (typeof AGENT_STATUSES)[number]
export type AgentActivity = (typeof AGENT_ACTIVITIES)[number]
