/** The envelope every canonical event shares, DESIGN §3. */
import { Type, type Static } from '@sinclair/typebox'

/** Epoch milliseconds, 2000-01-01 or later. */
const EpochMs = Type.Integer({ minimum: 946_684_800_000, description: 'epoch milliseconds (UTC)' })
const Id = Type.String({ minLength: 1, maxLength: 200 })

export const SOURCE_KINDS = [
  'acd', 'simulator', 'asterisk-ami', 'asterisk-queuelog', 'freeswitch-esl', 'webhook', 'replay', 'cli', 'test',
] as const
export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'video', 'callback'] as const

export const envelopeSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
  type: Type.String(),
  time: EpochMs,
  receivedAt: Type.Optional(EpochMs),
  tenant: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_-]+$' }),
  source: Type.Object({
    kind: Type.Union(SOURCE_KINDS.map((k) => Type.Literal(k))),
    instance: Type.String({ minLength: 1, maxLength: 200 }),
  }, { additionalProperties: false }),
  interactionId: Type.Optional(Id),
  contactId: Type.Optional(Id),
  queueId: Type.Optional(Id),
  agentId: Type.Optional(Id),
  channel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
  data: Type.Object({}),
  raw: Type.Optional(Type.String({ maxLength: 65_536 })),
}, { additionalProperties: false })

export type Envelope = Static<typeof envelopeSchema>
export type Channel = (typeof CHANNELS)[number]
export type SourceKind = (typeof SOURCE_KINDS)[number]
