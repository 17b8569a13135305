/** Every word a report or an export shows, in English and Simplified Chinese. */
import type { Locale } from './types.ts'

const EN = {
  // reports
  'report.queue-performance': 'Queue performance', 'report.service-level': 'Service level by formula',
  'report.abandons': 'Abandon analysis', 'report.agent-performance': 'Agent performance', 'report.agent-timeline': 'Agent state timeline',
  'report.dispositions': 'Disposition codes', 'report.contacts': 'Contacts', 'report.contact': 'Contact detail', 'report.csat': 'Customer satisfaction (CSAT)',
  // filters
  'filter.period': 'Period', 'filter.interval': 'Interval', 'filter.timeZone': 'Time zone', 'filter.queues': 'Queues', 'filter.teams': 'Teams',
  'filter.agents': 'Agents', 'filter.channels': 'Channels', 'filter.all': 'All', 'filter.generatedAt': 'Generated', 'filter.by': 'By',
  'filter.outcome': 'Outcome', 'filter.search': 'Search',
  // sections
  'section.byInterval': 'By interval', 'section.byQueue': 'By queue', 'section.byWait': 'Abandons by wait', 'section.byPosition': 'Abandons by position in line',
  'section.agents': 'Agents', 'section.auxReasons': 'Aux time by reason', 'section.timeline': 'States', 'section.codes': 'Codes',
  'section.contacts': 'Contacts', 'section.events': 'Events (raw)', 'section.journey': 'Journey', 'section.scores': 'Scores', 'col.step': 'What happened',
  // columns
  'col.period': 'Period', 'col.queue': 'Queue', 'col.channel': 'Channel', 'col.offered': 'Offered', 'col.answered': 'Answered',
  'col.abandoned': 'Abandoned', 'col.shortAbandons': 'Short abandons', 'col.flowedOut': 'Flowed out', 'col.callbacks': 'Callbacks',
  'col.handled': 'Handled', 'col.serviceLevel': 'Service level', 'col.asa': 'ASA', 'col.aht': 'AHT', 'col.abandonRate': 'Abandon rate',
  'col.maxWait': 'Max wait', 'col.formula': 'Formula', 'col.waitBucket': 'Wait', 'col.position': 'Position', 'col.share': 'Share',
  'col.agent': 'Agent', 'col.avgTalk': 'Avg talk', 'col.avgHold': 'Avg hold', 'col.avgWrap': 'Avg wrap', 'col.holdCount': 'Holds',
  'col.loggedIn': 'Logged in', 'col.ready': 'Ready', 'col.reserved': 'Ringing', 'col.busy': 'On contact', 'col.wrap': 'Wrap-up', 'col.aux': 'Aux',
  'col.occupancy': 'Occupancy', 'col.utilisation': 'Utilisation', 'col.reason': 'Reason', 'col.time': 'Time', 'col.interaction': 'Interaction', 'col.start': 'Start', 'col.end': 'End',
  'col.state': 'State', 'col.duration': 'Duration', 'col.code': 'Code', 'col.count': 'Count', 'col.contact': 'Contact', 'col.entered': 'Entered queue',
  'col.outcome': 'Outcome', 'col.wait': 'Wait', 'col.talk': 'Talk', 'col.hold': 'Hold', 'col.wrapTime': 'Wrap', 'col.disposition': 'Disposition',
  'col.caller': 'Caller', 'col.type': 'Event', 'col.detail': 'Detail', 'col.surveys': 'Surveys', 'col.avgCsat': 'Average score',
  'col.csat': 'CSAT (4–5)', 'col.score': 'Score', 'col.total': 'Total',
  // service level formulas
  'sl.answered': 'Answered', 'sl.offered': 'Offered', 'sl.ignore_short_abandons': 'Ignore short abandons',
  'sl.ignore_abandons_within_threshold': 'Ignore abandons within T', 'sl.abandons_within_threshold_positive': 'Abandons within T count as met',
  'sl.removed_within_threshold': 'Removed within T',
  // states and outcomes
  'state.offline': 'Offline', 'state.ready': 'Ready', 'state.reserved': 'Ringing', 'state.busy': 'On contact', 'state.wrap': 'Wrap-up', 'state.aux': 'Aux',
  'outcome.answered': 'Answered', 'outcome.abandoned': 'Abandoned', 'outcome.caller_exit': 'Caller exit', 'outcome.timeout': 'Timeout',
  'outcome.no_agents': 'No agents', 'outcome.callback': 'Callback', 'outcome.transferred': 'Transferred', 'outcome.overflow': 'Overflow',
  'outcome.error': 'Error', 'outcome.': 'Waiting',
  'total': 'Total', 'chart.slTarget': 'Service level',
  'interval.15m': '15 minutes', 'interval.30m': '30 minutes', 'interval.60m': 'Hour', 'interval.day': 'Day', 'interval.week': 'Week', 'interval.month': 'Month',
  // notes
  'note.attribution': 'Every figure of a contact, its handle time included, counts in the interval in which it entered the queue.',
  'note.sl': 'Service level per queue uses that queue\'s formula and threshold T; totals sum numerators and denominators.',
  'note.states': 'State time is split at interval boundaries; occupancy = on contact and wrap-up / (that + ready); utilisation = on contact and wrap-up / logged in.',
  'note.csat': 'Surveys count in the interval in which they were answered; CSAT = share of scores 4 and 5.',
  'note.masked': 'Callers\' numbers are masked: your account does not hold the personal-data permission.',
  'page': 'Page',
} as const

export type LabelKey = keyof typeof EN

const ZH: Record<LabelKey, string> = {
  'report.queue-performance': '队列表现', 'report.service-level': '各公式服务水平', 'report.abandons': '放弃分析', 'report.agent-performance': '坐席绩效',
  'report.agent-timeline': '坐席状态时间线', 'report.dispositions': '处理结果代码', 'report.contacts': '联络记录', 'report.contact': '联络详情', 'report.csat': '客户满意度 (CSAT)',
  'filter.period': '时段', 'filter.interval': '间隔', 'filter.timeZone': '时区', 'filter.queues': '队列', 'filter.teams': '团队', 'filter.agents': '坐席',
  'filter.channels': '渠道', 'filter.all': '全部', 'filter.generatedAt': '生成时间', 'filter.by': '生成人', 'filter.outcome': '结果', 'filter.search': '搜索',
  'section.byInterval': '按间隔', 'section.byQueue': '按队列', 'section.byWait': '按等待时长的放弃', 'section.byPosition': '按排队位置的放弃',
  'section.agents': '坐席', 'section.auxReasons': '按原因的小休时长', 'section.timeline': '状态', 'section.codes': '代码', 'section.contacts': '联络',
  'section.events': '原始事件', 'section.journey': '联络经过', 'section.scores': '评分', 'col.step': '经过',
  'col.period': '时段', 'col.queue': '队列', 'col.channel': '渠道', 'col.offered': '进线', 'col.answered': '接听', 'col.abandoned': '放弃',
  'col.shortAbandons': '短放弃', 'col.flowedOut': '溢出', 'col.callbacks': '回拨', 'col.handled': '已处理', 'col.serviceLevel': '服务水平',
  'col.asa': '平均应答速度', 'col.aht': '平均处理时长', 'col.abandonRate': '放弃率', 'col.maxWait': '最长等待', 'col.formula': '公式',
  'col.waitBucket': '等待', 'col.position': '位置', 'col.share': '占比', 'col.agent': '坐席', 'col.avgTalk': '平均通话', 'col.avgHold': '平均保持',
  'col.avgWrap': '平均话后', 'col.holdCount': '保持次数', 'col.loggedIn': '登录时长', 'col.ready': '就绪', 'col.reserved': '振铃', 'col.busy': '通话中',
  'col.wrap': '话后处理', 'col.aux': '小休', 'col.occupancy': '占用率', 'col.utilisation': '利用率', 'col.reason': '原因', 'col.time': '时间', 'col.interaction': '交互',
  'col.start': '开始', 'col.end': '结束', 'col.state': '状态', 'col.duration': '时长', 'col.code': '代码', 'col.count': '数量', 'col.contact': '联络',
  'col.entered': '进入队列', 'col.outcome': '结果', 'col.wait': '等待', 'col.talk': '通话', 'col.hold': '保持', 'col.wrapTime': '话后',
  'col.disposition': '处理结果', 'col.caller': '主叫', 'col.type': '事件', 'col.detail': '详情', 'col.surveys': '调查数', 'col.avgCsat': '平均分',
  'col.csat': '满意率 (4–5 分)', 'col.score': '分数', 'col.total': '合计',
  'sl.answered': '按接听', 'sl.offered': '按进线', 'sl.ignore_short_abandons': '忽略短放弃', 'sl.ignore_abandons_within_threshold': '忽略阈值内放弃',
  'sl.abandons_within_threshold_positive': '阈值内放弃计为达标', 'sl.removed_within_threshold': '阈值内离队',
  'state.offline': '离线', 'state.ready': '就绪', 'state.reserved': '振铃', 'state.busy': '通话中', 'state.wrap': '话后处理', 'state.aux': '小休',
  'outcome.answered': '接听', 'outcome.abandoned': '放弃', 'outcome.caller_exit': '主动退出', 'outcome.timeout': '超时', 'outcome.no_agents': '无坐席',
  'outcome.callback': '回拨', 'outcome.transferred': '转移', 'outcome.overflow': '溢出', 'outcome.error': '错误', 'outcome.': '等待中',
  'total': '合计', 'chart.slTarget': '服务水平',
  'interval.15m': '15 分钟', 'interval.30m': '30 分钟', 'interval.60m': '小时', 'interval.day': '天', 'interval.week': '周', 'interval.month': '月',
  'note.attribution': '联络的所有数据（包括处理时长）都计入其进入队列时所在的间隔。',
  'note.sl': '各队列的服务水平采用该队列的公式和阈值 T；合计为分子与分母分别相加。',
  'note.states': '状态时长在间隔边界处拆分；占用率 = 通话与话后 / (通话与话后 + 就绪)；利用率 = 通话与话后 / 登录时长。',
  'note.csat': '调查按作答时间计入间隔；满意率 = 4 分和 5 分的占比。',
  'note.masked': '主叫号码已隐藏：您的账号没有个人数据权限。',
  'page': '页',
}

export type Translate = (key: LabelKey | string) => string

export function labels(locale: Locale): Translate {
  const dict: Record<string, string> = locale === 'zh-CN' ? ZH : EN
  return (key) => dict[key] ?? (EN as Record<string, string>)[key] ?? key
}

export function isLocale(x: unknown): x is Locale { return x === 'en' || x === 'zh-CN' }
