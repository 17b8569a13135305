/**
 * Whether the store can take writes now. A full disk is not the events' fault: the writer keeps
 * them on the bus (redelivered until there is room, never dead-lettered for it), ingestion answers
 * 503 with one sentence and Retry-After, /readyz says the same, and it all clears by itself with the
 * first write that succeeds once space is freed.
 */
export interface StoreRefusal { error: string; retryAfterSeconds: number }

/** ClickHouse's NOT_ENOUGH_SPACE (code 243) or the OS's ENOSPC, from chDB or a server. */
export function isDiskFull(err: unknown): boolean {
  const e = err as { type?: unknown; code?: unknown; message?: unknown; cause?: unknown } | null
  if (!e || typeof e !== 'object') return false
  if (e.type === 'NOT_ENOUGH_SPACE' || e.code === '243' || e.code === 243 || e.code === 'ENOSPC') return true
  if (typeof e.message === 'string' && /NOT_ENOUGH_SPACE|not enough space|No space left on device|ENOSPC/i.test(e.message)) return true
  return e.cause !== undefined && e.cause !== err && isDiskFull(e.cause)
}

export class StoreHealth {
  private fullSince: number | undefined
  /** `where`: the sentence's pointer to the disk ("under AGNER_DATA_DIR (./data)", "on the ClickHouse server"). */
  constructor(private readonly where: string, private readonly retryAfterSeconds = 5, private readonly now: () => number = Date.now) {}

  /** A write failed: true when it was for a full disk (now reported), false for anything else. */
  failed(err: unknown): boolean {
    if (!isDiskFull(err)) return false
    this.fullSince ??= this.now()
    return true
  }

  /** A write succeeded: the disk has room again. */
  wrote(): void { this.fullSince = undefined }

  get diskFull(): boolean { return this.fullSince !== undefined }

  /** Why writes are refused now, or undefined when they are not. */
  refusal(): StoreRefusal | undefined {
    if (this.fullSince === undefined) return undefined
    return {
      error: `The store's disk is full: free space ${this.where}; Agner keeps the events it has acknowledged and resumes storing by itself once there is room. Send this request again then.`,
      retryAfterSeconds: this.retryAfterSeconds,
    }
  }
}
