/** 简体中文。与 en.ts 的键一一对应。 */
export default {
  app: { name: 'Agner', signOut: '退出登录', otherLanguage: 'English', theme: '主题', loading: '加载中…', signedInAs: '当前用户：{name}（{role}）' },
  theme: { light: '浅色', dark: '深色', auto: '跟随系统' },
  nav: { live: '实时队列', admin: '系统管理', users: '用户', teams: '团队', displays: '大屏链接', tokens: 'API 令牌', audit: '审计日志' },
  roles: { agent: '坐席', supervisor: '班组长', planner: '排班计划员', manager: '经理', admin: '管理员' },
  common: {
    save: '保存', cancel: '取消', delete: '删除', edit: '编辑', create: '创建', add: '添加', close: '关闭', copy: '复制', copied: '已复制',
    actions: '操作', yes: '是', no: '否', never: '从未', none: '无', all: '全部', refresh: '刷新', search: '查询', reset: '重置',
    confirmDelete: '确定删除“{name}”？此操作无法撤销。', showOnce: '请立即复制：它只显示这一次，之后无法找回。',
    previous: '上一页', next: '下一页', total: '共 {n} 条', empty: '暂无内容。',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    forbidden: '您的角色无权执行此操作，请联系管理员。',
    failed: '操作未成功：{message}',
    notFound: '页面不存在。', back: '返回首页',
  },
  login: {
    title: '登录 Agner', subtitle: '呼叫中心实时大屏、历史报表与排班管理',
    username: '用户名', password: '密码', submit: '登录', busy: '正在登录…',
    missing: '请输入用户名和密码。',
    wrong: '用户名或密码不正确，请检查后重试。',
    wait: '登录失败次数过多，请等待 {s} 秒后重试。',
    signedOut: '您已退出登录，请重新登录。',
  },
  title: '实时队列', subtitle: '今日（{tz}）', live: '实时', stale: '数据已过期，自 {time} 起', connecting: '正在连接…',
  queue: '队列', waiting: '排队', longestWait: '最长等待', serviceLevel: '服务水平', asa: '平均应答速度', aht: '平均处理时长',
  abandonRate: '放弃率', offered: '进线', answered: '接通', abandoned: '放弃', agents: '坐席',
  ready: '就绪', reserved: '振铃', busy: '通话', wrap: '话后', aux: '小休', offline: '离线',
  noQueues: '还没有队列数据。', formula: '公式：{f}（T = {t} 秒，S = {s} 秒）',
  display: { revoked: '此大屏链接已被撤销，请向班组长索取新链接。', invalid: '此大屏链接无效，请检查地址或向班组长索取新链接。' },
  profile: {
    changePassword: '修改密码', current: '当前密码', next: '新密码', again: '再次输入新密码',
    rule: '至少 10 个字符；一句简短的话就很好。', mismatch: '两次输入的新密码不一致，请重新输入。',
    changed: '密码已修改，您在其他地方的登录已退出。',
  },
  users: {
    title: '用户', add: '添加用户', username: '用户名', displayName: '姓名', role: '角色', teams: '团队', agentId: '坐席工号', pii: '可查看来电号码',
    disabled: '已停用', status: '状态', active: '正常', password: '密码', passwordHint: '留空则自动生成', newPassword: '新密码',
    generated: '{name} 的密码', resetPassword: '重置密码', created: '创建时间',
  },
  teams: { title: '团队', add: '添加团队', name: '团队名称', queues: '队列', members: '成员数', pickQueues: '选择该团队负责的队列' },
  displays: {
    title: '大屏展示链接', intro: '大屏链接无需登录即可在电视上打开一个看板。它只能读取该看板的实时数据，不会因闲置而过期，撤销后立即失效。',
    board: '看板', name: '放置位置', create: '创建链接', created: '创建时间', createdBy: '创建人', lastUsed: '最近使用', state: '状态',
    active: '有效', revoked: '已撤销', revoke: '撤销', open: '打开', newLink: '{board} 的大屏链接', confirmRevoke: '确定撤销“{name}”？使用它的屏幕会立即停止显示。',
  },
  tokens: {
    title: 'API 令牌', intro: '令牌供其他系统推送事件、读取数据，只具有您勾选的权限范围。',
    name: '名称', scopes: '权限范围', create: '创建令牌', newToken: '令牌“{name}”', confirmRevoke: '确定撤销“{name}”？使用它的集成会立即停止工作。',
    scope: {
      'events:write': '推送事件', 'live:read': '读取实时数据', 'contacts:read': '读取联络记录', 'reports:read': '读取报表',
      'reports:export': '导出报表', 'wfm:read': '读取排班计划', pii: '查看来电号码',
    },
  },
  audit: {
    title: '审计日志', from: '开始', to: '结束', action: '操作', actor: '操作人', target: '对象', result: '结果', time: '时间', ip: '地址', detail: '详情',
    ok: '成功', failed: '失败', any: '全部',
  },
} as const
