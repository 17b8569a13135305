/** What both buses do with a batch whose handler threw: redeliver with backoff, or dead-letter after maxDeliver. */
import { tenantOfSubject } from '../subjects.ts'
import type { DeadLetter } from '../types.ts'
import { payloadText } from './payload.ts'
import { exhaustedReason, type BusMessage } from './types.ts'

export interface Settleable extends BusMessage { readonly settled: boolean }

export async function settleFailedBatch(
  msgs: readonly Settleable[], maxDeliver: number, err: unknown, deadLetter: (l: DeadLetter) => Promise<void>,
): Promise<void> {
  for (const m of msgs) {
    if (m.settled) continue
    if (m.deliveryCount >= maxDeliver) {
      await deadLetter({
        tenant: tenantOfSubject(m.subject) ?? 'default', stage: 'store', reason: exhaustedReason(maxDeliver, err),
        payload: payloadText(m.payload), at: Date.now(),
      })
      m.term()
    } else {
      m.nak(Math.min(100 * 2 ** m.deliveryCount, 5000))
    }
  }
}
