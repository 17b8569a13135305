/**
 * What the rule check says when it refuses a center's templates, contracts or agents' rules (on
 * saving the WFM rules, and on generating a week), in English and Chinese.
 */
import { sentences } from '@agner/events/sentences'

export const sayRule = sentences({
  templateLength: { en: 'template "{id}" must last a whole number of {step}-minute intervals, up to 24 h', 'zh-CN': '班次模板“{id}”的时长必须是 {step} 分钟的整数倍，且不超过 24 小时' },
  templateStarts: { en: 'template "{id}": starts must lie within the day, earliest before latest', 'zh-CN': '班次模板“{id}”：开始时间须在当天内，且最早不晚于最晚' },
  templateStep: { en: 'template "{id}": starts must fall on {step}-minute boundaries', 'zh-CN': '班次模板“{id}”：开始时间须落在 {step} 分钟的整点上' },
  breakLength: { en: 'template "{id}": a {kind} must last whole {step}-minute intervals', 'zh-CN': '班次模板“{id}”：{kindZh}时长须为 {step} 分钟的整数倍' },
  breakWindow: { en: 'template "{id}": its {kind} window must lie inside the shift, earliest before latest', 'zh-CN': '班次模板“{id}”：{kindZh}时段须在班次之内，且最早不晚于最晚' },
  noTemplates: { en: 'define at least one shift template', 'zh-CN': '请至少定义一个班次模板' },
  hoursPerDay: { en: 'contract "{id}": hours per day must be 0 ≤ min ≤ max ≤ 24', 'zh-CN': '合同“{id}”：每日工时须满足 0 ≤ 最少 ≤ 最多 ≤ 24' },
  hoursPerWeek: { en: 'contract "{id}": hours per week must be 0 ≤ min ≤ max ≤ 168', 'zh-CN': '合同“{id}”：每周工时须满足 0 ≤ 最少 ≤ 最多 ≤ 168' },
  daysOff: { en: 'contract "{id}": days off per week must be 0–7', 'zh-CN': '合同“{id}”：每周休息天数须为 0–7' },
  consecutive: { en: 'contract "{id}": consecutive days must be at least 1', 'zh-CN': '合同“{id}”：连续工作天数至少为 1' },
  startEnd: { en: 'contract "{id}": earliest start must come before latest end (at most 48 h after midnight)', 'zh-CN': '合同“{id}”：最早上班须早于最晚下班（最晚为午夜后 48 小时）' },
  rest: { en: 'contract "{id}": rest between shifts must be 0–48 hours', 'zh-CN': '合同“{id}”：班次间休息须为 0–48 小时' },
  contractTemplate: { en: 'contract "{id}" names template "{template}", which is not defined', 'zh-CN': '合同“{id}”引用的班次模板“{template}”不存在' },
  agentTwice: { en: 'agent "{id}" is listed twice', 'zh-CN': '坐席“{id}”重复出现' },
  agentContract: { en: 'agent "{id}" has contract "{contract}", which is not defined', 'zh-CN': '坐席“{id}”的合同“{contract}”不存在' },
  availability: { en: 'agent "{id}" has an availability window that is not a weekday 0–6 with from < to', 'zh-CN': '坐席“{id}”的可用时段无效：须为星期 0–6，且开始早于结束' },
  daysWorked: { en: 'agent "{id}" has daysWorkedBefore that is not a whole number 0–7', 'zh-CN': '坐席“{id}”的 daysWorkedBefore 须为 0–7 的整数' },
  timeOff: { en: 'agent "{id}" has time off that ends before it starts', 'zh-CN': '坐席“{id}”的请假结束时间早于开始时间' },
})

export const BREAK_KIND_ZH: Record<string, string> = { break: '小休', lunch: '用餐' }
