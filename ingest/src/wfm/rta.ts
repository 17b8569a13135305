/**
 * The live adherence view: for every agent scheduled in the published week, the activity due now
 * against the live state, through the center's rule matrix. Agents out of adherence first, longest
 * out on top.
 */
import type { AgentLive } from '@agner/boards'
import { activitiesOf, liveAdherence, stateKey, type AdherenceRule, type LiveAdherence, type Scheduled } from '@agner/wfm'
import type { StoredSchedule } from './schedule-types.ts'

export interface RtaRow extends LiveAdherence { name: string; shiftStart: number; shiftEnd: number }

/** An agent's scheduled activities in ms (work, break, lunch). */
export function scheduledOf(s: StoredSchedule, agentId: string): Scheduled[] {
  return s.shifts.filter((x) => x.agentId === agentId).flatMap((x) => activitiesOf(x)).map((a) => ({
    start: s.weekStart + a.startMin * 60_000, end: s.weekStart + a.endMin * 60_000, activity: a.kind,
  }))
}

export function rtaRows(s: StoredSchedule, agents: AgentLive[], rules: AdherenceRule[], now: number): RtaRow[] {
  const live = new Map(agents.map((a) => [a.agentId, a]))
  const rows: RtaRow[] = []
  for (const agent of s.agents) {
    const acts = scheduledOf(s, agent.id)
    const shift = s.shifts.find((x) => x.agentId === agent.id && s.weekStart + x.startMin * 60_000 <= now + 3_600_000 && now < s.weekStart + x.endMin * 60_000 + 3_600_000)
    if (!shift) continue
    const a = live.get(agent.id)
    const state = a ? stateKey(a.state, a.reasonCode) : 'offline'
    const r = liveAdherence(agent.id, now, acts, state, a?.stateSince ?? 0, rules)
    rows.push({ ...r, name: agent.name, shiftStart: s.weekStart + shift.startMin * 60_000, shiftEnd: s.weekStart + shift.endMin * 60_000 })
  }
  const rank = (r: RtaRow): number => (r.alert ? 0 : r.result === 'out' ? 1 : 2)
  return rows.sort((x, y) => rank(x) - rank(y) || y.outForSec - x.outForSec || x.name.localeCompare(y.name))
}
