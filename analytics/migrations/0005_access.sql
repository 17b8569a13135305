-- Who may see what: users, teams, boards, API tokens and display links, sessions, and the audit
-- trail. The first five are small, mutable directories: every change inserts a new row version
-- (ReplacingMergeTree on updated_ms) and readers use FINAL, so they work the same on chDB and on
-- a ClickHouse server. Secrets are never stored: passwords as scrypt hashes, tokens and session
-- ids as SHA-256 hashes. On a cluster: ReplicatedReplacingMergeTree for the directories.
CREATE TABLE IF NOT EXISTS users
(
    tenant LowCardinality(String),
    id String,
    username String,
    display_name String,
    password_hash String,
    role LowCardinality(String),
    team_ids Array(String),
    agent_id String,
    pii UInt8,
    locale LowCardinality(String),
    theme LowCardinality(String),
    disabled UInt8,
    deleted UInt8,
    created_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

CREATE TABLE IF NOT EXISTS teams
(
    tenant LowCardinality(String),
    id String,
    name String,
    queue_ids Array(String),
    deleted UInt8,
    created_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

CREATE TABLE IF NOT EXISTS boards
(
    tenant LowCardinality(String),
    id String,
    name String,
    team_id String,
    queue_ids Array(String),
    layout String,
    deleted UInt8,
    created_by String,
    created_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

-- kind 'api' (scoped integration token) or 'display' (read-only link to one board).
CREATE TABLE IF NOT EXISTS access_tokens
(
    tenant LowCardinality(String),
    id String,
    kind LowCardinality(String),
    name String,
    secret_hash String,
    scopes Array(String),
    board_id String,
    created_by String,
    created_ms Int64,
    revoked_ms Int64,
    last_used_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id);

CREATE TABLE IF NOT EXISTS sessions
(
    tenant LowCardinality(String),
    id_hash String,
    user_id String,
    csrf_token String,
    ip String,
    user_agent String,
    created_ms Int64,
    last_seen_ms Int64,
    ended_ms Int64,
    updated_ms Int64
)
ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (tenant, id_hash)
TTL toDateTime(fromUnixTimestamp64Milli(updated_ms)) + INTERVAL 30 DAY;

-- Append-only: Agner only ever inserts here.
CREATE TABLE IF NOT EXISTS audit_log
(
    tenant LowCardinality(String),
    id String,
    at_ms Int64,
    actor_id String,
    actor_name String,
    actor_kind LowCardinality(String),
    action LowCardinality(String),
    target String,
    ok UInt8,
    ip String,
    detail String,
    at DateTime64(3, 'UTC') MATERIALIZED fromUnixTimestamp64Milli(at_ms)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(at_ms))
ORDER BY (tenant, at_ms, id);
