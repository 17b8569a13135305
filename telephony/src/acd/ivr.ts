/**
 * IVR flows as JSON: menus (prompt, digit → node, timeout, retries), business-hours branches,
 * messages, queues and hang-ups. `loadIvr` refuses a flow with a dangling reference, an unknown
 * queue, or a loop, naming the problem in one sentence. `nextNode` is the pure step function.
 * Menus and messages may name the recorded prompt a browser caller hears (`audio`: a file name in
 * the center's audio folder, without `.ogg`); the text of `prompt` is shown beside it.
 */
import { hoursProblem, isOpen, type BusinessHours } from './hours.ts'
import { AcdConfigError, within } from './config-sentences.ts'

export type IvrNode =
  | { type: 'menu'; prompt: string; audio?: string; options: Record<string, string>; timeoutSeconds?: number; retries?: number; onNoInput: string }
  | { type: 'hours'; hours: BusinessHours; open: string; closed: string }
  | { type: 'message'; prompt: string; audio?: string; next?: string }
  | { type: 'queue'; queueId: string; priority?: number }
  | { type: 'hangup' }

export interface IvrFlow { id: string; start: string; nodes: Record<string, IvrNode> }

/** A problem in an IVR flow (an AcdConfigError: said in both languages). */
export class IvrError extends AcdConfigError {}

function targets(n: IvrNode): string[] {
  switch (n.type) {
    case 'menu': return [...Object.values(n.options), n.onNoInput]
    case 'hours': return [n.open, n.closed]
    case 'message': return n.next ? [n.next] : []
    default: return []
  }
}

export function loadIvr(raw: unknown, knownQueue: (id: string) => boolean): IvrFlow {
  const f = raw as IvrFlow
  if (typeof raw !== 'object' || raw === null || typeof f.id !== 'string' || typeof f.start !== 'string' || typeof f.nodes !== 'object' || f.nodes === null) {
    throw new IvrError('ivrShape')
  }
  if (!f.nodes[f.start]) throw new IvrError('ivrStart', { ivr: f.id, node: f.start })
  for (const [id, n] of Object.entries(f.nodes)) {
    const where = { ivr: f.id, node: id }
    const audio = (n as { audio?: unknown } | undefined)?.audio
    if (audio !== undefined && (typeof audio !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(audio))) throw new IvrError('ivrAudio', where)
    switch (n?.type) {
      case 'menu':
        if (typeof n.prompt !== 'string' || !n.prompt) throw new IvrError('menuPrompt', where)
        if (typeof n.options !== 'object' || Object.keys(n.options).length === 0) throw new IvrError('menuOptions', where)
        for (const key of Object.keys(n.options)) if (!/^[0-9*#]$/.test(key)) throw new IvrError('menuKey', { ...where, key })
        if (typeof n.onNoInput !== 'string') throw new IvrError('menuNoInput', where)
        if (n.retries !== undefined && !(Number.isInteger(n.retries) && n.retries >= 0 && n.retries <= 5)) throw new IvrError('menuRetries', where)
        if (n.timeoutSeconds !== undefined && !(typeof n.timeoutSeconds === 'number' && n.timeoutSeconds >= 1 && n.timeoutSeconds <= 120)) throw new IvrError('menuTimeout', where)
        break
      case 'hours': {
        const p = hoursProblem(n.hours)
        if (p) throw new IvrError(within('ivrHours', where, p))
        break
      }
      case 'message':
        if (typeof n.prompt !== 'string' || !n.prompt) throw new IvrError('messagePrompt', where)
        break
      case 'queue':
        if (!knownQueue(n.queueId)) throw new IvrError('nodeQueue', { ...where, queue: String(n.queueId) })
        break
      case 'hangup':
        break
      default:
        throw new IvrError('nodeType', where)
    }
    for (const t of targets(n)) if (!f.nodes[t]) throw new IvrError('nodeTarget', { ...where, target: t })
  }
  // A loop would keep a caller in the IVR for ever: menus repeat through "retries" instead.
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return
    if (state.get(id) === 'visiting') throw new IvrError('ivrLoop', { ivr: f.id, path: [...path.slice(path.indexOf(id)), id].join(' → ') })
    state.set(id, 'visiting')
    for (const t of targets(f.nodes[id]!)) visit(t, [...path, id])
    state.set(id, 'done')
  }
  visit(f.start, [])
  return f
}

/** The node after `nodeId` given the caller's input (undefined: no input before the timeout), at time t. */
export function nextNode(flow: IvrFlow, nodeId: string, input: string | undefined, t: number): string | undefined {
  const n = flow.nodes[nodeId]!
  switch (n.type) {
    case 'menu': return input !== undefined && n.options[input] ? n.options[input] : n.onNoInput
    case 'hours': return isOpen(n.hours, t) ? n.open : n.closed
    case 'message': return n.next
    default: return undefined
  }
}
