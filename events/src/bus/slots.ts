/** At most n batches in flight. */
export class Slots {
  private used = 0
  private waiters: Array<() => void> = []
  constructor(private readonly n: number) {}
  async acquire(): Promise<void> {
    while (this.used >= this.n) await new Promise<void>((r) => this.waiters.push(r))
    this.used++
  }
  release(): void { this.used--; this.waiters.shift()?.() }
  async drain(): Promise<void> { while (this.used > 0) await new Promise<void>((r) => this.waiters.push(r)) }
}
