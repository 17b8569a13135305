/**
 * Agner's side of an agent who lives on a PBX: a status set in Agner (the agent's own, or a
 * supervisor forcing it) is carried out on the PBX and recorded once (the PBX's echo is dropped by
 * the source); a wrap-up code and notes entered in Agner for a PBX call are stored against that call.
 */
import { naturalEventId, uuidv7, type Bus, type CanonicalEvent } from '@agner/events'
import { SaidError, sentences } from '@agner/events/sentences'
import type { LiveEngine } from '../live/engine.ts'
import type { SourcesService } from './sources-service.ts'

const say = sentences({
  pbxRefused: { en: 'The PBX did not carry out the change for agent {agentId}: {message}. Nothing was changed; try again, or check the source on Admin → Sources.', 'zh-CN': 'PBX 没有为坐席 {agentId} 执行此更改：{message}。未做任何更改；请重试，或在“管理 → 数据源”中检查该数据源。' },
  unknownCall: { en: 'Agner has not seen call {contactId} on a PBX; a wrap-up can only be stored against a call it knows.', 'zh-CN': 'Agner 没有在 PBX 上见过通话 {contactId}；只能为已知的通话保存话后处理。' },
})

export type Status = 'available' | 'aux' | 'offline'

export class PbxControl {
  constructor(private readonly d: { sources: SourcesService; bus: Bus; engine: LiveEngine; tenant: string; publishTimeoutMs?: number }) {}

  hosts(agentId: string): boolean { return this.d.sources.controllerOf(agentId) !== undefined }

  /** Carries the status to the PBX, then records it (origin agent or supervisor). */
  async setStatus(agentId: string, status: Status, reasonCode: string | undefined, origin: 'agent' | 'supervisor'): Promise<{ agentId: string; status: Status; reasonCode?: string }> {
    const runner = this.d.sources.controllerOf(agentId)
    if (!runner) throw new SaidError(say('pbxRefused', { agentId, message: 'no connected source hosts this agent' }))
    try {
      await runner.setAgentStatus(agentId, status, reasonCode)
    } catch (err) {
      throw new SaidError(say('pbxRefused', { agentId, message: (err as Error).message }))
    }
    const now = Date.now()
    const e = {
      id: uuidv7(now), type: 'agent.status_changed', time: now, tenant: this.d.tenant, source: { kind: runner.spec.kind, instance: runner.spec.instance }, agentId,
      data: { status, ...(status === 'aux' && reasonCode ? { reasonCode } : {}), origin },
    } as CanonicalEvent
    await this.d.bus.publish([e], { timeoutMs: this.d.publishTimeoutMs ?? 5000 })
    return { agentId, status, ...(status === 'aux' && reasonCode ? { reasonCode } : {}) }
  }

  /** A wrap-up code and notes for a PBX call, stored against the call (its queue visit takes the code). */
  async wrapUp(agentId: string, contactId: string, dispositionCode: string | undefined, notes: string | undefined): Promise<void> {
    const queueId = this.d.engine.queueOfContact(contactId)
    if (!queueId) throw new SaidError(say('unknownCall', { contactId }))
    const now = Date.now()
    const via = this.d.sources.controllerOf(agentId)?.spec
    const e = {
      id: naturalEventId('agner-desk', this.d.tenant, `${contactId}/${agentId}/wrapup`, 'contact.wrapup_ended'), type: 'contact.wrapup_ended', time: now, tenant: this.d.tenant,
      source: { kind: via?.kind ?? 'webhook', instance: via?.instance ?? 'agner-desk' }, contactId, interactionId: contactId.split('@')[0], queueId, agentId, channel: 'voice',
      data: { durationMs: 0, ...(dispositionCode ? { dispositionCode } : {}), ...(notes ? { notes } : {}) },
    } as CanonicalEvent
    await this.d.bus.publish([e], { timeoutMs: this.d.publishTimeoutMs ?? 5000 })
  }
}
