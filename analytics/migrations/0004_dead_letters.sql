-- Everything Agner could not accept, with the reason: invalid events from the bus or HTTP, and
-- messages that failed to store after the bounded number of redeliveries. Nothing is lost silently.
-- On a cluster: ReplicatedMergeTree + Distributed, sharded by rand().
CREATE TABLE IF NOT EXISTS dead_letters
(
    at_ms Int64,
    tenant LowCardinality(String),
    stage LowCardinality(String),
    reason String,
    event_id String,
    payload String,
    at DateTime64(3, 'UTC') MATERIALIZED fromUnixTimestamp64Milli(at_ms)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(at_ms))
ORDER BY (tenant, at_ms)
TTL toDateTime(fromUnixTimestamp64Milli(at_ms)) + INTERVAL 90 DAY;
