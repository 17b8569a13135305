-- Agent state changes: one row per agent.status_changed / agent.activity_changed (what the agent
-- chose and what the system sees are separate events, DESIGN §3). Each row starts an interval that
-- ends at the agent's next row; the agent_state_timeline view carries the last known status and
-- activity forward and derives the wallboard state (offline, ready, reserved, busy, wrap, aux).
-- ReplacingMergeTree on (tenant, agent_id, time_ms, id) drops duplicates at merge.
--
-- On a cluster: ReplicatedReplacingMergeTree per shard and a Distributed table sharded by agent.
CREATE TABLE IF NOT EXISTS agent_state_intervals
(
    tenant LowCardinality(String),
    agent_id String,
    time_ms Int64,
    id String,
    kind LowCardinality(String),
    status LowCardinality(String),
    reason_code String,
    origin LowCardinality(String),
    activity LowCardinality(String),
    contact_id String,
    queue_id LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(time_ms))
ORDER BY (tenant, agent_id, time_ms, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_state_intervals_mv TO agent_state_intervals AS
SELECT
    tenant,
    agent_id,
    time_ms,
    id,
    if(type = 'agent.status_changed', 'status', 'activity') AS kind,
    if(type = 'agent.status_changed', JSONExtractString(data, 'status'), '') AS status,
    if(type = 'agent.status_changed', JSONExtractString(data, 'reasonCode'), '') AS reason_code,
    if(type = 'agent.status_changed', JSONExtractString(data, 'origin'), '') AS origin,
    if(type = 'agent.activity_changed', JSONExtractString(data, 'activity'), '') AS activity,
    if(type = 'agent.activity_changed', JSONExtractString(data, 'contactId'), '') AS contact_id,
    queue_id
FROM events
WHERE agent_id != '' AND type IN ('agent.status_changed', 'agent.activity_changed');

CREATE VIEW IF NOT EXISTS agent_state_timeline AS
SELECT
    tenant,
    agent_id,
    time_ms AS start_ms,
    leadInFrame(time_ms, 1, toInt64(0)) OVER w_all AS end_ms,
    status,
    reason_code,
    activity,
    multiIf(
        status = 'offline' OR status = '', 'offline',
        activity = 'offered', 'reserved',
        activity IN ('on_contact', 'on_hold'), 'busy',
        activity = 'wrap_up', 'wrap',
        status = 'aux', 'aux',
        'ready'
    ) AS state
FROM
(
    SELECT
        tenant, agent_id, time_ms, id,
        ifNull(last_value(nullIf(status, '')) OVER w, '') AS status,
        ifNull(last_value(nullIf(reason_code, '')) OVER w, '') AS reason_code,
        ifNull(last_value(nullIf(activity, '')) OVER w, 'idle') AS activity
    FROM agent_state_intervals FINAL
    WINDOW w AS (PARTITION BY tenant, agent_id ORDER BY time_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WINDOW w_all AS (PARTITION BY tenant, agent_id ORDER BY time_ms, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);
