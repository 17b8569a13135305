/**
 * Rows of Asterisk's realtime `queue_log` table (extconfig `queue_log => mysql,…`) as queue_log
 * lines: `time` is text formatted `%F %T.%6q` in the PBX's local time (or GMT with
 * `queue_log_realtime_use_gmt`), then `callid, queuename, agent, event` and either `data` (the `|`
 * payload) or `data1…data5` (queue_adaptive_realtime). Pure.
 */
import { TZDate } from '@date-fns/tz'
import type { ParsedLine } from './parse-line.ts'

export type QueueLogRow = Record<string, string | number | null | undefined>

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/

/** Epoch ms of a table `time` in the given zone (`UTC` for GMT logging). */
export function tableTime(text: string, timeZone: string): number | undefined {
  const m = TIME.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac] = m
  const ms = frac ? Math.floor(Number(frac.padEnd(6, '0')) / 1000) : 0
  return new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, timeZone).getTime()
}

export function rowToLine(row: QueueLogRow, timeZone: string): ParsedLine {
  const str = (k: string): string => (row[k] === null || row[k] === undefined ? '' : String(row[k]))
  const time = tableTime(str('time'), timeZone)
  if (time === undefined) return { ok: false, problem: `"${str('time').slice(0, 40)}" is not a queue_log time (YYYY-MM-DD HH:MM:SS.ffffff)` }
  const verb = str('event')
  if (!/^[A-Z][A-Z0-9_]*$/i.test(verb)) return { ok: false, problem: `"${verb.slice(0, 30)}" is not a queue_log event name` }
  const data = 'data' in row && !('data1' in row) ? str('data').split('|') : ['data1', 'data2', 'data3', 'data4', 'data5'].map(str)
  while (data.length > 0 && data[data.length - 1] === '') data.pop()
  return { ok: true, line: { time, callId: str('callid'), queue: str('queuename'), agent: str('agent'), verb: verb.toUpperCase(), data } }
}
