/** Alerts as the server sends them (ingest/src/alerts/alerts-service.ts). */
export interface Said { en: string; 'zh-CN': string }
export interface AlertView {
  alertId: string; ruleId: string; ruleName: string; kind: string; subject: string; subjectName: string; severity: 'amber' | 'red'; value: Said
  queueIds: string[]; startedMs: number; endedMs: number; endReason: string; seen: Array<{ userId: string; name: string; at: number }>
  deliveries: Array<{ webhookId: string; ok: boolean; at: number; tries: number; error?: string }>
}
