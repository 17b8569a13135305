/** English words of alerts: the bell, the alerts page and Admin → Alerts. */
export default {
  alerts: {
    title: 'Alerts', bell: 'Alerts: {n} not seen', none: 'No alerts.', markAll: 'Mark all as seen', markSeen: 'Seen', ended: 'ended', all: 'All alerts',
    enableNotifications: 'Desktop notifications', notificationsBlocked: 'Desktop notifications are blocked in this browser.',
    intro: 'Alerts about your queues and their agents from the last 24 hours, and any still going on. Pick dates to see older ones.',
    from: 'From', to: 'To', showHistory: 'Show these days', showRecent: 'Back to the last 24 hours',
    severity: 'Level', rule: 'Rule', subject: 'About', value: 'Figure', started: 'Started', endedAt: 'Ended', ongoing: 'Going on', seenBy: 'Seen by', delivered: 'Sent to',
    levels: { amber: 'Amber', red: 'Red' },
  },
  alertRules: {
    title: 'Alert rules', intro: 'Rules watch the live figures. An alert starts once its condition has held for the hold time, ends once it has been clear for the clear time, and the same queue or agent stays quiet for the gap after that, so alerts do not flap. Every alert reaches the bell of those who see its queues, and the webhooks you choose.',
    rules: 'Rules', webhooks: 'Webhooks', addRule: 'Add a rule', addWebhook: 'Add a webhook', save: 'Save rules and webhooks', saved: 'Saved; the rules apply from the next second.',
    newRule: 'New rule', name: 'Name', kind: 'Watches', enabled: 'On',
    kinds: { queue: 'A queue figure', agentState: 'An agent\'s state', adherence: 'Adherence', source: 'PBX sources' },
    metric: 'Figure', amber: 'Amber at', red: 'Red at', queues: 'Queues (none: all)',
    metrics: { waiting: 'Contacts waiting', longestWaitSeconds: 'Longest wait (s)', serviceLevel: 'Service level, 30 min (%)', abandonRate: 'Abandon rate, 30 min (%)', asaSeconds: 'ASA, 30 min (s)', readyAgents: 'Agents ready' },
    state: 'State', states: { aux: 'Not ready', wrap: 'Wrap-up' }, minutes: 'For at least (min)',
    forSeconds: 'Hold (s)', forHint: 'How long the condition must hold before the alert starts.', clearSeconds: 'Clear (s)', clearHint: 'How long it must be clear before the alert ends.',
    minGapMinutes: 'Gap (min)', gapHint: 'After an alert ends, the same queue or agent does not alert again for this long.',
    sendTo: 'Also send to', notifyResolved: 'Say when it ends',
    format: 'Format', formats: { json: 'JSON (any system)', wecom: 'WeCom robot (企业微信)', dingtalk: 'DingTalk robot (钉钉)', feishu: 'Feishu robot (飞书)' },
    url: 'Address', secret: 'Signing secret', secretKept: 'kept; type to replace', test: 'Send a test', testing: 'Sending…', testOk: 'Delivered.', testFailed: 'Not delivered: {error}',
  },
}
