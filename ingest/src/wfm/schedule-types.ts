/** The shapes WFM scheduling keeps: the center's rules document and a stored schedule. */
import type { AdherenceRule, Availability, CarriedShift, Contract, Coverage, ScheduledShift, ScheduleInput, Problem, ShiftTemplate, SimulatedCoverage, SolverReport, TimeOff, Violation } from '@agner/wfm'

/**
 * Dated leave (holiday, training, sick day): ISO local date or date-time in the center's zone,
 * `to` exclusive; { from: '2026-12-24', to: '2026-12-27' } is the 24th, 25th and 26th.
 */
export interface Leave { from: string; to: string; reason?: string }

/**
 * An agent's scheduling rules. `timeOff` is in minutes of the week and repeats every week (a
 * standing Wednesday afternoon off); `leave` is dated and applies to the weeks it falls in.
 */
export interface AgentWfmRules { agentId: string; contractId: string; availability?: Availability[]; timeOff?: TimeOff[]; leave?: Leave[] }

export interface WfmRules {
  templates: ShiftTemplate[]
  contracts: Contract[]
  /** Contract for agents without rules of their own. */
  defaultContractId: string
  agents: AgentWfmRules[]
  adherence: AdherenceRule[]
  /** Contacts an agent handles at once, per queue (chat 3, email 2); a queue's requirement is divided by it. */
  concurrency: Record<string, number>
  /** Service level goal the requirement is sized for (threshold: each queue's own). */
  serviceLevel: number
  shrinkage: number
}

export interface ScheduleAgent { id: string; name: string; skills: string[]; contractId: string }

export interface StoredSchedule {
  id: string
  weekStart: number
  status: 'draft' | 'published'
  version: number
  /** Published: the draft it was published from. */
  sourceId: string
  timeZone: string
  intervalMin: number
  agents: ScheduleAgent[]
  input: ScheduleInput
  shifts: ScheduledShift[]
  coverage: Coverage
  solver: SolverReport
  /** Schedules generated before problems carried codes hold the English sentence alone. */
  problems: Array<Problem | string>
  violations: Violation[]
  simulation?: SimulatedCoverage
  /** The week before's published shifts that run into this week (their cover is already taken off `input`'s requirement). */
  carriedIn?: CarriedShift[]
  createdBy: string
  createdMs: number
  updatedMs: number
  publishedBy?: string
}
