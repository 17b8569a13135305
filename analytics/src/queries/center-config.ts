/** The center configuration's versions: one row per saved change, the whole document in each. */
import type { ClickHouseClient } from '@clickhouse/client'

export interface CenterVersionRow {
  version: number
  atMs: number
  actorId: string
  actorName: string
  /** How the version came: 'app' (an edit), 'import' (a file imported in the app), 'file' (AGNER_ACD_CONFIG at first start), 'demo'. */
  source: string
  /** What it changed against the version before, as JSON (CenterChange[]). */
  changes: string
  /** The configuration in the AGNER_ACD_CONFIG format, as JSON. */
  document: string
}

export async function insertCenterVersion(client: ClickHouseClient, tenant: string, r: CenterVersionRow): Promise<void> {
  await client.insert({
    table: 'center_config', format: 'JSONEachRow',
    values: [{ tenant, version: r.version, at_ms: r.atMs, actor_id: r.actorId, actor_name: r.actorName, source: r.source, changes: r.changes, document: r.document }],
  })
}

const COLUMNS = 'version, toInt64(at_ms) AS atMs, actor_id AS actorId, actor_name AS actorName, source, changes'

/** The newest version, with its document; undefined before the first. */
export async function latestCenterVersion(client: ClickHouseClient, tenant: string): Promise<CenterVersionRow | undefined> {
  return centerVersion(client, tenant)
}

/** One version with its document (the newest without `version`). */
export async function centerVersion(client: ClickHouseClient, tenant: string, version?: number): Promise<CenterVersionRow | undefined> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS}, document FROM center_config WHERE tenant = {tenant:String}${version === undefined ? '' : ' AND version = {version:UInt32}'}
            ORDER BY version DESC LIMIT 1`,
    query_params: { tenant, ...(version === undefined ? {} : { version }) }, format: 'JSONEachRow',
  })
  const [row] = await rs.json<CenterVersionRow & { atMs: string | number }>()
  return row ? { ...row, atMs: Number(row.atMs), version: Number(row.version) } : undefined
}

/** The versions, newest first, without their documents. */
export async function listCenterVersions(client: ClickHouseClient, tenant: string, limit = 200): Promise<Array<Omit<CenterVersionRow, 'document'>>> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS} FROM center_config WHERE tenant = {tenant:String} ORDER BY version DESC LIMIT {limit:UInt32}`,
    query_params: { tenant, limit }, format: 'JSONEachRow',
  })
  return (await rs.json<Omit<CenterVersionRow, 'document'> & { atMs: string | number }>()).map((r) => ({ ...r, atMs: Number(r.atMs), version: Number(r.version) }))
}
