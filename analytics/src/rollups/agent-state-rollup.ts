/**
 * Recomputes `agent_state_time` for the given agents from `from` to `to`: each agent's derived
 * state (DESIGN §3) carried forward from its last status and activity before `from`, split at
 * 15-minute boundaries. Offline time is not stored. Keys already stored in the range are first
 * overwritten with zeros, so a corrected timeline leaves nothing stale behind.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import { INTERVAL_MS } from './visits-sql.ts'

export interface AgentStateScope {
  tenant: string
  /** Agents to recompute; all agents with state rows when empty. */
  agents: string[]
  /** Floored to an interval start. */
  from: number
  /** The open state of each agent runs until here (the refresh time). */
  to: number
  version: number
}

/**
 * How far back the state at `from` is looked for: an agent with no change in the two days before
 * counts as offline there (a real shift changes state far more often; the bound keeps each refresh
 * from reading every agent's whole history).
 */
const LOOKBACK_MS = 2 * 86_400_000
const AGENTS = '(empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))'

/** The derived state of each change since `from`, with when it ended; the first row carries the state at `from`. */
export const TIMELINE_SQL = `
SELECT agent_id, start_ms, end_ms, state, if(state = 'aux' AND reason_code != '-', reason_code, '') AS reason_code
FROM
(
    SELECT
        agent_id,
        time_ms AS start_ms,
        leadInFrame(time_ms, 1, toInt64({to:Int64})) OVER w_all AS end_ms,
        multiIf(
            status = 'offline' OR status = '', 'offline',
            activity = 'offered', 'reserved',
            activity IN ('on_contact', 'on_hold'), 'busy',
            activity = 'wrap_up', 'wrap',
            status = 'aux', 'aux',
            'ready') AS state,
        reason_code
    FROM
    (
        SELECT
            agent_id, time_ms, id,
            ifNull(last_value(nullIf(status, '')) OVER w, '') AS status,
            ifNull(last_value(nullIf(reason_code_s, '')) OVER w, '') AS reason_code,
            ifNull(last_value(nullIf(activity, '')) OVER w, 'idle') AS activity
        FROM
        (
            SELECT agent_id, time_ms, id, status, if(kind = 'status', if(reason_code = '', '-', reason_code), '') AS reason_code_s, activity
            FROM agent_state_intervals FINAL
            WHERE tenant = {tenant:String} AND ${AGENTS} AND time_ms >= {from:Int64} AND time_ms < {to:Int64}
            UNION ALL
            SELECT agent_id, toInt64({from:Int64}) AS time_ms, '' AS id,
                argMaxIf(status, (time_ms, id), kind = 'status') AS status,
                argMaxIf(if(reason_code = '', '-', reason_code), (time_ms, id), kind = 'status') AS reason_code_s,
                argMaxIf(activity, (time_ms, id), kind = 'activity') AS activity
            FROM agent_state_intervals FINAL
            WHERE tenant = {tenant:String} AND ${AGENTS} AND time_ms < {from:Int64} AND time_ms >= {from:Int64} - ${LOOKBACK_MS}
            GROUP BY agent_id
        )
        WINDOW w AS (PARTITION BY agent_id ORDER BY time_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
    WINDOW w_all AS (PARTITION BY agent_id ORDER BY time_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
WHERE end_ms > start_ms`

const ZEROS = `
INSERT INTO agent_state_time (tenant, agent_id, interval_start, state, reason_code, version)
SELECT tenant, agent_id, interval_start, state, reason_code, {version:Int64}
FROM agent_state_time FINAL
WHERE tenant = {tenant:String} AND ${AGENTS} AND interval_start >= {from:Int64} AND interval_start < {to:Int64}`

const ROWS = `
INSERT INTO agent_state_time
SELECT {tenant:String} AS tenant, agent_id, i * ${INTERVAL_MS} AS interval_start, state, reason_code,
    sum(least(end_ms, (i + 1) * ${INTERVAL_MS}) - greatest(start_ms, i * ${INTERVAL_MS})) AS ms,
    {version:Int64} AS version
FROM (${TIMELINE_SQL})
ARRAY JOIN range(intDiv(start_ms, ${INTERVAL_MS}), intDiv(end_ms - 1, ${INTERVAL_MS}) + 1) AS i
WHERE state != 'offline'
GROUP BY agent_id, interval_start, state, reason_code`

export async function recomputeAgentStates(client: ClickHouseClient, s: AgentStateScope): Promise<void> {
  const from = Math.floor(s.from / INTERVAL_MS) * INTERVAL_MS
  if (s.to <= from) return
  const params = { tenant: s.tenant, agents: s.agents, from, to: s.to }
  await client.command({ query: ZEROS, query_params: { ...params, version: s.version } })
  await client.command({ query: ROWS, query_params: { ...params, version: s.version + 1 } })
}
