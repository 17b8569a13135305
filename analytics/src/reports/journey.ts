/**
 * A contact's journey in plain words, from its canonical events: how it came in, the IVR path and
 * keys, each queue and its wait, each offer (to whom, how long it rang, what came of it), who
 * answered, holds, transfers, who hung up, the wrap-up code and notes, the survey score. Pure:
 * events in, one sentence per step out, in English or Chinese.
 */
import type { Locale } from './types.ts'

export interface JourneyEvent { type: string; time: number; queueId: string; agentId: string; channel: string; data: Record<string, unknown> }
export interface JourneyStep { time: number; step: string }
export interface JourneyNames {
  queue: (id: string) => string
  agent: (id: string) => string
  /** The caller's number as this reader may see it (masked without `pii`). */
  phone: (n: string) => string
  /** A disposition or reason code's display name. */
  code: (c: string) => string
}

type Say = (key: keyof typeof EN, v?: Record<string, string | number>) => string

const EN = {
  createdInbound: 'Contact came in{from}{to} ({channel})', createdOutbound: 'Outbound contact to {to} ({channel})',
  createdTransfer: 'Contact created by a transfer from {previous}', createdCallback: 'Callback contact to {to}', createdApi: 'Contact created through the API',
  from: ' from {ani}', to: ' to {dnis}',
  ivr: 'IVR: {node}{input}', ivrInput: ', pressed {input}',
  queued: 'Entered queue {queue}{position}', position: ' at position {n}',
  offered: 'Offered to {agent}', offerEnded: '{agent} did not take it: {outcome} after ringing {ring}',
  dequeuedAnswered: 'Left queue {queue}: answered after waiting {wait}', dequeued: 'Left queue {queue}: {outcome} after waiting {wait}',
  connected: 'Answered by {agent} (waited {wait}, rang {ring})', held: 'Put on hold by {agent}', resumed: 'Taken off hold',
  transferred: '{agent} transferred it ({mode}) to {target}{next}', nextContact: '; it continues as contact {id}',
  endedCustomer: 'The customer hung up after {talk} of talk{hold}', endedAgent: '{agent} ended it after {talk} of talk{hold}',
  endedSystem: 'The system ended it after {talk} of talk{hold}', endedTransfer: 'The call left {agent} by the transfer after {talk} of talk{hold}',
  holdPart: ' and {hold} on hold ({n}×)',
  wrapup: 'Wrap-up by {agent}: {code} ({duration}){notes}', notes: ' — notes: “{notes}”',
  callback: 'The customer asked for a callback to {number}{when}', callbackWhen: ' at {when}',
  survey: 'Survey: {score} of 5{comment}', comment: ' — “{comment}”',
  'monitor.start': '{who} started to {mode}', 'monitor.change': '{who} switched to {mode}', 'monitor.stop': '{who} stopped {mode}',
  'monitor.listen': 'listen in', 'monitor.whisper': 'whisper to the agent', 'monitor.barge': 'barge in (both hear)',
  other: '{type}',
  'mode.blind': 'blind', 'mode.attended': 'attended', 'mode.queue': 'to a queue', 'mode.external': 'to an outside number',
  'offer.timeout': 'no answer', 'offer.rejected': 'rejected', 'offer.canceled': 'canceled', 'offer.failed': 'failed',
  'outcome.abandoned': 'the caller hung up', 'outcome.caller_exit': 'the caller left through the menu', 'outcome.timeout': 'the queue timed out',
  'outcome.no_agents': 'no agents were logged in', 'outcome.callback': 'the caller asked for a callback', 'outcome.transferred': 'transferred',
  'outcome.overflow': 'overflowed{to}', 'outcome.error': 'closed by the system', overflowTo: ' to {queue}', none: '—', noCode: 'no code',
  channel: '{channel}',
}
const ZH: typeof EN = {
  createdInbound: '联络呼入{from}{to}（{channel}）', createdOutbound: '外呼联络至 {to}（{channel}）',
  createdTransfer: '由联络 {previous} 转移而来', createdCallback: '回拨联络至 {to}', createdApi: '通过 API 创建的联络',
  from: '，主叫 {ani}', to: '，被叫 {dnis}',
  ivr: 'IVR：{node}{input}', ivrInput: '，按键 {input}',
  queued: '进入队列 {queue}{position}', position: '，排第 {n} 位',
  offered: '分配给 {agent}', offerEnded: '{agent} 未接起：振铃 {ring}后{outcome}',
  dequeuedAnswered: '离开队列 {queue}：等待 {wait}后接通', dequeued: '离开队列 {queue}：等待 {wait}后{outcome}',
  connected: '由 {agent} 接听（等待 {wait}，振铃 {ring}）', held: '{agent} 将客户保持', resumed: '结束保持',
  transferred: '{agent} 将联络{mode}转移至 {target}{next}', nextContact: '；后续为联络 {id}',
  endedCustomer: '客户挂断，通话 {talk}{hold}', endedAgent: '{agent} 结束联络，通话 {talk}{hold}',
  endedSystem: '系统结束联络，通话 {talk}{hold}', endedTransfer: '联络经转移离开 {agent}，通话 {talk}{hold}',
  holdPart: '，保持 {hold}（{n} 次）',
  wrapup: '{agent} 完成话后处理：{code}（{duration}）{notes}', notes: '，备注：“{notes}”',
  callback: '客户申请回拨至 {number}{when}', callbackWhen: '，时间 {when}',
  survey: '满意度调查：{score} 分（满分 5 分）{comment}', comment: '，“{comment}”',
  'monitor.start': '{who} 开始{mode}', 'monitor.change': '{who} 切换为{mode}', 'monitor.stop': '{who} 结束{mode}',
  'monitor.listen': '监听', 'monitor.whisper': '耳语（仅坐席听到）', 'monitor.barge': '强插（双方都听到）',
  other: '{type}',
  'mode.blind': '盲', 'mode.attended': '咨询', 'mode.queue': '到队列', 'mode.external': '到外线',
  'offer.timeout': '无应答', 'offer.rejected': '被拒绝', 'offer.canceled': '被取消', 'offer.failed': '失败',
  'outcome.abandoned': '客户挂断', 'outcome.caller_exit': '客户经菜单退出', 'outcome.timeout': '排队超时',
  'outcome.no_agents': '没有坐席在线', 'outcome.callback': '客户申请回拨', 'outcome.transferred': '被转移',
  'outcome.overflow': '溢出{to}', 'outcome.error': '被系统关闭', overflowTo: '至 {queue}', none: '—', noCode: '无代码',
  channel: '{channel}',
}
const CHANNELS: Record<Locale, Record<string, string>> = {
  en: { voice: 'voice', chat: 'chat', email: 'email', sms: 'SMS', video: 'video', callback: 'callback' },
  'zh-CN': { voice: '语音', chat: '在线聊天', email: '邮件', sms: '短信', video: '视频', callback: '回拨' },
}

/** A duration as people say it: "45 s", "3 min 05 s", "1 h 02 min"; "45 秒", "3 分 05 秒". */
export function spokenDuration(ms: number, locale: Locale): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (locale === 'zh-CN') return h > 0 ? `${h} 小时 ${pad(m)} 分` : m > 0 ? `${m} 分 ${pad(sec)} 秒` : `${sec} 秒`
  return h > 0 ? `${h} h ${pad(m)} min` : m > 0 ? `${m} min ${pad(sec)} s` : `${sec} s`
}

function sayer(locale: Locale): Say {
  const table = locale === 'zh-CN' ? ZH : EN
  return (key, v = {}) => table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''))
}

const str = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x))
const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0)

/** One sentence per event, in time order. */
export function contactJourney(events: readonly JourneyEvent[], names: JourneyNames, locale: Locale): JourneyStep[] {
  const say = sayer(locale)
  const dur = (ms: unknown): string => spokenDuration(num(ms), locale)
  const agent = (id: string): string => (id ? names.agent(id) : say('none'))
  const steps: JourneyStep[] = []
  for (const e of events) {
    const d = e.data
    const queue = e.queueId ? names.queue(e.queueId) : say('none')
    let step: string
    switch (e.type) {
      case 'contact.created': {
        const channel = CHANNELS[locale][e.channel] ?? e.channel
        const init = str(d.initiation)
        if (init === 'transfer') step = say('createdTransfer', { previous: str(d.previousContactId) || say('none') })
        else if (init === 'callback') step = say('createdCallback', { to: names.phone(str(d.dnis) || str(d.ani)) })
        else if (init === 'api') step = say('createdApi')
        else if (str(d.direction) === 'outbound') step = say('createdOutbound', { to: names.phone(str(d.dnis)), channel })
        else step = say('createdInbound', { from: d.ani ? say('from', { ani: names.phone(str(d.ani)) }) : '', to: d.dnis ? say('to', { dnis: str(d.dnis) }) : '', channel })
        break
      }
      case 'contact.ivr_step': step = say('ivr', { node: str(d.node), input: d.input ? say('ivrInput', { input: str(d.input) }) : '' }); break
      case 'contact.queued': step = say('queued', { queue, position: num(d.position) > 0 ? say('position', { n: num(d.position) }) : '' }); break
      case 'contact.offered': step = say('offered', { agent: agent(str(d.agentId) || e.agentId) }); break
      case 'contact.offer_ended': step = say('offerEnded', { agent: agent(str(d.agentId) || e.agentId), ring: dur(d.ringMs), outcome: say(`offer.${str(d.outcome)}` as keyof typeof EN) || str(d.outcome) }); break
      case 'contact.dequeued': {
        const outcome = str(d.outcome)
        if (outcome === 'answered') { step = say('dequeuedAnswered', { queue, wait: dur(d.waitMs) }); break }
        const to = outcome === 'overflow' && d.overflowTo ? say('overflowTo', { queue: names.queue(str(d.overflowTo)) }) : ''
        const key = `outcome.${outcome}` as keyof typeof EN
        step = say('dequeued', { queue, wait: dur(d.waitMs), outcome: key in EN ? say(key, { to }) : outcome })
        break
      }
      case 'contact.connected': step = say('connected', { agent: agent(str(d.agentId) || e.agentId), wait: dur(d.waitMs), ring: dur(d.ringMs) }); break
      case 'contact.held': step = say('held', { agent: agent(e.agentId) }); break
      case 'contact.resumed': step = say('resumed'); break
      case 'contact.transferred': {
        const mode = say(`mode.${str(d.mode)}` as keyof typeof EN) || str(d.mode)
        const target = str(d.mode) === 'queue' ? names.queue(str(d.target)) : str(d.mode) === 'external' ? names.phone(str(d.target)) : agent(str(d.target))
        step = say('transferred', { agent: agent(e.agentId), mode, target, next: d.newContactId ? say('nextContact', { id: str(d.newContactId) }) : '' })
        break
      }
      case 'contact.ended': {
        const hold = num(d.holdMs) > 0 ? say('holdPart', { hold: dur(d.holdMs), n: num(d.holdCount) || 1 }) : ''
        const by = str(d.endedBy)
        const key = by === 'agent' ? 'endedAgent' : by === 'system' ? 'endedSystem' : by === 'transfer' ? 'endedTransfer' : 'endedCustomer'
        step = say(key, { agent: agent(e.agentId), talk: dur(d.talkMs), hold })
        break
      }
      case 'contact.wrapup_ended':
        step = say('wrapup', { agent: agent(e.agentId), code: d.dispositionCode ? names.code(str(d.dispositionCode)) : say('noCode'), duration: dur(d.durationMs), notes: d.notes ? say('notes', { notes: str(d.notes) }) : '' })
        break
      case 'contact.callback_requested': step = say('callback', { number: names.phone(str(d.number)), when: d.scheduledFor ? say('callbackWhen', { when: new Date(num(d.scheduledFor)).toISOString().slice(0, 16).replace('T', ' ') }) : '' }); break
      case 'contact.survey': step = say('survey', { score: num(d.csat), comment: d.comment ? say('comment', { comment: str(d.comment) }) : '' }); break
      case 'contact.monitored': {
        const action = ({ start: 'monitor.start', change: 'monitor.change', stop: 'monitor.stop' } as const)[str(d.action) as 'start'] ?? 'monitor.change'
        const mode = ({ listen: 'monitor.listen', whisper: 'monitor.whisper', barge: 'monitor.barge' } as const)[str(d.mode) as 'listen'] ?? 'monitor.listen'
        step = say(action, { who: str(d.supervisorName) || str(d.supervisorId), mode: say(mode) })
        break
      }
      default: step = say('other', { type: e.type })
    }
    steps.push({ time: e.time, step })
  }
  return steps
}
