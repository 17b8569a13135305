-- Shift swaps agents propose to a colleague (from /my-schedule): the colleague accepts or declines,
-- then a planner approves (a new published version of the week with the two shifts swapped) or
-- declines. One row per swap, a new version per change, newest wins.
-- On a cluster: ReplicatedReplacingMergeTree (a few rows a day).
CREATE TABLE IF NOT EXISTS shift_swaps
(
    tenant LowCardinality(String),
    id String,
    agent_id String,
    agent_name String,
    colleague_id String,
    colleague_name String,
    week_start Int64,
    day UInt8,
    date_text String,
    reason String,
    status LowCardinality(String),
    created_ms Int64,
    answered_ms Int64,
    decided_by String,
    decided_ms Int64,
    decision_reason String,
    published_version UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, id);
