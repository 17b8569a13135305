-- The center's configuration (queues, agents, IVR flows, codes) as edited in the app: every saved
-- change is a new row with the whole document, who made it, when, and what it changed; the newest
-- version is the one the ACD runs. Rows are only ever inserted. On a cluster:
-- ReplicatedMergeTree (a few rows a day; no sharding).
CREATE TABLE IF NOT EXISTS center_config
(
    tenant LowCardinality(String),
    version UInt32,
    at_ms Int64,
    actor_id String,
    actor_name String,
    source LowCardinality(String),
    changes String,
    document String
)
ENGINE = MergeTree
ORDER BY (tenant, version);
