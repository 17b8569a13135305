/**
 * Sends webhook requests: 5-second time-out, three tries (after 2 s and 10 s) before it gives up
 * and says why. Each outcome is reported, so an alert lists where it reached and where it did not.
 */
import type { WebhookRequest } from './webhook-message.ts'

export interface Delivery { webhookId: string; ok: boolean; at: number; tries: number; error?: string }

const WAITS_MS = [2_000, 10_000]

export async function deliver(
  webhookId: string, req: WebhookRequest, refusal: (status: number, body: string) => string | undefined,
  o: { timeoutMs?: number; waits?: number[]; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Delivery> {
  const waits = o.waits ?? WAITS_MS
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()))
  let error = ''
  for (let tries = 1; ; tries++) {
    try {
      const res = await fetch(req.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Agner alerts' }, body: JSON.stringify(req.body), signal: AbortSignal.timeout(o.timeoutMs ?? 5_000) })
      const problem = refusal(res.status, await res.text())
      if (!problem) return { webhookId, ok: true, at: Date.now(), tries }
      error = problem
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'no answer within 5 s' : `could not connect (${networkCode(err)})`
    }
    if (tries > waits.length) return { webhookId, ok: false, at: Date.now(), tries, error }
    await sleep(waits[tries - 1]!)
  }
}

/** The network's reason under fetch's "fetch failed": ECONNREFUSED, ENOTFOUND, a certificate problem… */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }).cause
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (err as Error).message
}
