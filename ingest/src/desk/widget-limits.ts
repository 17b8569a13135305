/**
 * Limits that keep one web page (or one flood) from hurting everyone else: frames per second on a
 * socket (token bucket), sessions at once and new sessions per minute per address. Pure: the clock
 * is passed in.
 */

export class TokenBucket {
  private tokens: number
  private at: number
  constructor(private readonly perSecond: number, private readonly burst: number, now: number) { this.tokens = burst; this.at = now }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond)
    this.at = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

export interface AddressLimits { concurrent: number; perMinute: number }

export class AddressCounter {
  private readonly open = new Map<string, number>()
  private readonly started = new Map<string, number[]>()
  private admits = 0
  constructor(private readonly limits: AddressLimits) {}

  /** Admits a new session from `address`, or says which limit it would break. */
  admit(address: string, now: number): 'ok' | 'too_many_open' | 'too_many_new' {
    if ((this.open.get(address) ?? 0) >= this.limits.concurrent) return 'too_many_open'
    const recent = (this.started.get(address) ?? []).filter((t) => t > now - 60_000)
    if (recent.length >= this.limits.perMinute) { this.started.set(address, recent); return 'too_many_new' }
    recent.push(now)
    this.started.set(address, recent)
    // Addresses that started nothing in the last minute are forgotten now and then (no unbounded map).
    if (++this.admits % 1000 === 0) for (const [a, times] of this.started) if (!times.some((t) => t > now - 60_000) && !this.open.has(a)) this.started.delete(a)
    this.open.set(address, (this.open.get(address) ?? 0) + 1)
    return 'ok'
  }

  /** Addresses remembered (for tests and health). */
  get size(): number { return this.started.size }

  release(address: string): void {
    const n = (this.open.get(address) ?? 0) - 1
    if (n <= 0) this.open.delete(address); else this.open.set(address, n)
  }
}
