/** A chDB store in a fresh temporary directory, migrated: one per test file (chDB binds one directory per process). */
import type { CanonicalEvent } from '@agner/events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStore, type Store } from './store/client.ts'
import { migrate } from './store/migrate.ts'

export async function tempStore(): Promise<{ store: Store; dir: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'agner-chdb-'))
  const store = await createStore({ dataDir: dir })
  await migrate(store.client)
  return { store, dir, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }) } }
}

export interface VisitSpec {
  contactId: string
  queueId: string
  /** When the contact entered the queue. */
  at: number
  waitMs: number
  /** Omit for a contact still waiting. */
  outcome?: 'answered' | 'abandoned' | 'caller_exit' | 'timeout' | 'no_agents' | 'callback' | 'transferred' | 'overflow'
  agentId?: string
  talkMs?: number
  holdMs?: number
  wrapMs?: number
  disposition?: string
  position?: number
  channel?: 'voice' | 'chat' | 'email'
  csat?: number
  ani?: string
  tenant?: string
}

/** The canonical events of one queue visit, as an ACD would emit them: for hand-built report fixtures. */
export function visitEvents(v: VisitSpec): CanonicalEvent[] {
  const tenant = v.tenant ?? 'default'
  let n = 0
  const ev = (type: CanonicalEvent['type'], time: number, data: object, agentId?: string): CanonicalEvent => ({
    id: `${v.contactId}-${++n}`, type, time, receivedAt: time, tenant, source: { kind: 'simulator', instance: 'fixture' },
    interactionId: v.contactId, contactId: v.contactId, queueId: v.queueId, channel: v.channel ?? 'voice', ...(agentId ? { agentId } : {}), data,
  }) as CanonicalEvent
  const out = [
    ev('contact.created', v.at, { direction: 'inbound', initiation: 'inbound', ani: v.ani ?? '13800001234', dnis: '4008001234' }),
    ev('contact.queued', v.at, { priority: 0, position: v.position ?? 1 }),
  ]
  if (!v.outcome) return out
  const out2 = v.at + v.waitMs
  out.push(ev('contact.dequeued', out2, { waitMs: v.waitMs, outcome: v.outcome, ...(v.position ? { position: v.position } : {}) }))
  if (v.outcome !== 'answered') return out
  const talk = v.talkMs ?? 0, hold = v.holdMs ?? 0, wrap = v.wrapMs ?? 0
  out.push(ev('contact.connected', out2, { agentId: v.agentId, waitMs: v.waitMs, ringMs: 0 }, v.agentId))
  out.push(ev('contact.ended', out2 + talk + hold, { endedBy: 'customer', talkMs: talk, holdMs: hold, holdCount: hold > 0 ? 1 : 0 }, v.agentId))
  out.push(ev('contact.wrapup_ended', out2 + talk + hold + wrap, { durationMs: wrap, dispositionCode: v.disposition ?? 'resolved' }, v.agentId))
  if (v.csat) out.push(ev('contact.survey', out2 + talk + hold + wrap + 1000, { csat: v.csat }, v.agentId))
  return out
}

/** An agent's status or activity change, for fixtures. */
export function agentEvent(agentId: string, time: number, change: { status?: 'available' | 'aux' | 'offline'; reasonCode?: string; activity?: 'idle' | 'offered' | 'on_contact' | 'on_hold' | 'wrap_up' }, tenant = 'default'): CanonicalEvent {
  const base = { id: `${agentId}-${time}-${change.status ?? change.activity}`, time, receivedAt: time, tenant, source: { kind: 'simulator', instance: 'fixture' }, agentId }
  return (change.status
    ? { ...base, type: 'agent.status_changed', data: { status: change.status, ...(change.reasonCode ? { reasonCode: change.reasonCode } : {}), origin: 'agent' } }
    : { ...base, type: 'agent.activity_changed', data: { activity: change.activity } }) as CanonicalEvent
}
