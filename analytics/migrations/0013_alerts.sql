-- Alerts: the rules and webhooks admins set (a new row per change, the newest wins), and every
-- alert raised: when it started and ended, what it was about, who saw it and where it was
-- delivered (later versions of the same row). On a cluster: ReplicatedMergeTree and
-- ReplicatedReplacingMergeTree (a few rows a minute at most).
CREATE TABLE IF NOT EXISTS alert_settings
(
    tenant LowCardinality(String),
    version UInt64,
    at_ms Int64,
    actor_name String,
    document String
)
ENGINE = MergeTree
ORDER BY (tenant, version);

CREATE TABLE IF NOT EXISTS alerts
(
    tenant LowCardinality(String),
    alert_id String,
    rule_id String,
    rule_name String,
    kind LowCardinality(String),
    subject String,
    subject_name String,
    severity LowCardinality(String),
    value String,
    queue_ids Array(String),
    started_ms Int64,
    ended_ms Int64,
    end_reason LowCardinality(String),
    seen String,
    deliveries String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, alert_id);
