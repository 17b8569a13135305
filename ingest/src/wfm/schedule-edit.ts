/**
 * A planner's change to one agent's day (a moved or resized shift, break or lunch, a new or removed
 * shift), checked against every labour rule of that agent before it is kept, and the week's
 * coverage recomputed with it.
 */
import { coverage, ruleViolations, type Activity, type Coverage, type ScheduledShift, type Violation } from '@agner/wfm'
import type { ScheduleAgent, StoredSchedule } from './schedule-types.ts'
import { ReportInputError } from '@agner/analytics'
import { sayWfm } from './wfm-sentences.ts'

export interface ShiftEdit { startMin: number; endMin: number; templateId?: string; breaks: Activity[] }


export function applyEdit(s: StoredSchedule, agentId: string, day: number, edit: ShiftEdit | null): { shifts: ScheduledShift[]; violations: Violation[]; coverage: Coverage } {
  const agent = s.agents.find((a) => a.id === agentId)
  if (!agent) throw new ReportInputError(sayWfm('editNoAgent', { agent: agentId }), 404)
  const others = s.shifts.filter((x) => !(x.agentId === agentId && x.day === day))
  const shifts = [...others]
  if (edit) {
    const step = s.intervalMin
    const aligned = (m: number): boolean => Number.isInteger(m) && m % step === 0
    if (![edit.startMin, edit.endMin, ...edit.breaks.flatMap((b) => [b.startMin, b.endMin])].every(aligned)) throw new ReportInputError(sayWfm('editStep', { step }))
    if (!(edit.endMin > edit.startMin && edit.endMin - edit.startMin <= 24 * 60)) throw new ReportInputError(sayWfm('editLength'))
    if (Math.floor(edit.startMin / 1440) !== day) throw new ReportInputError(sayWfm('editDay'))
    const before = s.shifts.find((x) => x.agentId === agentId && x.day === day)
    const templateId = edit.templateId ?? before?.templateId ?? bestTemplate(s, edit.endMin - edit.startMin)
    const template = s.input.templates.find((t) => t.id === templateId)
    if (!template) throw new ReportInputError(sayWfm('editTemplate', { template: String(templateId) }))
    const unpaid = edit.breaks.filter((b) => template.breaks.some((r) => r.kind === b.kind && !r.paid)).reduce((x, b) => x + b.endMin - b.startMin, 0)
    shifts.push({ agentId, day, templateId, startMin: edit.startMin, endMin: edit.endMin, paidMin: edit.endMin - edit.startMin - unpaid, breaks: [...edit.breaks].sort((a, b) => a.startMin - b.startMin) })
  }
  shifts.sort((a, b) => a.agentId.localeCompare(b.agentId) || a.startMin - b.startMin)
  const violations = ruleViolations(s.input, shifts, { agents: [agentId] })
  return { shifts, violations, coverage: coverage(s.input, shifts, skillLookup(s.agents)) }
}

/** An agent's skills by id, for coverage and simulation. */
export function skillLookup(agents: ScheduleAgent[]): (agentId: string) => string[] {
  const skills = new Map(agents.map((a) => [a.id, a.skills]))
  return (id) => skills.get(id) ?? []
}

/** The template closest in length, for a shift drawn from nothing. */
function bestTemplate(s: StoredSchedule, lengthMin: number): string {
  return [...s.input.templates].sort((a, b) => Math.abs(a.lengthMin - lengthMin) - Math.abs(b.lengthMin - lengthMin))[0]!.id
}
