/**
 * The audit trail: append-only rows in `audit_log` (only ever INSERTed), and the filtered read
 * admins page through. Every filter is a bound parameter.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { uuidv7 } from '@agner/events'

export const AUDIT_ACTIONS = [
  'login', 'logout', 'password.change', 'user.create', 'user.update', 'user.delete', 'team.create', 'team.update', 'team.delete',
  'token.create', 'token.revoke', 'display.create', 'display.revoke', 'board.create', 'board.update', 'board.delete',
  'export', 'settings.change', 'wfm.schedule.generate', 'wfm.schedule.publish', 'wfm.rules.change', 'wfm.time-off', 'wfm.swap', 'recording.play', 'call.listen',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  actorId: string
  actorName: string
  actorKind: 'user' | 'token' | 'display' | 'anonymous' | 'system'
  action: AuditAction
  target: string
  ok: boolean
  ip: string
  /** What was asked (filters of an export, changed fields…); never a secret. */
  detail?: Record<string, unknown>
}

export interface AuditRow extends Omit<AuditEntry, 'detail'> { id: string; atMs: number; detail: Record<string, unknown> }

export interface AuditFilter { fromMs?: number; toMs?: number; action?: string; actor?: string; target?: string; ok?: boolean; limit: number; offset: number }

export class AuditLog {
  constructor(private readonly client: ClickHouseClient, private readonly tenant: string, private readonly now: () => number = Date.now) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.client.insert({
      table: 'audit_log', format: 'JSONEachRow',
      values: [{
        tenant: this.tenant, id: uuidv7(), at_ms: this.now(), actor_id: entry.actorId, actor_name: entry.actorName,
        actor_kind: entry.actorKind, action: entry.action, target: entry.target, ok: entry.ok ? 1 : 0, ip: entry.ip,
        detail: JSON.stringify(entry.detail ?? {}),
      }],
    })
  }

  async read(f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    const where = ['tenant = {tenant:String}']
    const params: Record<string, unknown> = { tenant: this.tenant, limit: f.limit, offset: f.offset }
    if (f.fromMs !== undefined) { where.push('at_ms >= {fromMs:Int64}'); params.fromMs = f.fromMs }
    if (f.toMs !== undefined) { where.push('at_ms < {toMs:Int64}'); params.toMs = f.toMs }
    if (f.action) { where.push('action = {action:String}'); params.action = f.action }
    if (f.actor) { where.push('(positionCaseInsensitiveUTF8(actor_name, {actor:String}) > 0 OR actor_id = {actor:String})'); params.actor = f.actor }
    if (f.target) { where.push('positionCaseInsensitiveUTF8(target, {target:String}) > 0'); params.target = f.target }
    if (f.ok !== undefined) { where.push('ok = {ok:UInt8}'); params.ok = f.ok ? 1 : 0 }
    const clause = where.join(' AND ')
    const [rows, count] = await Promise.all([
      this.client.query({
        query: `SELECT id, at_ms, actor_id, actor_name, actor_kind, action, target, ok, ip, detail FROM audit_log
                WHERE ${clause} ORDER BY at_ms DESC, id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
        query_params: params, format: 'JSONEachRow',
      }).then((r) => r.json<Record<string, string | number>>()),
      this.client.query({ query: `SELECT count() AS n FROM audit_log WHERE ${clause}`, query_params: params, format: 'JSONEachRow' })
        .then((r) => r.json<{ n: string }>()),
    ])
    return {
      total: Number(count[0]?.n ?? 0),
      rows: rows.map((r) => ({
        id: String(r.id), atMs: Number(r.at_ms), actorId: String(r.actor_id), actorName: String(r.actor_name),
        actorKind: String(r.actor_kind) as AuditEntry['actorKind'], action: String(r.action) as AuditAction, target: String(r.target),
        ok: Number(r.ok) === 1, ip: String(r.ip), detail: safeJson(String(r.detail)),
      })),
    }
  }
}

function safeJson(s: string): Record<string, unknown> {
  try { const v: unknown = JSON.parse(s); return v && typeof v === 'object' ? (v as Record<string, unknown>) : {} } catch { return {} }
}
