-- Call recordings: one row per recording, its file under the recordings folder (path relative to
-- it), what it covers (the customer's journey, the contact and agent it began with), its length,
-- size and checksum, the stretches the agent paused, and whether it failed or was deleted by the
-- retention job (a later version of the same row). On a cluster: ReplicatedReplacingMergeTree +
-- Distributed, sharded by recording_id.
CREATE TABLE IF NOT EXISTS recordings
(
    tenant LowCardinality(String),
    recording_id String,
    interaction_id String,
    contact_id String,
    agent_id String,
    queue_id String,
    started_ms Int64,
    duration_ms UInt32,
    size_bytes UInt64,
    sha256 String,
    path String,
    status LowCardinality(String),
    error String,
    pauses String,
    packets_relayed UInt32,
    packets_written UInt32,
    deleted_ms Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant, recording_id);
