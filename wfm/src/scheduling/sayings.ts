/**
 * What the scheduler tells a planner (problems of a generated week, labour-rule violations), as a
 * code with its values, and the sentence for it in each language Agner speaks. The scheduler keeps
 * the code and values, so the web shows the sentence in the planner's language and the API and
 * exports keep the English one. Pure: the web imports it too (`@agner/wfm/sayings`).
 */
export type SayLocale = 'en' | 'zh-CN'
export type SayParams = Record<string, string | number>

const TEXT = {
  // Problems of a generated week.
  'problem.no-skill': {
    en: 'Nobody has skill "{skill}", so its {hours} required agent-hours stay uncovered; give the skill to some agents.',
    'zh-CN': '没有坐席具备技能“{skill}”，其 {hours} 个所需坐席小时无人覆盖；请为部分坐席添加该技能。',
  },
  'problem.no-availability': {
    en: '{name} has no availability this week, so gets no shifts.',
    'zh-CN': '{name} 本周没有可用时间，因此没有排班。',
  },
  'problem.no-template': {
    en: "No shift template fits {name}'s contract, availability and time off, so they get no shifts.",
    'zh-CN': '没有班次模板符合 {name} 的合同、可用时间和休假，因此没有排班。',
  },
  'problem.short-of-hours': {
    en: "The requirement needs {required} agent-hours on the phones but the agents' contracts allow at most {possible} paid hours, so the week cannot be fully covered; add agents or hours.",
    'zh-CN': '需求为 {required} 个在线坐席小时，但坐席合同最多允许 {possible} 个计薪小时，本周无法完全覆盖；请增加坐席或工时。',
  },
  'problem.rounded-lp': {
    en: 'The optimizer found no whole-number selection within {limit} s, so the schedule rounds its LP solution; a longer limit gives a better schedule.',
    'zh-CN': '优化器在 {limit} 秒内未找到整数解，排班取整了其线性规划解；放宽时间上限可得到更好的排班。',
  },
  'problem.time-limit': {
    en: 'The optimizer stopped at its {limit} s time limit with a gap of {gap} %; a longer limit may find a cheaper schedule.',
    'zh-CN': '优化器在 {limit} 秒时间上限处停止，最优性差距 {gap}%；放宽时间上限可能找到成本更低的排班。',
  },
  'problem.time-limit-improved': {
    en: 'The optimizer stopped at its {limit} s time limit {before} % from its bound; a local search then lowered the schedule\'s cost by {better} %. A longer limit may find a cheaper schedule.',
    'zh-CN': '优化器在 {limit} 秒时间上限处停止，距下界 {before}%；随后的局部搜索把排班成本降低了 {better}%。放宽时间上限可能找到成本更低的排班。',
  },
  'problem.min-hours': {
    en: "{name} is {short} h short of the contract's {min} h a week; their availability, time off or rest rules leave no more shifts.",
    'zh-CN': '{name} 比合同每周 {min} 小时少 {short} 小时；其可用时间、休假或休息规则不允许再排班。',
  },
  'problem.time-off-merged': {
    en: "{name}'s time off entries overlap; they were merged into {count}.",
    'zh-CN': '{name} 的休假记录有重叠，已合并为 {count} 条。',
  },
  'note.carry-in': {
    en: "{count} shifts of last week's published schedule run into this week (until {until} on Monday): the requirement counts them, and their agents rest before their next shift.",
    'zh-CN': '上周已发布排班中有 {count} 个班次延续到本周（至周一 {until}）：需求已计入这些班次，相关坐席在下一班次前先满足休息。',
  },
  'note.no-week-before': {
    en: 'No schedule is published for the week before, so nobody carries into Monday before {until}, when this week\'s first shift can start ({hours} agent-hours needed there are left open); publish the week before first and generate this one again.',
    'zh-CN': '上一周没有已发布的排班，因此周一 {until} 之前（本周最早班次的开始时间）无人延续上班（该时段所需 {hours} 个坐席小时无法覆盖）；请先发布上一周，再重新生成本周排班。',
  },
  // Labour-rule violations.
  'rule.one-shift-a-day': { en: '{name} has two shifts on one day', 'zh-CN': '{name} 同一天有两个班次' },
  'rule.max-hours-per-week': {
    en: "{name} is scheduled {hours} h, more than the contract's {max} h a week",
    'zh-CN': '{name} 排班 {hours} 小时，超过合同每周 {max} 小时',
  },
  'rule.min-hours-per-week': {
    en: "{name} is scheduled {hours} h, less than the contract's {min} h a week",
    'zh-CN': '{name} 排班 {hours} 小时，少于合同每周 {min} 小时',
  },
  'rule.days-off': {
    en: "{name} works {days} days, leaving fewer than the contract's {daysOff} days off",
    'zh-CN': '{name} 工作 {days} 天，休息日少于合同规定的 {daysOff} 天',
  },
  'rule.consecutive-days': { en: '{name} works more than {max} days in a row', 'zh-CN': '{name} 连续工作超过 {max} 天' },
  'rule.rest': {
    en: '{name} gets {hours} h of rest before the shift on day {day}; the contract needs {min} h',
    'zh-CN': '{name} 在第 {day} 天班次前只休息 {hours} 小时；合同要求 {min} 小时',
  },
  'rule.contract-template': { en: "{name}'s contract does not work {template} shifts", 'zh-CN': '{name} 的合同不允许 {template} 班次' },
  'rule.hours-per-day': {
    en: "{name}'s shift has {hours} paid hours; the contract allows {min}–{max} h a day",
    'zh-CN': '{name} 的班次计薪 {hours} 小时；合同允许每天 {min}–{max} 小时',
  },
  'rule.earliest-start': {
    en: "{name}'s shift starts at {start}, before the contract's earliest start {earliest}",
    'zh-CN': '{name} 的班次 {start} 开始，早于合同最早上班时间 {earliest}',
  },
  'rule.latest-end': {
    en: "{name}'s shift ends at {end}, after the contract's latest end {latest}",
    'zh-CN': '{name} 的班次 {end} 结束，晚于合同最晚下班时间 {latest}',
  },
  'rule.availability': {
    en: '{name} is not available for the whole shift {start}–{end}',
    'zh-CN': '{name} 在 {start}–{end} 班次期间并非全程可用',
  },
  'rule.time-off': { en: "{name}'s shift overlaps their time off", 'zh-CN': '{name} 的班次与其休假重叠' },
  'rule.rest-after-last-week': {
    en: "{name}'s shift starts before the rest after last week's shift ends (Monday {until})",
    'zh-CN': '{name} 的班次早于上周班次后的休息结束时间（周一 {until}）',
  },
  'rule.break-overlap': { en: '{name} has two breaks at once at {at}', 'zh-CN': '{name} 在 {at} 同时有两个休息' },
  'rule.break-window': {
    en: "{name}'s {kind} at {at} is outside its window ({from}–{to}, {minutes} min)",
    'zh-CN': '{name} 在 {at} 的{kind}不在允许时段内（{from}–{to}，{minutes} 分钟）',
  },
  'rule.break-outside-shift': { en: "{name}'s {kind} at {at} is outside the shift", 'zh-CN': '{name} 在 {at} 的{kind}超出了班次' },
  'rule.break-missing': { en: "{name}'s shift is missing its {minutes}-minute {kind}", 'zh-CN': '{name} 的班次缺少 {minutes} 分钟的{kind}' },
} as const satisfies Record<string, Record<SayLocale, string>>

export type SayCode = keyof typeof TEXT

/** Every code there is a sentence for. */
export const SAY_CODES = Object.keys(TEXT) as SayCode[]

/** What was said: a code and its values. */
export interface Said { code: SayCode; params: SayParams }

/** Names of break kinds inside a sentence. */
const KIND: Record<string, Record<SayLocale, string>> = {
  break: { en: 'break', 'zh-CN': '小休' },
  lunch: { en: 'lunch', 'zh-CN': '用餐' },
}

/** The sentence for `s` in `locale` (English when the code is unknown to this version). */
export function say(s: Said, locale: SayLocale = 'en'): string {
  const text: Record<SayLocale, string> | undefined = TEXT[s.code]
  if (!text) return s.code
  return text[locale].replace(/\{(\w+)\}/g, (whole, k: string) => {
    const v = s.params[k]
    if (v === undefined) return whole
    if (k === 'kind') return KIND[String(v)]?.[locale] ?? String(v)
    return String(v)
  })
}

/** What was said, with its English sentence beside the code, as the API returns it. */
export type Problem = Said & { message: string }

/** A problem or violation with its English sentence beside its code, as the API returns them. */
export function said(code: SayCode, params: SayParams): Problem {
  return { code, params, message: say({ code, params }) }
}
