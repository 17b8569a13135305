/**
 * A synthetic Asterisk center for tests and benchmarks: the same calls as Asterisk would report them
 * on AMI (event blocks, in Asterisk's order: the leave before the connect) and in queue_log (lines),
 * so "live equals historical" can be checked and a year of queue_log generated. Whole-second times
 * (AMI `Timestamp:` headers as with `timestampevents = yes`), so both sources carry the same values.
 */
import { seededRandom } from '../../traffic/random.ts'

export interface SyntheticRecord { time: number; ami?: string; queueLog?: string }

export interface SyntheticCenterOptions {
  seed?: number
  /** First call's queue entry, epoch ms (rounded to the second). */
  start: number
  calls: number
  queues?: string[]
  agents?: number
  /** Mean seconds between arrivals. */
  meanGapSec?: number
  systemName?: string
}

export type SyntheticOutcome = 'answered' | 'abandoned' | 'timeout' | 'caller_exit'

/** Records of all calls, sorted by time (ties keep each call's own order). */
export function syntheticCenter(o: SyntheticCenterOptions): { records: SyntheticRecord[]; outcomes: Map<string, SyntheticOutcome> } {
  const records: SyntheticRecord[] = []
  const outcomes = new Map<string, SyntheticOutcome>()
  for (const c of syntheticCalls(o)) { records.push(...c.records); outcomes.set(c.callId, c.outcome) }
  return { records: records.map((r, i) => ({ r, i })).sort((a, b) => a.r.time - b.r.time || a.i - b.i).map((x) => x.r), outcomes }
}

export interface SyntheticCall { callId: string; queue: string; outcome: SyntheticOutcome; records: SyntheticRecord[] }

export function* syntheticCalls(o: SyntheticCenterOptions): Generator<SyntheticCall> {
  const rnd = seededRandom(o.seed ?? 7)
  const queues = o.queues ?? ['sales', 'support']
  const agents = Array.from({ length: o.agents ?? 10 }, (_, i) => 1001 + i)
  let t = Math.floor(o.start / 1000)
  for (let i = 0; i < o.calls; i++) {
    t += Math.max(1, Math.round(rnd.exp(o.meanGapSec ?? 20)))
    const callId = `${o.systemName ? `${o.systemName}-` : ''}${t}.${i}`
    const queue = rnd.pick(queues)
    const ani = `1380000${String(1000 + (i % 9000)).padStart(4, '0')}`
    const u = rnd.next()
    const outcome: SyntheticOutcome = u < 0.7 ? 'answered' : u < 0.85 ? 'abandoned' : u < 0.95 ? 'timeout' : 'caller_exit'
    const recs: SyntheticRecord[] = []
    const ami = (at: number, event: string, fields: Record<string, string | number>): void => {
      let s = `Event: ${event}\r\nPrivilege: agent,all\r\nTimestamp: ${at}.000000\r\n`
      for (const [k, v] of Object.entries(fields)) s += `${k}: ${v}\r\n`
      recs.push({ time: at * 1000, ami: `${s}\r\n` })
    }
    const ql = (at: number, agent: string, verb: string, ...data: Array<string | number>): void => {
      recs.push({ time: at * 1000, queueLog: [at, callId, queue, agent, verb, ...data].join('|') })
    }
    const caller = { Channel: `SIP/trunk-${i.toString(16).padStart(8, '0')}`, CallerIDNum: ani, CallerIDName: ani, Uniqueid: callId, Linkedid: callId, Queue: queue }
    const member = (a: number) => ({ Interface: `Local/${a}@from-queue`, MemberName: `agent${a}` })
    ami(t, 'QueueCallerJoin', { ...caller, Position: 1, Count: 1 })
    ql(t, 'NONE', 'ENTERQUEUE', '', ani, 1)
    let now = t
    if (outcome === 'answered') {
      if (rnd.next() < 0.3) {
        const a = rnd.pick(agents)
        ami(now + 1, 'AgentCalled', { ...caller, ...member(a) })
        now += 16
        ami(now, 'AgentRingNoAnswer', { ...caller, ...member(a), RingTime: 15000 })
        ql(now, `agent${a}`, 'RINGNOANSWER', 15000)
      }
      const a = rnd.pick(agents)
      const ring = 2 + Math.floor(rnd.next() * 6)
      ami(now + 1, 'AgentCalled', { ...caller, ...member(a) })
      now += 1 + ring
      const wait = now - t
      ami(now, 'QueueCallerLeave', { ...caller, Position: 1, Count: 0 })
      ami(now, 'AgentConnect', { ...caller, ...member(a), HoldTime: wait, RingTime: ring })
      ql(now, `agent${a}`, 'CONNECT', wait, `${callId}1`, ring)
      const talk = 30 + Math.floor(rnd.exp(180))
      now += talk
      const byAgent = rnd.next() < 0.4
      ami(now, 'AgentComplete', { ...caller, ...member(a), HoldTime: wait, TalkTime: talk, Reason: byAgent ? 'agent' : 'caller' })
      ql(now, `agent${a}`, byAgent ? 'COMPLETEAGENT' : 'COMPLETECALLER', wait, talk, 1)
    } else {
      const wait = outcome === 'timeout' ? 300 : 1 + Math.floor(rnd.exp(40))
      now += wait
      ami(now, 'QueueCallerLeave', { ...caller, Position: 1, Count: 0 })
      if (outcome === 'abandoned') {
        ami(now, 'QueueCallerAbandon', { ...caller, Position: 1, OriginalPosition: 1, HoldTime: wait })
        ql(now, 'NONE', 'ABANDON', 1, 1, wait)
      } else if (outcome === 'timeout') ql(now, 'NONE', 'EXITWITHTIMEOUT', 1, 1, wait)
      else ql(now, 'NONE', 'EXITWITHKEY', 5, 1, 1, wait)
    }
    yield { callId, queue, outcome, records: recs }
  }
}
