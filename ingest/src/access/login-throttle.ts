/**
 * Slows down password guessing: failures are counted per IP and per user name (existing or not,
 * so the answer never tells which), and after `freeAttempts` failures each further attempt must
 * wait base × 2^(extra failures), capped. Success clears the user's count. Pure: clock injected.
 */
export interface ThrottleOptions { freeAttempts: number; baseDelayMs: number; maxDelayMs: number; forgetAfterMs: number }

interface Record_ { failures: number; lastFailureAt: number }

export class LoginThrottle {
  private readonly entries = new Map<string, Record_>()

  constructor(private readonly opts: ThrottleOptions, private readonly now: () => number = Date.now) {}

  /** Milliseconds the caller must still wait before trying again for these keys; 0 means go ahead. */
  waitMs(keys: readonly string[]): number {
    const now = this.now()
    let wait = 0
    for (const k of keys) {
      const e = this.entries.get(k)
      if (!e) continue
      if (now - e.lastFailureAt > this.opts.forgetAfterMs) { this.entries.delete(k); continue }
      wait = Math.max(wait, e.lastFailureAt + this.delayFor(e.failures) - now)
    }
    return Math.max(0, wait)
  }

  failed(keys: readonly string[]): void {
    const now = this.now()
    for (const k of keys) {
      const e = this.entries.get(k)
      this.entries.set(k, { failures: (e?.failures ?? 0) + 1, lastFailureAt: now })
    }
    if (this.entries.size > 100_000) this.prune(now)
  }

  succeeded(keys: readonly string[]): void { for (const k of keys) this.entries.delete(k) }

  private delayFor(failures: number): number {
    const extra = failures - this.opts.freeAttempts
    if (extra < 0) return 0
    return Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.min(extra, 30))
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.lastFailureAt > this.opts.forgetAfterMs) this.entries.delete(k)
  }
}
