/**
 * One line of Asterisk's queue_log file: `epoch|callid|queuename|agent|event|data…` (main/logger.c).
 * Pure: text in, fields out, or the problem in words (a line that is not queue_log is never fatal).
 */
export interface QueueLogLine {
  /** When Asterisk wrote it, epoch milliseconds. */
  time: number
  /** The caller's Uniqueid (possibly prefixed with the systemname), or NONE / MANAGER / CLI / REALTIME. */
  callId: string
  queue: string
  /** The member interface (SIP/1001, Local/9990@ctx) or member name; NONE when no member. */
  agent: string
  verb: string
  data: string[]
}

export type ParsedLine = { ok: true; line: QueueLogLine } | { ok: false; problem: string }

const VERB = /^[A-Z][A-Z0-9_]*$/i
const UPPER_VERB = /^[A-Z][A-Z0-9_]*$/
/**
 * The verbs Asterisk writes, each as one string: a line's verb comes back as that string, so the
 * mapper's `switch` finds it by identity instead of comparing characters case after case.
 */
const VERBS = new Map([
  'ENTERQUEUE', 'RINGNOANSWER', 'RINGCANCELED', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT',
  'EXITEMPTY', 'EXITWITHKEY', 'WITHDRAW', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'PAUSE', 'PAUSEALL', 'UNPAUSE', 'UNPAUSEALL',
  'ADDMEMBER', 'REMOVEMEMBER', 'AGENTLOGIN', 'AGENTLOGOFF', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTDUMP', 'SYSCOMPAT', 'PENALTY',
  'RINGINUSE', 'DID', 'INFO', 'TRANSFER', 'AGENTCALLED',
].map((v) => [v, v]))

// Hot on an import (hundreds of thousands of lines a second): the five fixed fields are cut at their
// bars by index (a split builds every field through the engine's runtime, several times the work).
export function parseQueueLogLine(text: string): ParsedLine {
  const raw = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text
  // A line starts with its epoch; only a line that does not is checked for being blank.
  const first = raw.charCodeAt(0)
  if (!(first >= 48 && first <= 57) && !/\S/.test(raw)) return { ok: false, problem: 'empty line' }
  const b1 = raw.indexOf('|')
  const b2 = b1 < 0 ? -1 : raw.indexOf('|', b1 + 1)
  const b3 = b2 < 0 ? -1 : raw.indexOf('|', b2 + 1)
  const b4 = b3 < 0 ? -1 : raw.indexOf('|', b3 + 1)
  if (b4 < 0) return { ok: false, problem: `not a queue_log line (${raw.split('|').length} fields; expected epoch|callid|queue|agent|event|data…)` }
  const b5 = raw.indexOf('|', b4 + 1)
  const time = epochMs(raw, b1)
  if (time < 0) return { ok: false, problem: `"${raw.slice(0, Math.min(b1, 20))}" is not an epoch time in seconds` }
  const verb = raw.slice(b4 + 1, b5 < 0 ? raw.length : b5)
  const known = VERBS.get(verb)
  const upper = known !== undefined || UPPER_VERB.test(verb)
  if (!upper && !VERB.test(verb)) return { ok: false, problem: `"${verb.slice(0, 30)}" is not a queue_log event name` }
  // Trailing empty data fields (ENTERQUEUE||4165551212|1 has an empty url) are kept by position.
  const data: string[] = []
  if (b5 >= 0) {
    let at = b5 + 1
    for (let bar = raw.indexOf('|', at); bar >= 0; bar = raw.indexOf('|', at)) { data.push(raw.slice(at, bar)); at = bar + 1 }
    data.push(raw.slice(at))
  }
  return {
    ok: true,
    line: { time, callId: raw.slice(b1 + 1, b2), queue: raw.slice(b2 + 1, b3), agent: raw.slice(b3 + 1, b4), verb: known ?? (upper ? verb : verb.toUpperCase()), data },
  }
}

/**
 * The epoch in s[0, end) as milliseconds, or -1 when it is not one: 9–11 digits, then optionally a
 * dot and digits (what EPOCH says). Whole seconds, as Asterisk writes them, are read digit by digit.
 */
function epochMs(s: string, end: number): number {
  let i = 0
  let whole = 0
  for (; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) break
    whole = whole * 10 + (c - 48)
  }
  if (i < 9 || i > 11) return -1
  if (i === end) return whole * 1000
  if (s.charCodeAt(i) !== 46 || i + 1 === end) return -1
  for (let j = i + 1; j < end; j++) if (s.charCodeAt(j) < 48 || s.charCodeAt(j) > 57) return -1
  return Math.round(Number(s.slice(0, end)) * 1000)
}
