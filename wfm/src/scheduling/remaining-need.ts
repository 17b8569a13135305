/**
 * The requirement still uncovered per skill and interval while shifts are added to (and taken from) a
 * schedule, and what each shift is worth: how much shortage cost (shortage.ts) it takes away. An
 * agent's expected cover goes to their skills most needed first, one skill at a time per interval.
 * Adding returns the allocation, so the shift can be taken back exactly. Pure (no I/O).
 */
import type { Candidate } from './candidates.ts'
import { horizonLength, requirementHorizon, type ScheduleInput } from './rules.ts'
import { shortageCost } from './shortage.ts'

/** Where a shift's cover went: skill, interval and agents, in triples. */
export type Allocation = number[]

export class RemainingNeed {
  readonly length: number
  private readonly need: Float64Array[]
  private readonly full: Float64Array[]

  constructor(i: ScheduleInput) {
    this.length = horizonLength(i)
    this.full = i.requirements.map((r) => { const h = requirementHorizon(r); return Float64Array.from({ length: this.length }, (_, t) => h[t] ?? 0) })
    this.need = this.full.map((f) => Float64Array.from(f))
  }

  /** The shortage cost an agent with these skills (indices) working `c` would take away. */
  gain(skills: readonly number[], c: Candidate): number {
    let gain = 0
    this.allocate(skills, c, (s, t, short, used) => { gain += shortageCost(short, this.full[s]![t]!) - shortageCost(short - used, this.full[s]![t]!) })
    return gain
  }

  /** Counts the shift in: its cover is taken off the need. */
  add(skills: readonly number[], c: Candidate): Allocation {
    const out: Allocation = []
    this.allocate(skills, c, (s, t, _short, used) => { this.need[s]![t] = this.need[s]![t]! - used; out.push(s, t, used) })
    return out
  }

  /** Takes a shift back out: its cover is owed again. */
  remove(a: Allocation): void {
    for (let k = 0; k < a.length; k += 3) this.need[a[k]!]![a[k + 1]!] = this.need[a[k]!]![a[k + 1]!]! + a[k + 2]!
  }

  /** The whole shortage cost left, in agent-intervals priced by shortage.ts. */
  cost(): number {
    let total = 0
    this.need.forEach((n, s) => n.forEach((short, t) => { total += shortageCost(Math.max(0, short), this.full[s]![t]!) }))
    return total
  }

  private allocate(skills: readonly number[], c: Candidate, use: (skill: number, t: number, short: number, used: number) => void): void {
    const order = [...skills]
    c.cover.forEach((w, k) => {
      const t = c.firstInterval + k
      if (t >= this.length || w <= 0) return
      if (order.length > 1) order.sort((x, y) => this.need[y]![t]! - this.need[x]![t]!)
      let left = w
      for (const s of order) {
        const short = Math.max(0, this.need[s]![t]!)
        const used = Math.min(left, short)
        if (used > 0) use(s, t, short, used)
        left -= used
        if (left <= 0) break
      }
    })
  }
}
