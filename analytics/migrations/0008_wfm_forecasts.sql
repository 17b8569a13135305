-- Saved forecast versions: a planner keeps the forecast they staffed from (its method, what-ifs and
-- the values per interval), to compare later versions and the actuals against it. Append-only.
-- On a cluster: ReplicatedMergeTree.
CREATE TABLE IF NOT EXISTS wfm_forecasts
(
    tenant LowCardinality(String),
    id String,
    queue_id LowCardinality(String),
    name String,
    method LowCardinality(String),
    params String,
    interval_minutes UInt8,
    forecast_from Int64,
    volume Array(Float64),
    aht_sec Array(Float64),
    agents Array(UInt32),
    created_by String,
    created_ms Int64
)
ENGINE = MergeTree
ORDER BY (tenant, queue_id, created_ms, id);
