/**
 * Writes finished recordings into the store's index. A store that is down does not lose one: the
 * rows wait and are tried again every few seconds.
 */
import { insertRecording, type RecordingRow, type Store } from '@agner/analytics'

const RETRY_MS = 5_000

export class RecordingIndex {
  private pending: RecordingRow[] = []
  private writing: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly store: Store, private readonly tenant: string, private readonly onError: (err: Error) => void) {
    this.timer = setInterval(() => { void this.flush() }, RETRY_MS)
    this.timer.unref()
  }

  save(row: RecordingRow): void {
    this.pending.push(row)
    void this.flush()
  }

  flush(): Promise<void> {
    if (this.pending.length === 0) return this.writing
    const batch = this.pending
    this.pending = []
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < batch.length; i++) {
        try { await insertRecording(this.store.client, this.tenant, batch[i]!) } catch (err) {
          this.pending.unshift(...batch.slice(i))
          this.onError(err as Error)
          return
        }
      }
    })
    return this.writing
  }

  async stop(): Promise<void> { clearInterval(this.timer); await this.flush() }
}
