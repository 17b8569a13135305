/**
 * IVR flows as JSON: menus (prompt, digit → node, timeout, retries), business-hours branches,
 * messages, queues and hang-ups. `loadIvr` refuses a flow with a dangling reference, an unknown
 * queue, or a loop, naming the problem in one sentence. `nextNode` is the pure step function.
 * Menus and messages may name the recorded prompt a browser caller hears (`audio`: a file name in
 * the center's audio folder, without `.ogg`); the text of `prompt` is shown beside it.
 */
import { hoursProblem, isOpen, type BusinessHours } from './hours.ts'

export type IvrNode =
  | { type: 'menu'; prompt: string; audio?: string; options: Record<string, string>; timeoutSeconds?: number; retries?: number; onNoInput: string }
  | { type: 'hours'; hours: BusinessHours; open: string; closed: string }
  | { type: 'message'; prompt: string; audio?: string; next?: string }
  | { type: 'queue'; queueId: string; priority?: number }
  | { type: 'hangup' }

export interface IvrFlow { id: string; start: string; nodes: Record<string, IvrNode> }

export class IvrError extends Error {}

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
    throw new IvrError('An IVR flow needs "id", "start" and "nodes".')
  }
  if (!f.nodes[f.start]) throw new IvrError(`IVR "${f.id}" starts at "${f.start}", which is not one of its nodes.`)
  for (const [id, n] of Object.entries(f.nodes)) {
    const where = `IVR "${f.id}", node "${id}"`
    const audio = (n as { audio?: unknown } | undefined)?.audio
    if (audio !== undefined && (typeof audio !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(audio))) throw new IvrError(`${where}: "audio" must be a file name of letters, digits, _ and - (without .ogg).`)
    switch (n?.type) {
      case 'menu':
        if (typeof n.prompt !== 'string' || !n.prompt) throw new IvrError(`${where}: a menu needs a prompt.`)
        if (typeof n.options !== 'object' || Object.keys(n.options).length === 0) throw new IvrError(`${where}: a menu needs at least one option.`)
        for (const key of Object.keys(n.options)) if (!/^[0-9*#]$/.test(key)) throw new IvrError(`${where}: option "${key}" is not a key on a phone (0–9, * or #).`)
        if (typeof n.onNoInput !== 'string') throw new IvrError(`${where}: a menu needs "onNoInput", where callers go when they press nothing.`)
        if (n.retries !== undefined && !(Number.isInteger(n.retries) && n.retries >= 0 && n.retries <= 5)) throw new IvrError(`${where}: "retries" must be 0–5.`)
        break
      case 'hours': {
        const p = hoursProblem(n.hours)
        if (p) throw new IvrError(`${where}: ${p}`)
        break
      }
      case 'message':
        if (typeof n.prompt !== 'string' || !n.prompt) throw new IvrError(`${where}: a message needs a prompt.`)
        break
      case 'queue':
        if (!knownQueue(n.queueId)) throw new IvrError(`${where}: there is no queue "${n.queueId}".`)
        break
      case 'hangup':
        break
      default:
        throw new IvrError(`${where}: "type" must be menu, hours, message, queue or hangup.`)
    }
    for (const t of targets(n)) if (!f.nodes[t]) throw new IvrError(`${where} points to "${t}", which does not exist.`)
  }
  // A loop would keep a caller in the IVR for ever: menus repeat through "retries" instead.
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return
    if (state.get(id) === 'visiting') throw new IvrError(`IVR "${f.id}" has a loop: ${[...path.slice(path.indexOf(id)), id].join(' → ')}; use a menu's "retries" to repeat it.`)
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
