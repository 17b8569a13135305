/** Saved forecast versions (`wfm_forecasts`): written once, listed per queue, read back whole. */
import type { ClickHouseClient } from '@clickhouse/client'
import { uuidv7 } from '@agner/events'
import type { Plan } from './plan.ts'

export interface ForecastVersion {
  id: string; queueId: string; name: string; method: string; params: Record<string, unknown>; intervalMinutes: number
  forecastFrom: number; volume: number[]; ahtSec: number[]; agents: number[]; createdBy: string; createdMs: number
}

export async function saveForecast(client: ClickHouseClient, tenant: string, v: { queueId: string; name: string; params: Record<string, unknown>; createdBy: string; plan: Plan }): Promise<ForecastVersion> {
  const rec: ForecastVersion = {
    id: uuidv7(), queueId: v.queueId, name: v.name, method: v.plan.method, params: v.params, intervalMinutes: v.plan.intervalMs / 60_000,
    forecastFrom: v.plan.forecastFrom, volume: v.plan.requirements.map((r) => r.volume), ahtSec: v.plan.requirements.map((r) => r.ahtSec),
    agents: v.plan.requirements.map((r) => r.agents), createdBy: v.createdBy, createdMs: Date.now(),
  }
  await client.insert({
    table: 'wfm_forecasts', format: 'JSONEachRow',
    values: [{
      tenant, id: rec.id, queue_id: rec.queueId, name: rec.name, method: rec.method, params: JSON.stringify(rec.params), interval_minutes: rec.intervalMinutes,
      forecast_from: rec.forecastFrom, volume: rec.volume, aht_sec: rec.ahtSec, agents: rec.agents, created_by: rec.createdBy, created_ms: rec.createdMs,
    }],
  })
  return rec
}

const COLUMNS = `id, queue_id, name, method, params, interval_minutes, forecast_from, volume, aht_sec, agents, created_by, created_ms`

function fromRow(r: Record<string, unknown>): ForecastVersion {
  return {
    id: String(r.id), queueId: String(r.queue_id), name: String(r.name), method: String(r.method), params: JSON.parse(String(r.params)) as Record<string, unknown>,
    intervalMinutes: Number(r.interval_minutes), forecastFrom: Number(r.forecast_from), volume: (r.volume as number[]).map(Number), ahtSec: (r.aht_sec as number[]).map(Number),
    agents: (r.agents as number[]).map(Number), createdBy: String(r.created_by), createdMs: Number(r.created_ms),
  }
}

export async function listForecasts(client: ClickHouseClient, tenant: string, queueId: string): Promise<ForecastVersion[]> {
  const rs = await client.query({
    query: `SELECT ${COLUMNS} FROM wfm_forecasts WHERE tenant = {tenant:String} AND queue_id = {queue:String} ORDER BY created_ms DESC LIMIT 200`,
    format: 'JSONEachRow', query_params: { tenant, queue: queueId },
  })
  return (await rs.json<Record<string, unknown>>()).map(fromRow)
}

export async function getForecast(client: ClickHouseClient, tenant: string, id: string): Promise<ForecastVersion | undefined> {
  const rs = await client.query({ query: `SELECT ${COLUMNS} FROM wfm_forecasts WHERE tenant = {tenant:String} AND id = {id:String} LIMIT 1`, format: 'JSONEachRow', query_params: { tenant, id } })
  const row = (await rs.json<Record<string, unknown>>())[0]
  return row ? fromRow(row) : undefined
}
