/**
 * What WFM refuses, in both languages: agents' requests (time off, shift swaps), the planner's
 * schedule and forecast routes. The API keeps the English `error`; the user reads `message` in
 * their language (server/errors.ts `refusalBody`).
 */
import { sentences } from '@agner/events/sentences'
import { ReportInputError } from '@agner/analytics'
import type { WfmInputError } from '@agner/wfm'

/** A request's or swap's status inside a sentence, in each language. */
const STATUS: Record<string, { en: string; zh: string }> = {
  pending: { en: 'pending', zh: '待审批' },
  approved: { en: 'approved', zh: '已批准' },
  declined: { en: 'declined', zh: '已拒绝' },
  canceled: { en: 'withdrawn', zh: '已撤回' },
  awaiting_colleague: { en: 'awaiting the colleague', zh: '等待同事答复' },
  colleague_declined: { en: 'declined by the colleague', zh: '同事已拒绝' },
}

/** The values `status` and `statusZh` for a sentence that names a status. */
export function statusParams(status: string): { status: string; statusZh: string } {
  const s = STATUS[status]
  return { status: s?.en ?? status, statusZh: s?.zh ?? status }
}

export const sayWfm = sentences({
  notLinked: { en: 'Your user is not linked to an agent; ask an admin to link it.', 'zh-CN': '您的用户没有关联坐席；请联系管理员关联。' },
  // Time off.
  timeOffOver: { en: 'time off: that time is already over; ask for time still to come.', 'zh-CN': '休假：该时间已经过去；请申请尚未到来的时间。' },
  timeOffTooFar: { en: 'time off: ask at most {days} days ahead.', 'zh-CN': '休假：最多只能提前 {days} 天申请。' },
  noRequestOfYours: { en: 'There is no such request of yours.', 'zh-CN': '没有这条属于您的申请。' },
  requestNotPending: { en: 'The request is already {status}; only a pending request can be withdrawn.', 'zh-CN': '该申请已是“{statusZh}”状态；只有待审批的申请可以撤回。' },
  noRequest: { en: 'There is no such request.', 'zh-CN': '没有这条申请。' },
  requestDecided: { en: 'The request is already {status}; it cannot be decided again.', 'zh-CN': '该申请已是“{statusZh}”状态，不能再次审批。' },
  declineReason: { en: 'reason: say why the request is declined; the agent reads it.', 'zh-CN': '原因：请说明拒绝的理由，坐席会看到。' },
  leaveOrder: { en: '{where}: "from" must be before "to" (to is exclusive: from 2026-12-24 to 2026-12-27 is three days).', 'zh-CN': '{where}：开始须早于结束（结束日不含在内：2026-12-24 至 2026-12-27 为三天）。' },
  leaveTooLong: { en: '{where}: a leave is at most {days} days; split a longer absence.', 'zh-CN': '{where}：一次休假最多 {days} 天；更长的缺勤请分开申请。' },
  // Shift swaps.
  swapWeekUnpublished: { en: 'date: the week of {date} has no published schedule yet; swaps are made on a published week.', 'zh-CN': '日期：{date} 所在的周还没有已发布的排班；只能在已发布的周内换班。' },
  swapDayOver: { en: 'date: that day is over; propose a swap for a day still to come.', 'zh-CN': '日期：该日已过；请为尚未到来的日子申请换班。' },
  swapNoShift: { en: 'date: you have no shift on {date} to swap.', 'zh-CN': '日期：您在 {date} 没有可换的班次。' },
  swapColleague: { en: 'colleagueId: pick a colleague who is in this week\'s schedule.', 'zh-CN': '同事：请选择本周排班中的一位同事。' },
  noSwapAskedOfYou: { en: 'There is no such swap asked of you.', 'zh-CN': '没有向您发起的这条换班申请。' },
  swapAnswered: { en: 'This swap has been answered already.', 'zh-CN': '这条换班申请已经答复过了。' },
  noSwapOfYours: { en: 'There is no such swap of yours.', 'zh-CN': '没有这条属于您的换班申请。' },
  swapNotWithdrawable: { en: 'This swap is already {status}; it cannot be withdrawn.', 'zh-CN': '这条换班申请已是“{statusZh}”状态，不能撤回。' },
  noSwap: { en: 'There is no such swap.', 'zh-CN': '没有这条换班申请。' },
  swapAwaitingColleague: { en: 'The colleague has not accepted this swap yet.', 'zh-CN': '同事尚未接受这条换班申请。' },
  swapDecided: { en: 'This swap is already {status}.', 'zh-CN': '这条换班申请已是“{statusZh}”状态。' },
  swapDeclineReason: { en: 'reason: say why the swap is declined; both agents read it.', 'zh-CN': '原因：请说明拒绝换班的理由，两位坐席都会看到。' },
  swapWeekGone: { en: 'The week has no published schedule any more; nothing to swap.', 'zh-CN': '该周已没有已发布的排班，无法换班。' },
  // Schedules.
  notMonday: { en: 'week: "{text}" is not a Monday like 2026-11-30.', 'zh-CN': '周：“{text}”不是周一日期（例如 2026-11-30）。' },
  noSchedule: { en: 'That schedule does not exist; pick one from the list.', 'zh-CN': '该排班不存在；请从列表中选择。' },
  generating: { en: 'A schedule is being generated; wait for it to finish and try again.', 'zh-CN': '正在生成排班；请等待完成后再试。' },
  noHistory: { en: 'There is no history to forecast this week from; generate a schedule once contacts have been handled.', 'zh-CN': '没有可用于预测本周的历史数据；请在有联系处理记录后再生成排班。' },
  publishedFrozen: { en: 'Published versions do not change; edit the draft and publish it again.', 'zh-CN': '已发布的版本不能修改；请编辑草稿后重新发布。' },
  alreadyPublished: { en: 'That schedule is already a published version; publish its draft instead.', 'zh-CN': '该排班已是发布版本；请发布其草稿。' },
  // Schedule edits.
  editBreaksRule: { en: '{rule}; change it, or save anyway with force.', 'zh-CN': '{ruleZh}；请修改，或强制保存。' },
  editNoAgent: { en: 'Agent "{agent}" is not in this schedule.', 'zh-CN': '坐席“{agent}”不在该排班中。' },
  editStep: { en: 'Times must fall on {step}-minute boundaries.', 'zh-CN': '时间必须落在 {step} 分钟的整点上。' },
  editLength: { en: 'A shift must end after it starts and last at most 24 hours.', 'zh-CN': '班次的结束必须晚于开始，且最长 24 小时。' },
  editDay: { en: 'A shift belongs to the day it starts on; move it within its day or drop it on another day.', 'zh-CN': '班次属于其开始的那一天；请在当天内移动，或拖到另一天。' },
  editTemplate: { en: 'Shift template "{template}" is not defined.', 'zh-CN': '班次模板“{template}”未定义。' },
  // Forecasts.
  unknownQueue: { en: 'Queue "{queue}" is unknown; pick one from the list.', 'zh-CN': '队列“{queue}”不存在；请从列表中选择。' },
  queueOutside: { en: 'That queue is outside your teams; ask an admin.', 'zh-CN': '该队列不在您的团队范围内；请联系管理员。' },
  notDate: { en: '{field}: "{text}" is not a date like 2026-12-25.', 'zh-CN': '{field}：“{text}”不是日期（例如 2026-12-25）。' },
  specialFactor: { en: 'special: "{text}" needs a factor from 0 to 10, like 2026-12-25:0.2.', 'zh-CN': '特殊日：“{text}”需要 0 到 10 之间的系数，例如 2026-12-25:0.2。' },
  adjustFormat: { en: 'adjust: "{text}" is not like 2026-11-23T09:00~2026-11-23T12:00:+15.', 'zh-CN': '调整：“{text}”的格式应类似 2026-11-23T09:00~2026-11-23T12:00:+15。' },
  noForecastVersion: { en: 'That forecast version does not exist (or is outside your teams).', 'zh-CN': '该预测版本不存在（或不在您的团队范围内）。' },
})

/** WFM's refusal of its input (a forecast's or schedule's), said in the user's language too, as a sentence ending in a full stop. */
export function inputRefusal(err: WfmInputError): ReportInputError {
  return new ReportInputError(err.said ? { ...err.said, text: { en: `${err.said.text.en}.`, 'zh-CN': `${err.said.text['zh-CN']}。` } } : `${err.message}.`)
}
