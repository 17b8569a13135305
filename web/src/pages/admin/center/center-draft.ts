/**
 * The center's configuration as the editor holds it: the server's document (the AGNER_ACD_CONFIG
 * format), edited in place, plus the small conversions the forms need (business hours as text per
 * weekday, skill maps as rows). Pure; the server checks everything again when the draft is saved.
 */
export type Names = { en: string; 'zh-CN': string }
export interface Hours { timeZone: string; weekly: Record<string, Array<[string, string]>>; holidays?: string[] }
export interface QueueDoc {
  id: string; name?: string | Names; channel?: string; requiredSkills?: Record<string, number>; strategy?: string
  serviceLevelSeconds?: number; serviceLevelFormula?: string; shortAbandonSeconds?: number; ringTimeoutSeconds?: number
  maxWaitSeconds?: number; maxSize?: number; overflow?: { action: string; queueId?: string }; wrapUpLimitSeconds?: number
  hours?: Hours; closedAction?: { action: string; prompt?: string; queueId?: string }; holdMusic?: string
  relax?: Array<{ afterSeconds: number; minLevel: number }>
}
export interface AgentDoc { id: string; name?: string; team?: string; skills: Record<string, number>; capacity?: Record<string, number>; maxRingNoAnswer?: number }
export type IvrNode =
  | { type: 'menu'; prompt: string; audio?: string; options: Record<string, string>; timeoutSeconds?: number; retries?: number; onNoInput: string }
  | { type: 'hours'; hours: Hours; open: string; closed: string }
  | { type: 'message'; prompt: string; audio?: string; next?: string }
  | { type: 'queue'; queueId: string; priority?: number }
  | { type: 'hangup' }
export interface IvrDoc { id: string; start: string; nodes: Record<string, IvrNode> }
export interface CodeDoc { code: string; name: Names; paid?: boolean; productive?: boolean }
export interface CenterDocument { queues: QueueDoc[]; agents: AgentDoc[]; ivrs: IvrDoc[]; dispositions: CodeDoc[]; auxReasons: CodeDoc[]; settings: { supervisorsEditSkills: boolean } }
export interface CenterChange { kind: string; id: string; op: 'added' | 'removed' | 'changed'; fields?: string[] }
export interface CenterState { version: number; atMs: number; actorName: string; source: string; changes: CenterChange[]; document: CenterDocument }

export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'video', 'callback'] as const
export const STRATEGIES = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const
export const FORMULAS = ['ignore_short_abandons', 'offered', 'answered'] as const
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const

export const namesOf = (n: string | Names | undefined, id: string): Names => (typeof n === 'object' ? { ...n } : { en: n ?? id, 'zh-CN': n ?? id })

/** "08:00-12:00, 13:00-20:00" for a weekday's spans ('' = closed that day). */
export const spansText = (spans: Array<[string, string]> | undefined): string => (spans ?? []).map(([a, b]) => `${a}-${b}`).join(', ')

/** The spans a text names, or the first part that is not "HH:MM-HH:MM". */
export function parseSpans(text: string): { spans: Array<[string, string]> } | { bad: string } {
  const spans: Array<[string, string]> = []
  for (const part of text.split(/[,，;；\s]+/).filter(Boolean)) {
    const m = /^(\d{1,2}:\d{2})[-–~至](\d{1,2}:\d{2})$/.exec(part)
    if (!m) return { bad: part }
    const pad = (x: string) => x.padStart(5, '0')
    spans.push([pad(m[1]!), pad(m[2]!)])
  }
  return { spans }
}

export const newQueue = (id: string): QueueDoc => ({
  id, name: { en: id, 'zh-CN': id }, channel: 'voice', requiredSkills: { [id]: 1 }, strategy: 'longest_idle', serviceLevelSeconds: 20,
  serviceLevelFormula: 'ignore_short_abandons', shortAbandonSeconds: 5, ringTimeoutSeconds: 20, wrapUpLimitSeconds: 120,
})

export const defaultHours = (timeZone: string): Hours => ({ timeZone, weekly: { 1: [['08:00', '20:00']], 2: [['08:00', '20:00']], 3: [['08:00', '20:00']], 4: [['08:00', '20:00']], 5: [['08:00', '20:00']] } })

export const newAgent = (id: string): AgentDoc => ({ id, name: id, skills: {}, capacity: { voice: 1 } })

export const newIvr = (id: string, queueId: string): IvrDoc => ({
  id, start: 'menu',
  nodes: { menu: { type: 'menu', prompt: '', options: { 1: 'queue' }, timeoutSeconds: 5, retries: 2, onNoInput: 'queue' }, queue: { type: 'queue', queueId } },
})

/** A blank node of a type, pointing where a new node can safely point. */
export function blankNode(type: IvrNode['type'], fallback: string, queueId: string, timeZone: string): IvrNode {
  switch (type) {
    case 'menu': return { type, prompt: '', options: { 1: fallback }, timeoutSeconds: 5, retries: 2, onNoInput: fallback }
    case 'hours': return { type, hours: defaultHours(timeZone), open: fallback, closed: fallback }
    case 'message': return { type, prompt: '' }
    case 'queue': return { type, queueId }
    default: return { type: 'hangup' }
  }
}

/** Every skill the center names (queues' needs and agents' skills), sorted. */
export function skillNames(doc: CenterDocument): string[] {
  return [...new Set([...doc.queues.flatMap((q) => Object.keys(q.requiredSkills ?? {})), ...doc.agents.flatMap((a) => Object.keys(a.skills))])].sort()
}

/** The queues an agent can serve, by the ACD's rule: every required skill, and capacity on the queue's channel. */
export function servedQueues(doc: CenterDocument, a: AgentDoc): string[] {
  const defaults: Record<string, number> = { voice: 1, callback: 1 }
  return doc.queues.filter((q) => ((a.capacity?.[q.channel ?? 'voice'] ?? defaults[q.channel ?? 'voice'] ?? 0) > 0) && Object.keys(q.requiredSkills ?? {}).every((s) => (a.skills[s] ?? 0) >= 1)).map((q) => q.id)
}

/** What the center's editors share: the draft being edited and what it refers to. */
export interface CenterContext {
  doc: CenterDocument
  teams: Array<{ id: string; name: string }>
  /** Users linked to agents, by agent id. */
  linkedUsers: Record<string, { id: string; displayName: string; username: string }>
  prompts: string[]
  timeZone: string
}
export const CENTER = Symbol('center') as import('vue').InjectionKey<CenterContext>

/** What is wrong with a new id (nothing: undefined), as the message key and its values. */
export function newIdProblem(id: string, taken: readonly string[], pattern: RegExp = /^[A-Za-z0-9_-]{1,64}$/): [key: string, values: { id: string }] | undefined {
  if (!pattern.test(id)) return ['center.idRule', { id }]
  return taken.includes(id) ? ['center.idTaken', { id }] : undefined
}
