-- Chat transcripts: every message of a web chat, customer's and agent's, in order. The message id
-- is the dedup key (a resent message is stored once). On a cluster: ReplicatedReplacingMergeTree +
-- Distributed, sharded by interaction_id.
CREATE TABLE IF NOT EXISTS chat_messages
(
    tenant LowCardinality(String),
    interaction_id String,
    contact_id String,
    message_id String,
    time_ms Int64,
    sender LowCardinality(String),
    agent_id String,
    text String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(time_ms))
ORDER BY (tenant, interaction_id, time_ms, message_id);
