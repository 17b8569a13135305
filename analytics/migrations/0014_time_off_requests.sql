-- Agents' time-off requests (from /my-schedule) and the planner's decisions: one row per request,
-- a new version per change (pending → approved | declined | canceled), newest wins.
-- On a cluster: ReplicatedReplacingMergeTree (a few rows a day).
CREATE TABLE IF NOT EXISTS time_off_requests
(
    tenant LowCardinality(String),
    id String,
    agent_id String,
    agent_name String,
    from_text String,
    to_text String,
    from_ms Int64,
    to_ms Int64,
    reason String,
    status LowCardinality(String),
    created_ms Int64,
    decided_by String,
    decided_ms Int64,
    decision_reason String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, id);
