-- WFM schedules and the rules they are built from.
-- wfm_schedules: one row per schedule; a draft is rewritten as the planner edits it (the newest
-- `updated_ms` wins, read with FINAL); publishing writes a new row with status 'published' and the
-- week's next version number, never changed afterwards. `body` is the schedule as JSON.
-- wfm_rules: the center's shift templates, contracts, agents' rules and adherence rules, as one JSON
-- document per tenant; the newest wins.
-- On a cluster: ReplicatedReplacingMergeTree.
CREATE TABLE IF NOT EXISTS wfm_schedules
(
    tenant LowCardinality(String),
    id String,
    week_start Int64,
    status LowCardinality(String),
    version UInt32,
    source_id String,
    body String CODEC(ZSTD(3)),
    created_by String,
    created_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

CREATE TABLE IF NOT EXISTS wfm_rules
(
    tenant LowCardinality(String),
    body String,
    updated_by String,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY tenant;
