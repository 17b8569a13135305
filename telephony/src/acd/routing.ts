/**
 * Routing decisions, pure: which available agent takes a contact (per the queue's strategy), and
 * which waiting contact a freed agent takes (priority first, then time in queue).
 */
import type { SkillNeed, SkillRelaxStep, Strategy } from './types.ts'

export interface Candidate {
  id: string
  /** Stable order of the agents (round robin walks it). */
  index: number
  idleSince: number
  skills: ReadonlyMap<string, number>
  /** Share of logged-in time spent on contacts. */
  occupancy: number
}

/** The minimum level each required skill needs after waiting `waitedMs`. */
export function effectiveNeeds(needs: readonly SkillNeed[], relax: readonly SkillRelaxStep[] | undefined, waitedMs: number): SkillNeed[] {
  let floor = Infinity
  for (const step of relax ?? []) if (waitedMs >= step.afterMs) floor = Math.min(floor, step.minLevel)
  return needs.map((n) => ({ skill: n.skill, minLevel: Math.min(n.minLevel, floor) }))
}

export function qualifies(skills: ReadonlyMap<string, number>, needs: readonly SkillNeed[]): boolean {
  for (const n of needs) if ((skills.get(n.skill) ?? 0) < n.minLevel) return false
  return true
}

function skillScore(c: Candidate, needs: readonly SkillNeed[]): number {
  let s = 0
  for (const n of needs) s += c.skills.get(n.skill) ?? 0
  return s
}

/** Longest idle first; then the lower index, so ties are deterministic. */
const longerIdle = (a: Candidate, b: Candidate): boolean => a.idleSince < b.idleSince || (a.idleSince === b.idleSince && a.index < b.index)

/**
 * The agent a contact goes to, among `candidates` (already available, with free capacity, not
 * skipped); undefined when none qualifies. `cursor` is the queue's round-robin position: the
 * index of the agent it last chose.
 */
export function pickAgent(candidates: Iterable<Candidate>, needs: readonly SkillNeed[], strategy: Strategy, cursor = -1): Candidate | undefined {
  let best: Candidate | undefined
  let bestScore = -Infinity
  let wrapBest: Candidate | undefined
  for (const c of candidates) {
    if (!qualifies(c.skills, needs)) continue
    switch (strategy) {
      case 'longest_idle':
        if (!best || longerIdle(c, best)) best = c
        break
      case 'most_skilled': {
        const s = skillScore(c, needs)
        if (!best || s > bestScore || (s === bestScore && longerIdle(c, best))) { best = c; bestScore = s }
        break
      }
      case 'least_occupied':
        if (!best || c.occupancy < best.occupancy || (c.occupancy === best.occupancy && longerIdle(c, best))) best = c
        break
      case 'round_robin':
        // The next index after the cursor; if none, wrap to the lowest index.
        if (c.index > cursor) { if (!best || c.index < best.index) best = c }
        else if (!wrapBest || c.index < wrapBest.index) wrapBest = c
        break
    }
  }
  return best ?? wrapBest
}

export interface Waiting {
  id: string
  priority: number
  queuedAt: number
}

/** Higher priority first, then the longer wait, then the id (deterministic). */
export function before(a: Waiting, b: Waiting): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt
  return a.id < b.id
}

/** Inserts into a line kept in routing order. */
export function enqueue<T extends Waiting>(line: T[], item: T): number {
  let lo = 0, hi = line.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (before(line[mid]!, item)) lo = mid + 1
    else hi = mid
  }
  line.splice(lo, 0, item)
  return lo
}
