/**
 * The adherence rule matrix: scheduled activity × what the agent is doing → in, out or neutral,
 * with a grace time per rule (how long an agent may be out before the live view raises an alert).
 * Agent states are the live engine's derived states; an aux state carries its reason code
 * ("aux:break"). Rules match the exact state first, then "aux:*", then "*".
 */
export type ScheduledActivity = 'work' | 'break' | 'lunch' | 'meeting'
export type AdherenceResult = 'in' | 'out' | 'neutral'

export interface AdherenceRule { activity: ScheduledActivity; state: string; result: AdherenceResult; graceSec: number }

export const WORKING_STATES = ['ready', 'reserved', 'busy', 'wrap'] as const

export const DEFAULT_ADHERENCE_RULES: AdherenceRule[] = [
  ...WORKING_STATES.map((state) => ({ activity: 'work' as const, state, result: 'in' as const, graceSec: 0 })),
  { activity: 'work', state: 'aux:meeting', result: 'neutral', graceSec: 0 },
  { activity: 'work', state: 'aux:training', result: 'neutral', graceSec: 0 },
  { activity: 'work', state: 'aux:*', result: 'out', graceSec: 120 },
  { activity: 'work', state: 'offline', result: 'out', graceSec: 300 },
  // A contact in hand when a break is due is finished first: neutral, not out.
  ...(['break', 'lunch'] as const).flatMap((activity) => [
    { activity, state: `aux:${activity}`, result: 'in' as const, graceSec: 0 },
    { activity, state: 'busy', result: 'neutral' as const, graceSec: 0 },
    { activity, state: 'wrap', result: 'neutral' as const, graceSec: 0 },
    { activity, state: 'reserved', result: 'neutral' as const, graceSec: 0 },
    { activity, state: 'ready', result: 'out' as const, graceSec: 120 },
    { activity, state: 'aux:*', result: 'out' as const, graceSec: 120 },
    { activity, state: 'offline', result: activity === 'lunch' ? 'in' as const : 'out' as const, graceSec: 300 },
  ]),
  { activity: 'meeting', state: 'aux:meeting', result: 'in', graceSec: 0 },
  { activity: 'meeting', state: '*', result: 'out', graceSec: 300 },
]

/** The state key of a live agent: its derived state, with the reason code when in aux. */
export const stateKey = (state: string, reasonCode?: string | null): string => (state === 'aux' ? `aux:${reasonCode ?? ''}` : state)

export function classify(rules: AdherenceRule[], activity: ScheduledActivity, state: string): { result: AdherenceResult; graceSec: number } {
  const mine = rules.filter((r) => r.activity === activity)
  const hit = mine.find((r) => r.state === state) ?? (state.startsWith('aux:') ? mine.find((r) => r.state === 'aux:*') : undefined) ?? mine.find((r) => r.state === '*')
  return hit ? { result: hit.result, graceSec: hit.graceSec } : { result: 'out', graceSec: 0 }
}

/**
 * The center's not-ready reasons in the rules: during scheduled work a productive reason (training,
 * a meeting: work off the phones) is neutral, any other is out after the usual grace. A rule the
 * planner wrote for that exact reason stays as written.
 */
export function withAuxReasons(rules: AdherenceRule[], reasons: ReadonlyArray<{ code: string; productive?: boolean }>): AdherenceRule[] {
  const written = new Set(rules.filter((r) => r.activity === 'work').map((r) => r.state))
  const added = reasons.filter((c) => !written.has(`aux:${c.code}`) && c.productive)
    .map((c) => ({ activity: 'work' as const, state: `aux:${c.code}`, result: 'neutral' as const, graceSec: 0 }))
  const demoted = new Set(reasons.filter((c) => c.productive === false).map((c) => `aux:${c.code}`))
  // A reason the center says is not productive is not neutral by a default rule.
  return [...rules.filter((r) => !(r.activity === 'work' && r.result === 'neutral' && demoted.has(r.state))), ...added]
}
