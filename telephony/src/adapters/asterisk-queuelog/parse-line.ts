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

/** 9–11 digits, then optionally a dot and digits (what EPOCH says, without a regular expression: it runs per line). */
function isEpoch(s: string): boolean {
  let i = 0
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++
  if (i < 9 || i > 11) return false
  if (i === s.length) return true
  if (s.charCodeAt(i) !== 46 || i + 1 === s.length) return false
  for (i++; i < s.length; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false
  return true
}
const VERB = /^[A-Z][A-Z0-9_]*$/i
const UPPER_VERB = /^[A-Z][A-Z0-9_]*$/

// Hot on an import (hundreds of thousands of lines a second): one split, the fields taken by index.
export function parseQueueLogLine(text: string): ParsedLine {
  const raw = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text
  // A line starts with its epoch; only a line that does not is checked for being blank.
  const first = raw.charCodeAt(0)
  if (!(first >= 48 && first <= 57) && !/\S/.test(raw)) return { ok: false, problem: 'empty line' }
  const parts = raw.split('|')
  if (parts.length < 5) return { ok: false, problem: `not a queue_log line (${parts.length} fields; expected epoch|callid|queue|agent|event|data…)` }
  const epoch = parts[0]!
  const verb = parts[4]!
  if (!isEpoch(epoch)) return { ok: false, problem: `"${epoch.slice(0, 20)}" is not an epoch time in seconds` }
  const upper = UPPER_VERB.test(verb)
  if (!upper && !VERB.test(verb)) return { ok: false, problem: `"${verb.slice(0, 30)}" is not a queue_log event name` }
  // Trailing empty data fields (ENTERQUEUE||4165551212|1 has an empty url) are kept by position.
  return {
    ok: true,
    line: { time: Math.round(Number(epoch) * 1000), callId: parts[1]!, queue: parts[2]!, agent: parts[3]!, verb: upper ? verb : verb.toUpperCase(), data: parts.slice(5) },
  }
}
