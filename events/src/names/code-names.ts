/**
 * Display names of the codes people meet on screens and in exports: channels, agent states,
 * built-in disposition and aux reason codes, audit actions, in English and Chinese. A center's own
 * disposition and aux reason codes carry their names in its configuration (ACD config
 * `dispositions` / `auxReasons`), which win over these. Pure: the server and the web app share it.
 */
export type CodeKind = 'channel' | 'disposition' | 'aux' | 'audit'
export type NameLocale = 'en' | 'zh-CN'
export interface Names { en: string; 'zh-CN': string }
/** A center's own codes: code → names, per kind. */
export type CenterCodes = Partial<Record<CodeKind, Record<string, Names>>>

const n = (en: string, zh: string): Names => ({ en, 'zh-CN': zh })

export const BUILT_IN_CODES: Record<CodeKind, Record<string, Names>> = {
  channel: { voice: n('Voice', '语音'), chat: n('Chat', '在线聊天'), email: n('Email', '邮件'), sms: n('SMS', '短信'), video: n('Video', '视频'), callback: n('Callback', '回拨') },
  disposition: {
    resolved: n('Resolved', '已解决'), follow_up: n('Follow-up', '需跟进'), escalated: n('Escalated', '已升级'), sale: n('Sale', '成交'),
    voicemail: n('Voicemail', '语音留言'), wrong_number: n('Wrong number', '打错电话'), callback: n('Callback arranged', '已约回拨'),
    agent_lost: n('Agent disconnected', '坐席断线'), auto: n('Wrap-up time ran out', '话后超时'),
  },
  aux: {
    break: n('Break', '小休'), lunch: n('Lunch', '午餐'), training: n('Training', '培训'), meeting: n('Meeting', '会议'), coaching: n('Coaching', '辅导'),
    admin: n('Admin work', '行政事务'), system: n('System', '系统'), '': n('Not ready', '未就绪'),
    ring_no_answer: n('Missed calls (ring, no answer)', '未接来电'), disconnected: n('Desk disconnected', '工作台断线'),
  },
  audit: {
    login: n('Signed in', '登录'), 'login.failed': n('Sign-in failed', '登录失败'), logout: n('Signed out', '退出登录'), export: n('Export', '导出'),
    'user.create': n('User created', '创建用户'), 'user.update': n('User changed', '修改用户'), 'user.delete': n('User deleted', '删除用户'),
    'password.change': n('Password changed', '修改密码'), 'settings.change': n('Settings changed', '修改设置'), 'team.create': n('Team created', '创建团队'), 'team.update': n('Team changed', '修改团队'),
    'team.delete': n('Team deleted', '删除团队'), 'token.create': n('API token created', '创建 API 令牌'), 'token.revoke': n('API token revoked', '吊销 API 令牌'),
    'display.create': n('Display link created', '创建大屏链接'), 'display.revoke': n('Display link revoked', '吊销大屏链接'),
    'board.create': n('Board created', '创建看板'), 'board.update': n('Board changed', '修改看板'), 'board.delete': n('Board deleted', '删除看板'),
    'wfm.rules.change': n('WFM rules changed', '修改排班规则'),
    'recording.play': n('Recording played', '播放录音'), 'call.listen': n('Listened in on a call', '监听通话'), 'wfm.time-off': n('Time-off request', '休假申请'), 'wfm.swap': n('Shift swap', '换班'),
    'wfm.schedule.generate': n('Schedule generated', '生成排班'), 'wfm.schedule.edit': n('Schedule edited', '编辑排班'), 'wfm.schedule.publish': n('Schedule published', '发布排班'),
  },
}

/** The name of `code` of `kind` in `locale`: the center's own first, then the built-in one, else a readable form of the code. */
export function codeName(kind: CodeKind, code: string, locale: NameLocale, center: CenterCodes = {}): string {
  const names = center[kind]?.[code] ?? BUILT_IN_CODES[kind][code]
  if (names) return names[locale] || names.en
  return code.replace(/[_.]/g, ' ')
}
