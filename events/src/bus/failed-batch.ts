/** What both buses do with a batch whose handler threw: redeliver with backoff, or dead-letter after maxDeliver. */
import { tenantOfSubject } from '../subjects.ts'
import type { DeadLetter } from '../types.ts'
import { payloadText } from './payload.ts'
import { exhaustedReason, type BusMessage } from './types.ts'

export interface Settleable extends BusMessage { readonly settled: boolean }

export async function settleFailedBatch(
  msgs: readonly Settleable[], maxDeliver: number, err: unknown, deadLetters: (l: readonly DeadLetter[]) => Promise<void>,
): Promise<void> {
  const letters: DeadLetter[] = []
  const exhausted: Settleable[] = []
  for (const m of msgs) {
    if (m.settled) continue
    if (m.deliveryCount >= maxDeliver) {
      letters.push({
        tenant: tenantOfSubject(m.subject) ?? 'default', stage: 'store', reason: exhaustedReason(maxDeliver, err),
        payload: payloadText(m.payload), at: Date.now(),
      })
      exhausted.push(m)
    } else {
      m.nak(Math.min(100 * 2 ** m.deliveryCount, 5000))
    }
  }
  if (letters.length === 0) return
  await deadLetters(letters)
  for (const m of exhausted) m.term()
}
