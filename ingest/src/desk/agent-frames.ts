/** The frames an agent's desk (/ws/agent), a customer's widget (/ws/widget) and a listening supervisor (/ws/monitor) send, checked: anything else is refused with a reason. */
export type AgentFrame =
  | { type: 'answer'; legId: string; sdp: string }
  | { type: 'candidate'; legId: string; candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } }
  | { type: 'restart'; legId: string }
  | { type: 'message'; contactId: string; id: string; text: string }
  | { type: 'typing'; contactId: string }
  | { type: 'read'; contactId: string; id: string }
  | { type: 'dtmf'; contactId: string; digit: string }
  | { type: 'recording'; contactId: string; paused: boolean }

export type CustomerFrame =
  | { type: 'answer'; sdp: string; legId?: string }
  | { type: 'candidate'; candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }; legId?: string }
  | { type: 'restart' }
  | { type: 'dtmf'; digit: string }
  | { type: 'message'; id: string; text: string }
  | { type: 'typing' }
  | { type: 'read'; id: string }
  | { type: 'callback'; number: string }
  | { type: 'hangup' }
  | { type: 'survey'; csat: number; comment?: string }

export type MonitorMode = 'listen' | 'whisper' | 'barge'
export type MonitorFrame =
  | { type: 'start'; contactId: string; mode: MonitorMode }
  | { type: 'mode'; watchId: string; mode: MonitorMode }
  | { type: 'stop'; watchId: string }
  | { type: 'answer'; legId: string; sdp: string }
  | { type: 'candidate'; legId: string; candidate: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } }

export const MAX_MESSAGE_CHARS = 2000
const ID = /^[A-Za-z0-9_.:-]{1,128}$/

export class FrameError extends Error {}

function str(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new FrameError(`"${what}" must be text of 1–${max} characters`)
  return v
}
const id = (v: unknown, what: string) => { const s = str(v, what, 128); if (!ID.test(s)) throw new FrameError(`"${what}" may use letters, digits and _ . : - only`); return s }
const candidate = (v: unknown) => {
  const c = v as { candidate?: unknown; sdpMid?: unknown; sdpMLineIndex?: unknown } | null
  if (typeof c !== 'object' || c === null || typeof c.candidate !== 'string' || c.candidate.length > 512) throw new FrameError('"candidate" must be an ICE candidate object')
  return { candidate: c.candidate, sdpMid: typeof c.sdpMid === 'string' ? c.sdpMid : null, sdpMLineIndex: typeof c.sdpMLineIndex === 'number' ? c.sdpMLineIndex : null }
}

/** Parses one frame of JSON text; throws FrameError with the reason. */
function parse(text: string): Record<string, unknown> {
  let v: unknown
  try { v = JSON.parse(text) } catch { throw new FrameError('a frame must be JSON') }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as { type?: unknown }).type !== 'string') throw new FrameError('a frame must be a JSON object with a "type"')
  return v as Record<string, unknown>
}

export function parseAgentFrame(text: string): AgentFrame {
  const f = parse(text)
  switch (f.type) {
    case 'answer': return { type: 'answer', legId: id(f.legId, 'legId'), sdp: str(f.sdp, 'sdp', 20_000) }
    case 'candidate': return { type: 'candidate', legId: id(f.legId, 'legId'), candidate: candidate(f.candidate) }
    case 'restart': return { type: 'restart', legId: id(f.legId, 'legId') }
    case 'message': return { type: 'message', contactId: id(f.contactId, 'contactId'), id: id(f.id, 'id'), text: str(f.text, 'text', MAX_MESSAGE_CHARS) }
    case 'typing': return { type: 'typing', contactId: id(f.contactId, 'contactId') }
    case 'read': return { type: 'read', contactId: id(f.contactId, 'contactId'), id: id(f.id, 'id') }
    case 'dtmf': return { type: 'dtmf', contactId: id(f.contactId, 'contactId'), digit: digit(f.digit) }
    case 'recording':
      if (typeof f.paused !== 'boolean') throw new FrameError('"paused" must be true or false')
      return { type: 'recording', contactId: id(f.contactId, 'contactId'), paused: f.paused }
    default: throw new FrameError(`"${String(f.type).slice(0, 32)}" is not a frame the desk sends`)
  }
}

function digit(v: unknown): string {
  if (typeof v !== 'string' || !/^[0-9*#]$/.test(v)) throw new FrameError('"digit" must be one key: 0–9, * or #')
  return v
}

export function parseCustomerFrame(text: string): CustomerFrame {
  const f = parse(text)
  switch (f.type) {
    case 'answer': return { type: 'answer', sdp: str(f.sdp, 'sdp', 20_000), ...(f.legId !== undefined ? { legId: id(f.legId, 'legId') } : {}) }
    case 'candidate': return { type: 'candidate', candidate: candidate(f.candidate), ...(f.legId !== undefined ? { legId: id(f.legId, 'legId') } : {}) }
    case 'restart': return { type: 'restart' }
    case 'dtmf': return { type: 'dtmf', digit: digit(f.digit) }
    case 'message': return { type: 'message', id: id(f.id, 'id'), text: str(f.text, 'text', MAX_MESSAGE_CHARS) }
    case 'typing': return { type: 'typing' }
    case 'read': return { type: 'read', id: id(f.id, 'id') }
    case 'callback': return { type: 'callback', number: str(f.number, 'number', 24) }
    case 'hangup': return { type: 'hangup' }
    case 'survey': {
      if (!Number.isInteger(f.csat) || (f.csat as number) < 1 || (f.csat as number) > 5) throw new FrameError('"csat" must be a whole number from 1 to 5')
      return { type: 'survey', csat: f.csat as number, ...(f.comment !== undefined && f.comment !== '' ? { comment: str(f.comment, 'comment', 1000) } : {}) }
    }
    default: throw new FrameError(`"${String(f.type).slice(0, 32)}" is not a frame the widget sends`)
  }
}

const MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge']
function mode(v: unknown): MonitorMode {
  if (!MODES.includes(v as MonitorMode)) throw new FrameError(`"mode" must be one of ${MODES.join(', ')}`)
  return v as MonitorMode
}

export function parseMonitorFrame(text: string): MonitorFrame {
  const f = parse(text)
  switch (f.type) {
    case 'start': return { type: 'start', contactId: id(f.contactId, 'contactId'), mode: mode(f.mode) }
    case 'mode': return { type: 'mode', watchId: id(f.watchId, 'watchId'), mode: mode(f.mode) }
    case 'stop': return { type: 'stop', watchId: id(f.watchId, 'watchId') }
    case 'answer': return { type: 'answer', legId: id(f.legId, 'legId'), sdp: str(f.sdp, 'sdp', 20_000) }
    case 'candidate': return { type: 'candidate', legId: id(f.legId, 'legId'), candidate: candidate(f.candidate) }
    default: throw new FrameError(`"${String(f.type).slice(0, 32)}" is not a frame the monitor sends`)
  }
}
