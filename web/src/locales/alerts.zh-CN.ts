/** 告警（铃铛、告警页、系统管理 → 告警）的中文。 */
export default {
  alerts: {
    title: '告警', bell: '告警：{n} 条未读', none: '暂无告警。', markAll: '全部标为已读', markSeen: '已读', ended: '已结束', all: '全部告警',
    enableNotifications: '桌面通知', notificationsBlocked: '此浏览器已阻止桌面通知。',
    intro: '最近 24 小时内与您的队列及其坐席相关的告警，以及仍在持续的告警。选择日期可查看更早的记录。',
    from: '开始日期', to: '结束日期', showHistory: '查看这些日期', showRecent: '返回最近 24 小时',
    severity: '级别', rule: '规则', subject: '对象', value: '指标', started: '开始', endedAt: '结束', ongoing: '持续中', seenBy: '已读人', delivered: '已发送到',
    levels: { amber: '黄色', red: '红色' },
  },
  alertRules: {
    title: '告警规则', intro: '规则监视实时指标。条件持续达到"持续时间"后告警开始，恢复正常达到"恢复时间"后告警结束，之后同一队列或坐席在"间隔"内不再告警，避免反复抖动。每条告警都会出现在能看到相关队列的人的铃铛中，并发送到您选择的 Webhook。',
    rules: '规则', webhooks: 'Webhook', addRule: '添加规则', addWebhook: '添加 Webhook', save: '保存规则和 Webhook', saved: '已保存；规则从下一秒起生效。',
    newRule: '新规则', name: '名称', kind: '监视', enabled: '启用',
    kinds: { queue: '队列指标', agentState: '坐席状态', adherence: '排班遵从', source: 'PBX 数据源' },
    metric: '指标', amber: '黄色阈值', red: '红色阈值', queues: '队列（不选表示全部）',
    metrics: { waiting: '排队数', longestWaitSeconds: '最长等待（秒）', serviceLevel: '服务水平，30 分钟（%）', abandonRate: '放弃率，30 分钟（%）', asaSeconds: '平均应答时间，30 分钟（秒）', readyAgents: '就绪坐席数' },
    state: '状态', states: { aux: '未就绪', wrap: '话后处理' }, minutes: '至少持续（分钟）',
    forSeconds: '持续时间（秒）', forHint: '条件需持续多久才开始告警。', clearSeconds: '恢复时间（秒）', clearHint: '恢复正常需持续多久告警才结束。',
    minGapMinutes: '间隔（分钟）', gapHint: '告警结束后，同一队列或坐席在此时间内不再告警。',
    sendTo: '同时发送到', notifyResolved: '结束时也通知',
    format: '格式', formats: { json: 'JSON（任意系统）', wecom: '企业微信机器人', dingtalk: '钉钉机器人', feishu: '飞书机器人' },
    url: '地址', secret: '加签密钥', secretKept: '已保存；输入以替换', test: '发送测试', testing: '发送中…', testOk: '已送达。', testFailed: '未送达：{error}',
  },
}
