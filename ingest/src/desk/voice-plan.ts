/**
 * Who hears whom on one customer journey, from the ACD's state of its contacts: the legs that
 * should be open (the customer's and one per agent per contact) and what each leg hears. Pure: the
 * director applies the plan to the media and opens or closes legs to match.
 *
 *   waiting (queued, ringing)  customer hears the queue prompt, then music on hold
 *   connected                  customer ⇄ agent
 *   held                       customer hears music; the agent hears nothing
 *   consult (connected)        consulting agent ⇄ consulted agent; the customer stays held
 */
import type { LegSource } from '@agner/telephony'

export interface SegmentView {
  contactId: string
  state: 'ivr' | 'queued' | 'offered' | 'connected' | 'held' | 'wrap' | 'done'
  channel: string
  agentId?: string
  ringingAgentId?: string
  consultOf?: { agentId: string; contactId: string }
  /** The queue's music on hold (default `hold-music`). */
  holdMusic?: string
}

export interface WantedLeg { legId: string; agentId: string; contactId: string }

export interface VoicePlan {
  /** The customer's current segment (undefined: the customer's call is over). */
  customerSegment?: SegmentView
  legs: WantedLeg[]
  /** What each leg hears; a leg not listed keeps what it hears (the IVR's prompts). */
  routes: Map<string, LegSource>
}

export const agentLegId = (contactId: string, agentId: string): string => `a:${contactId}:${agentId}`

const DEFAULT_MUSIC = 'hold-music'
/** Waiting: the queue's prompt once, then its music. */
export const queueAudio = (music = DEFAULT_MUSIC): LegSource => ({ play: ['queue'], loop: music })
/** Held: the music only. */
export const holdAudio = (music = DEFAULT_MUSIC): LegSource => ({ play: [], loop: music })

const LIVE = new Set(['ivr', 'queued', 'offered', 'connected', 'held'])

export function planVoice(customerLeg: string | undefined, customerContactId: string | undefined, segments: readonly SegmentView[], open: ReadonlySet<string>): VoicePlan {
  const legs: WantedLeg[] = []
  const routes = new Map<string, LegSource>()
  const want = (agentId: string, contactId: string): string => {
    const legId = agentLegId(contactId, agentId)
    legs.push({ legId, agentId, contactId })
    routes.set(legId, null)
    return legId
  }
  const pair = (a: string, b: string) => { if (open.has(a) && open.has(b)) { routes.set(a, { leg: b }); routes.set(b, { leg: a }) } }

  const voice = segments.filter((s) => s.channel === 'voice')
  for (const s of voice) {
    if (s.state === 'offered' && s.ringingAgentId) want(s.ringingAgentId, s.contactId)
    if ((s.state === 'connected' || s.state === 'held') && s.agentId) {
      const mine = want(s.agentId, s.contactId)
      if (s.consultOf) {
        const theirs = want(s.consultOf.agentId, s.contactId)
        if (s.state === 'connected') pair(mine, theirs)
      }
    }
  }
  const customerSegment = voice.find((s) => s.contactId === customerContactId && LIVE.has(s.state))
  if (customerLeg && customerSegment) {
    const s = customerSegment
    if (s.state === 'queued' || s.state === 'offered') routes.set(customerLeg, queueAudio(s.holdMusic))
    else if (s.state === 'held') routes.set(customerLeg, holdAudio(s.holdMusic))
    else if (s.state === 'connected' && s.agentId) {
      const agentLeg = agentLegId(s.contactId, s.agentId)
      if (open.has(agentLeg)) pair(customerLeg, agentLeg)
      else routes.set(customerLeg, null)
    }
  }
  return { ...(customerSegment ? { customerSegment } : {}), legs, routes }
}
