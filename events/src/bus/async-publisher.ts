/**
 * JetStream publishes acknowledged through one reply subscription, with one timer for all of them:
 * the "publish async" pattern. Each publish carries `Nats-Msg-Id` and resolves on the stream's
 * PubAck (or rejects with its error, no responders, or the timeout). Several times the throughput
 * of one request per publish, which allocates a timer and an inbox route per message.
 */
import { createInbox, headers, type NatsConnection, type Subscription } from '@nats-io/transport-node'

interface Pending { resolve: () => void; reject: (err: Error) => void; deadline: number }

export class AsyncPublisher {
  private readonly inbox = createInbox()
  private readonly pending = new Map<number, Pending>()
  private readonly sub: Subscription
  private readonly sweeper: NodeJS.Timeout
  private seq = 0

  constructor(private readonly nc: NatsConnection, private readonly timeoutMs = 5000) {
    this.sub = nc.subscribe(`${this.inbox}.*`, {
      callback: (err, msg) => {
        if (err) return
        const id = Number(msg.subject.slice(this.inbox.length + 1))
        const p = this.pending.get(id)
        if (!p) return
        this.pending.delete(id)
        const code = msg.headers?.code ?? 0
        if (code >= 300) { p.reject(new Error(code === 503 ? 'no JetStream stream answered (503)' : `NATS answered ${code}`)); return }
        try {
          const ack = JSON.parse(new TextDecoder().decode(msg.data)) as { error?: { description?: string; code?: number } }
          if (ack.error) p.reject(new Error(ack.error.description ?? `JetStream error ${ack.error.code}`))
          else p.resolve()
        } catch {
          p.reject(new Error('JetStream answered with something that is not a publish acknowledgement'))
        }
      },
    })
    this.sweeper = setInterval(() => this.expire(), Math.max(100, Math.min(250, timeoutMs / 4)))
    this.sweeper.unref()
  }

  /** `timeoutMs`: this publish's own limit, when shorter than the publisher's. */
  publish(subject: string, data: Uint8Array, msgId?: string, timeoutMs = this.timeoutMs): Promise<void> {
    const id = ++this.seq
    const h = msgId ? headers() : undefined
    if (h && msgId) h.set('Nats-Msg-Id', msgId)
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, deadline: Date.now() + Math.min(timeoutMs, this.timeoutMs) })
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${id}`, ...(h ? { headers: h } : {}) })
      } catch (err) {
        this.pending.delete(id)
        reject(err as Error)
      }
    })
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, p] of this.pending) {
      if (p.deadline > now) continue
      this.pending.delete(id)
      p.reject(new Error('no acknowledgement in time'))
    }
  }

  close(): void {
    clearInterval(this.sweeper)
    this.sub.unsubscribe()
    for (const p of this.pending.values()) p.reject(new Error('the NATS connection is closing'))
    this.pending.clear()
  }
}
