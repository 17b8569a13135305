/**
 * Agents on the phones in one interval, split between skills so that as much of the requirement
 * as possible is met: a maximum flow from groups of agents (by skill set) to skills. A multi-skill
 * agent counts once. Tiny graphs (a handful of skill sets and skills), so augmenting paths suffice.
 */
export interface SkillGroup { agents: number; skills: number[] }

/** Returns flow[group][k] (aligned with group.skills) and the requirement met per skill. */
export function allocate(groups: SkillGroup[], need: number[]): { flow: number[][]; met: number[] } {
  const flow = groups.map((g) => g.skills.map(() => 0))
  const used = groups.map(() => 0)
  const met = need.map(() => 0)
  const eps = 1e-9
  for (;;) {
    // BFS over skills from groups with spare agents; an edge skill → group exists where flow can be pushed back.
    const prevOfSkill = new Array<[number, number] | undefined>(need.length)
    const prevOfGroup = new Array<[number, number] | undefined>(groups.length)
    const queue: Array<['g' | 's', number]> = []
    groups.forEach((g, i) => { if (g.agents - used[i]! > eps) queue.push(['g', i]) })
    const seenG = new Set(queue.map(([, i]) => i))
    let end = -1
    while (queue.length && end < 0) {
      const [kind, i] = queue.shift()!
      if (kind === 'g') {
        groups[i]!.skills.forEach((s, k) => {
          if (prevOfSkill[s] || end >= 0) return
          prevOfSkill[s] = [i, k]
          if (need[s]! - met[s]! > eps) end = s
          else queue.push(['s', s])
        })
      } else {
        groups.forEach((g, j) => {
          if (seenG.has(j)) return
          const k = g.skills.indexOf(i)
          if (k >= 0 && flow[j]![k]! > eps) { seenG.add(j); prevOfGroup[j] = [i, k]; queue.push(['g', j]) }
        })
      }
    }
    if (end < 0) break
    // Walk back to find the bottleneck, then push.
    let amount = need[end]! - met[end]!
    for (let s = end; ;) {
      const [g] = prevOfSkill[s]!
      const back = prevOfGroup[g]
      if (!back) { amount = Math.min(amount, groups[g]!.agents - used[g]!); break }
      amount = Math.min(amount, flow[g]![back[1]]!)
      s = back[0]
    }
    met[end] = met[end]! + amount
    for (let s = end; ;) {
      const [g, k] = prevOfSkill[s]!
      flow[g]![k] = flow[g]![k]! + amount
      const back = prevOfGroup[g]
      if (!back) { used[g] = used[g]! + amount; break }
      flow[g]![back[1]] = flow[g]![back[1]]! - amount
      s = back[0]
    }
  }
  return { flow, met }
}
