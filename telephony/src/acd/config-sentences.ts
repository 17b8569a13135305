/**
 * What is wrong with a center's configuration, said in both languages: the checks of config.ts,
 * ivr.ts and hours.ts and the running ACD's refusals (a queue still holding contacts) throw these,
 * so an admin editing the center in the app reads the problem in their own language and the API
 * and the log keep the English.
 */
import { SaidError, sentences, type SayLocale, type SayParams, type Sentence } from '@agner/events/sentences'

const CATALOG = {
  notObject: { en: 'The ACD configuration must be a JSON object with "queues" and "agents".', 'zh-CN': 'ACD 配置必须是一个包含 "queues" 和 "agents" 的 JSON 对象。' },
  noQueues: { en: '"queues" must list at least one queue.', 'zh-CN': '"queues" 至少要有一个队列。' },
  agentsList: { en: '"agents" must be a list of agents.', 'zh-CN': '"agents" 必须是坐席列表。' },
  queueTwice: { en: 'Queue "{queue}" is listed twice; queue ids must be unique.', 'zh-CN': '队列"{queue}"出现了两次；队列 ID 不能重复。' },
  overflowUnknown: { en: 'Queue "{queue}" overflows to "{target}", which is not a queue here.', 'zh-CN': '队列"{queue}"溢出到"{target}"，但没有这个队列。' },
  closedUnknown: { en: 'Queue "{queue}" sends callers to "{target}" when closed, which is not a queue here.', 'zh-CN': '队列"{queue}"在关闭时把来电转到"{target}"，但没有这个队列。' },
  agentTwice: { en: 'Agent "{agent}" is listed twice.', 'zh-CN': '坐席"{agent}"出现了两次。' },
  skillNobodyHas: { en: 'Queue "{queue}" needs skill "{skill}", which no agent has; add it to an agent or drop it from the queue.', 'zh-CN': '队列"{queue}"需要技能"{skill}"，但没有任何坐席具备；请给坐席加上该技能，或从队列中去掉它。' },
  nobodyServes: { en: 'Queue "{queue}" has no agent who can serve it (all its skills and capacity on {channel}); add one.', 'zh-CN': '队列"{queue}"没有能服务它的坐席（需要具备它的全部技能，并在 {channel} 渠道有容量）；请添加一位。' },
  ivrsList: { en: '"ivrs" must be a list of IVR flows.', 'zh-CN': '"ivrs" 必须是 IVR 流程列表。' },
  ivrTwice: { en: 'IVR "{ivr}" is listed twice; IVR ids must be unique.', 'zh-CN': 'IVR"{ivr}"出现了两次；IVR ID 不能重复。' },
  codesList: { en: '"{field}" must be a list of { "code", "name": { "en", "zh-CN" } }.', 'zh-CN': '"{field}" 必须是 { "code", "name": { "en", "zh-CN" } } 的列表。' },
  codeId: { en: '{field}[{index}] needs a "code" of letters, digits, ".", "-" or "_".', 'zh-CN': '{field}[{index}] 需要由字母、数字、"."、"-" 或 "_" 组成的 "code"。' },
  codeTwice: { en: '{field}: code "{code}" is listed twice.', 'zh-CN': '{field}：代码"{code}"出现了两次。' },
  codeNames: { en: '{field}[{index}] ("{code}") needs a "name" in both languages: { "en": "…", "zh-CN": "…" }.', 'zh-CN': '{field}[{index}]（"{code}"）需要中英文两种名称：{ "en": "…", "zh-CN": "…" }。' },
  codePaid: { en: '{field}[{index}].paid must be true or false.', 'zh-CN': '{field}[{index}].paid 必须是 true 或 false。' },
  codeProductive: { en: '{field}[{index}].productive must be true or false.', 'zh-CN': '{field}[{index}].productive 必须是 true 或 false。' },
  queueId: { en: 'queues[{index}] needs an "id" of letters, digits, "-" or "_".', 'zh-CN': 'queues[{index}] 需要由字母、数字、"-" 或 "_" 组成的 "id"。' },
  queueName: { en: 'Queue "{queue}": "name" must be text or { "en": "…", "zh-CN": "…" }.', 'zh-CN': '队列"{queue}"："name" 必须是文字或 { "en": "…", "zh-CN": "…" }。' },
  queueChannel: { en: 'Queue "{queue}": "channel" must be one of {list}.', 'zh-CN': '队列"{queue}"："channel" 必须是 {list} 之一。' },
  queueStrategy: { en: 'Queue "{queue}": "strategy" must be one of {list}.', 'zh-CN': '队列"{queue}"："strategy" 必须是 {list} 之一。' },
  queueSkills: { en: 'Queue "{queue}": "requiredSkills" must map skill names to levels 1–10, e.g. {"billing": 3}.', 'zh-CN': '队列"{queue}"："requiredSkills" 必须是技能名到等级 1–10 的映射，例如 {"billing": 3}。' },
  queueSeconds: { en: 'Queue "{queue}": "{field}" must be a number of seconds ≥ 0.', 'zh-CN': '队列"{queue}"："{field}" 必须是不小于 0 的秒数。' },
  queueMaxSize: { en: 'Queue "{queue}": "maxSize" must be a whole number ≥ 0.', 'zh-CN': '队列"{queue}"："maxSize" 必须是不小于 0 的整数。' },
  queueHours: { en: 'Queue "{queue}": ', 'zh-CN': '队列"{queue}"：' },
  queueOverflow: { en: 'Queue "{queue}": "overflow" must be {"action": "queue", "queueId": …}, {"action": "callback"}, {"action": "voicemail"} or {"action": "disconnect"}.', 'zh-CN': '队列"{queue}"："overflow" 必须是 {"action": "queue", "queueId": …}、{"action": "callback"}、{"action": "voicemail"} 或 {"action": "disconnect"}。' },
  queueClosed: { en: 'Queue "{queue}": "closedAction" must be {"action": "message", "prompt": …}, {"action": "voicemail"}, {"action": "callback"} or {"action": "queue", "queueId": …}.', 'zh-CN': '队列"{queue}"："closedAction" 必须是 {"action": "message", "prompt": …}、{"action": "voicemail"}、{"action": "callback"} 或 {"action": "queue", "queueId": …}。' },
  queueHoldMusic: { en: 'Queue "{queue}": "holdMusic" must be a file name of letters, digits, _ and - (without .ogg).', 'zh-CN': '队列"{queue}"："holdMusic" 必须是由字母、数字、_ 和 - 组成的文件名（不含 .ogg）。' },
  queueClosedNoHours: { en: 'Queue "{queue}" has a "closedAction" but no "hours"; add its business hours.', 'zh-CN': '队列"{queue}"设置了 "closedAction" 但没有 "hours"；请添加营业时间。' },
  queueRelax: { en: 'Queue "{queue}": "relax" must list {"afterSeconds": n, "minLevel": 1–10}.', 'zh-CN': '队列"{queue}"："relax" 必须是 {"afterSeconds": n, "minLevel": 1–10} 的列表。' },
  queueFormula: { en: 'Queue "{queue}": "serviceLevelFormula" must be one of {list}.', 'zh-CN': '队列"{queue}"："serviceLevelFormula" 必须是 {list} 之一。' },
  agentId: { en: 'agents[{index}] needs an "id".', 'zh-CN': 'agents[{index}] 需要 "id"。' },
  agentSkills: { en: 'Agent "{agent}": "skills" must map skill names to proficiency 1–10, e.g. {"billing": 7}.', 'zh-CN': '坐席"{agent}"："skills" 必须是技能名到熟练度 1–10 的映射，例如 {"billing": 7}。' },
  agentCapacity: { en: 'Agent "{agent}": "capacity" must map channels to 0–20 contacts at once, e.g. {"voice": 1, "chat": 3}.', 'zh-CN': '坐席"{agent}"："capacity" 必须是渠道到同时 0–20 个联络的映射，例如 {"voice": 1, "chat": 3}。' },
  agentRingNoAnswer: { en: 'Agent "{agent}": "maxRingNoAnswer" must be a whole number ≥ 1.', 'zh-CN': '坐席"{agent}"："maxRingNoAnswer" 必须是不小于 1 的整数。' },
  agentTeam: { en: 'Agent "{agent}": "team" must be a team id of letters, digits, "-" or "_".', 'zh-CN': '坐席"{agent}"："team" 必须是由字母、数字、"-" 或 "_" 组成的团队 ID。' },
  ivrShape: { en: 'An IVR flow needs "id", "start" and "nodes".', 'zh-CN': 'IVR 流程需要 "id"、"start" 和 "nodes"。' },
  ivrStart: { en: 'IVR "{ivr}" starts at "{node}", which is not one of its nodes.', 'zh-CN': 'IVR"{ivr}"从"{node}"开始，但它不是该流程的节点。' },
  ivrAudio: { en: 'IVR "{ivr}", node "{node}": "audio" must be a file name of letters, digits, _ and - (without .ogg).', 'zh-CN': 'IVR"{ivr}"的节点"{node}"："audio" 必须是由字母、数字、_ 和 - 组成的文件名（不含 .ogg）。' },
  menuPrompt: { en: 'IVR "{ivr}", node "{node}": a menu needs a prompt.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：菜单需要提示语。' },
  menuOptions: { en: 'IVR "{ivr}", node "{node}": a menu needs at least one option.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：菜单至少需要一个选项。' },
  menuKey: { en: 'IVR "{ivr}", node "{node}": option "{key}" is not a key on a phone (0–9, * or #).', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：选项"{key}"不是电话按键（0–9、* 或 #）。' },
  menuNoInput: { en: 'IVR "{ivr}", node "{node}": a menu needs "onNoInput", where callers go when they press nothing.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：菜单需要 "onNoInput"，即来电者不按键时去哪里。' },
  menuRetries: { en: 'IVR "{ivr}", node "{node}": "retries" must be 0–5.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"："retries" 必须是 0–5。' },
  menuTimeout: { en: 'IVR "{ivr}", node "{node}": "timeoutSeconds" must be 1–120.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"："timeoutSeconds" 必须是 1–120。' },
  ivrHours: { en: 'IVR "{ivr}", node "{node}": ', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：' },
  messagePrompt: { en: 'IVR "{ivr}", node "{node}": a message needs a prompt.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：播报节点需要提示语。' },
  nodeQueue: { en: 'IVR "{ivr}", node "{node}": there is no queue "{queue}".', 'zh-CN': 'IVR"{ivr}"的节点"{node}"：没有队列"{queue}"。' },
  nodeType: { en: 'IVR "{ivr}", node "{node}": "type" must be menu, hours, message, queue or hangup.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"："type" 必须是 menu、hours、message、queue 或 hangup。' },
  nodeTarget: { en: 'IVR "{ivr}", node "{node}" points to "{target}", which does not exist.', 'zh-CN': 'IVR"{ivr}"的节点"{node}"指向"{target}"，但该节点不存在。' },
  ivrLoop: { en: 'IVR "{ivr}" has a loop: {path}; use a menu\'s "retries" to repeat it.', 'zh-CN': 'IVR"{ivr}"存在循环：{path}；如需重复请使用菜单的 "retries"。' },
  hoursShape: { en: 'Business hours must be an object with "timeZone" and "weekly".', 'zh-CN': '营业时间必须是包含 "timeZone" 和 "weekly" 的对象。' },
  hoursZone: { en: '"{zone}" is not a time zone; use a name such as Asia/Shanghai.', 'zh-CN': '"{zone}"不是时区；请使用 Asia/Shanghai 这样的名称。' },
  hoursWeekly: { en: 'Business hours need "weekly": weekday 1–7 → [["08:00", "20:00"]].', 'zh-CN': '营业时间需要 "weekly"：星期 1–7 → [["08:00", "20:00"]]。' },
  hoursWeekday: { en: 'Weekday "{day}" must be 1 (Monday) to 7 (Sunday).', 'zh-CN': '星期"{day}"必须是 1（周一）到 7（周日）。' },
  hoursSpan: { en: 'Weekday {day}: each span must be ["HH:MM", "HH:MM"] with the start before the end.', 'zh-CN': '星期 {day}：每个时段必须是 ["HH:MM", "HH:MM"]，且开始早于结束。' },
  hoursHolidays: { en: 'Holidays must be dates as "YYYY-MM-DD".', 'zh-CN': '节假日必须是 "YYYY-MM-DD" 格式的日期。' },
  settingsShape: { en: '"settings" must be an object such as {"supervisorsEditSkills": true}.', 'zh-CN': '"settings" 必须是类似 {"supervisorsEditSkills": true} 的对象。' },
  agentTeamUnknown: { en: 'Agent "{agent}" is in team "{team}", which does not exist; create the team under Users or pick another.', 'zh-CN': '坐席"{agent}"所属的团队"{team}"不存在；请在"用户"中创建该团队或另选一个。' },
  queueInUse: { en: 'Queue "{queue}" still has {count} contacts in it; remove it once they are served.', 'zh-CN': '队列"{queue}"里还有 {count} 个联络；请在处理完之后再删除它。' },
  agentInUse: { en: 'Agent "{agent}" is on a contact; remove them once it is wrapped up.', 'zh-CN': '坐席"{agent}"正在处理联络；请在话后处理结束后再删除。' },
} as const

export type ConfigProblem = keyof typeof CATALOG
export const sayConfig = sentences(CATALOG)

/** A sentence that starts with `prefix` (e.g. 'Queue "sales": ') and goes on with `inner` in each language. */
export function within(prefix: ConfigProblem, params: SayParams, inner: Sentence): Sentence {
  const head = sayConfig(prefix, params)
  const text = Object.fromEntries((['en', 'zh-CN'] as SayLocale[]).map((l) => [l, head.text[l] + inner.text[l]])) as Record<SayLocale, string>
  return { code: inner.code, params: { ...params, ...inner.params }, text }
}

/** A problem in a center's configuration; `said` has it in both languages, `message` in English. */
export class AcdConfigError extends SaidError {
  constructor(code: ConfigProblem | Sentence, params?: SayParams) { super(typeof code === 'string' ? sayConfig(code, params) : code) }
}
