/** Alert settings (rules and webhooks, as one JSON document per change) and the alerts raised. */
import type { ClickHouseClient } from '@clickhouse/client'

export interface AlertRow {
  alertId: string
  ruleId: string
  ruleName: string
  kind: string
  subject: string
  subjectName: string
  severity: string
  /** { en, zh-CN }, as JSON. */
  value: string
  queueIds: string[]
  startedMs: number
  /** 0 while it lasts. */
  endedMs: number
  endReason: string
  /** [{ userId, name, at }], as JSON. */
  seen: string
  /** [{ webhookId, ok, at, tries, error? }], as JSON. */
  deliveries: string
}

export async function insertAlertSettings(client: ClickHouseClient, tenant: string, r: { version: number; atMs: number; actorName: string; document: string }): Promise<void> {
  await client.insert({ table: 'alert_settings', format: 'JSONEachRow', values: [{ tenant, version: r.version, at_ms: r.atMs, actor_name: r.actorName, document: r.document }] })
}

export async function latestAlertSettings(client: ClickHouseClient, tenant: string): Promise<{ version: number; document: string } | undefined> {
  const rs = await client.query({ query: 'SELECT version, document FROM alert_settings WHERE tenant = {tenant:String} ORDER BY version DESC LIMIT 1', query_params: { tenant }, format: 'JSONEachRow' })
  const [row] = await rs.json<{ version: string | number; document: string }>()
  return row ? { version: Number(row.version), document: row.document } : undefined
}

export async function saveAlert(client: ClickHouseClient, tenant: string, a: AlertRow, version: number): Promise<void> {
  await client.insert({
    table: 'alerts', format: 'JSONEachRow',
    values: [{
      tenant, alert_id: a.alertId, rule_id: a.ruleId, rule_name: a.ruleName, kind: a.kind, subject: a.subject, subject_name: a.subjectName, severity: a.severity,
      value: a.value, queue_ids: a.queueIds, started_ms: a.startedMs, ended_ms: a.endedMs, end_reason: a.endReason, seen: a.seen, deliveries: a.deliveries, version,
    }],
  })
}

const COLUMNS = `alert_id AS alertId, rule_id AS ruleId, rule_name AS ruleName, kind, subject, subject_name AS subjectName, severity, value, queue_ids AS queueIds,
  toInt64(started_ms) AS startedMs, toInt64(ended_ms) AS endedMs, end_reason AS endReason, seen, deliveries`

/** Alerts that started in [fromMs, toMs) or are still open, newest first. */
export async function listAlerts(client: ClickHouseClient, tenant: string, o: { fromMs: number; toMs: number; limit: number }): Promise<AlertRow[]> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS} FROM alerts FINAL WHERE tenant = {tenant:String} AND ((started_ms >= {from:Int64} AND started_ms < {to:Int64}) OR ended_ms = 0)
            ORDER BY started_ms DESC LIMIT {limit:UInt32}`,
    query_params: { tenant, from: o.fromMs, to: o.toMs, limit: o.limit }, format: 'JSONEachRow',
  })
  return (await rs.json<AlertRow & { startedMs: string | number; endedMs: string | number }>()).map((r) => ({ ...r, startedMs: Number(r.startedMs), endedMs: Number(r.endedMs) }))
}
