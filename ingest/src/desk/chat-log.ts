/**
 * Keeps chat transcripts: messages are written to the store in small batches (every 500 ms), and
 * the ones of a conversation still open are kept in memory for the agent who picks it up.
 */
import { insertChatMessages, type ChatMessage, type Store } from '@agner/analytics'

export class ChatLog {
  private pending: ChatMessage[] = []
  private readonly open = new Map<string, ChatMessage[]>()
  private readonly timer: NodeJS.Timeout
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly store: Store, private readonly tenant: string, private readonly onError: (err: Error) => void) {
    this.timer = setInterval(() => { void this.flush() }, 500)
    this.timer.unref()
  }

  add(m: ChatMessage): void {
    this.pending.push(m)
    const list = this.open.get(m.interactionId) ?? []
    list.push(m)
    this.open.set(m.interactionId, list)
  }

  /** The messages of an open conversation so far, oldest first. */
  transcript(interactionId: string): ChatMessage[] { return [...(this.open.get(interactionId) ?? [])] }

  close(interactionId: string): void { this.open.delete(interactionId) }

  flush(): Promise<void> {
    if (this.pending.length === 0) return this.writing
    const batch = this.pending
    this.pending = []
    this.writing = this.writing.then(() => insertChatMessages(this.store.client, this.tenant, batch)).catch((err: Error) => {
      this.pending.unshift(...batch) // kept for the next try: nothing is lost while the store is down
      this.onError(err)
    })
    return this.writing
  }

  async stop(): Promise<void> { clearInterval(this.timer); await this.flush() }
}
