/** The call recordings' index: written when a recording ends, read by the journey page and the retention job. */
import type { ClickHouseClient } from '@clickhouse/client'

export type RecordingStatus = 'recorded' | 'failed' | 'deleted'

export interface RecordingRow {
  recordingId: string
  interactionId: string
  contactId: string
  agentId: string
  queueId: string
  startedMs: number
  durationMs: number
  bytes: number
  sha256: string
  /** Relative to the recordings folder. */
  path: string
  status: RecordingStatus
  /** Why the recording failed (kept when what was written before the fault could be played). */
  error: string
  pauses: Array<{ startMs: number; endMs: number }>
  packetsRelayed: number
  packetsWritten: number
  deletedMs: number
}

export async function insertRecording(client: ClickHouseClient, tenant: string, r: RecordingRow): Promise<void> {
  await client.insert({
    table: 'recordings', format: 'JSONEachRow',
    values: [{
      tenant, recording_id: r.recordingId, interaction_id: r.interactionId, contact_id: r.contactId, agent_id: r.agentId, queue_id: r.queueId,
      started_ms: r.startedMs, duration_ms: r.durationMs, size_bytes: r.bytes, sha256: r.sha256, path: r.path, status: r.status, error: r.error,
      pauses: JSON.stringify(r.pauses), packets_relayed: r.packetsRelayed, packets_written: r.packetsWritten, deleted_ms: r.deletedMs,
      version: Date.now() * 10 + (r.status === 'deleted' ? 1 : 0),
    }],
  })
}

const COLUMNS = `recording_id AS recordingId, interaction_id AS interactionId, contact_id AS contactId, agent_id AS agentId, queue_id AS queueId,
    started_ms AS startedMs, duration_ms AS durationMs, size_bytes AS bytes, sha256, path, status, error, pauses,
    packets_relayed AS packetsRelayed, packets_written AS packetsWritten, deleted_ms AS deletedMs`

type Raw = Omit<RecordingRow, 'pauses'> & { pauses: string }
const toRow = (r: Raw): RecordingRow => ({
  ...r, startedMs: Number(r.startedMs), durationMs: Number(r.durationMs), bytes: Number(r.bytes), packetsRelayed: Number(r.packetsRelayed),
  packetsWritten: Number(r.packetsWritten), deletedMs: Number(r.deletedMs), pauses: JSON.parse(r.pauses || '[]') as RecordingRow['pauses'],
})

async function select(client: ClickHouseClient, where: string, params: Record<string, unknown>): Promise<RecordingRow[]> {
  const rs = await client.query({ query: `SELECT ${COLUMNS} FROM recordings FINAL WHERE tenant = {tenant:String} AND ${where} ORDER BY started_ms, recording_id LIMIT 1000`, format: 'JSONEachRow', query_params: params })
  return (await rs.json<Raw>()).map(toRow)
}

/** The recordings of one customer journey (its contacts share the interaction), oldest first. */
export function recordingsOfInteraction(client: ClickHouseClient, tenant: string, interactionId: string): Promise<RecordingRow[]> {
  return select(client, 'interaction_id = {interactionId:String}', { tenant, interactionId })
}

export async function recordingById(client: ClickHouseClient, tenant: string, recordingId: string): Promise<RecordingRow | undefined> {
  return (await select(client, 'recording_id = {recordingId:String}', { tenant, recordingId }))[0]
}

/** Recordings still on disk that started before `beforeMs` (the retention job's next batch). */
export function recordingsBefore(client: ClickHouseClient, tenant: string, beforeMs: number): Promise<RecordingRow[]> {
  return select(client, "started_ms < {beforeMs:Int64} AND status != 'deleted'", { tenant, beforeMs })
}

/** The customer journey a contact belongs to and the queues it visited, from its events; undefined when unknown. */
export async function contactScope(client: ClickHouseClient, tenant: string, contactId: string): Promise<{ interactionId: string; queues: string[] } | undefined> {
  const rs = await client.query({
    query: `SELECT anyIf(interaction_id, interaction_id != '') AS id, groupUniqArrayIf(queue_id, queue_id != '') AS queues, count() AS n
            FROM events WHERE tenant = {tenant:String} AND contact_id = {contactId:String}`,
    format: 'JSONEachRow', query_params: { tenant, contactId },
  })
  const r = (await rs.json<{ id: string; queues: string[]; n: string | number }>())[0]
  return r && Number(r.n) > 0 ? { interactionId: r.id, queues: r.queues } : undefined
}
