-- Scheduled reports: a report with its filters, format and language, run daily, weekly or monthly
-- at a time in the center's zone; each run writes a file to the outbox and a row in report_runs
-- (failures included, with the reason). Schedules change rarely: ReplacingMergeTree on updated_ms,
-- read with FINAL. On a cluster: ReplicatedReplacingMergeTree / ReplicatedMergeTree.
CREATE TABLE IF NOT EXISTS report_schedules
(
    tenant LowCardinality(String),
    id String,
    name String,
    report LowCardinality(String),
    query String,
    format LowCardinality(String),
    locale LowCardinality(String),
    frequency LowCardinality(String),
    at_time String,
    weekday UInt8,
    month_day UInt8,
    owner_id String,
    deleted UInt8,
    created_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

CREATE TABLE IF NOT EXISTS report_runs
(
    tenant LowCardinality(String),
    id String,
    schedule_id String,
    due_ms Int64,
    at_ms Int64,
    ok UInt8,
    file String,
    bytes Int64,
    error String,
    period_from Int64,
    period_to Int64
)
ENGINE = MergeTree
ORDER BY (tenant, schedule_id, due_ms, id);
