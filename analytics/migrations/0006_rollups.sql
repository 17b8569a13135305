-- Interval rollups for the reports (DESIGN §4), and what the reports need from the visits.
--
-- INTERVAL ATTRIBUTION: every counter of a queue visit, its handle time included, belongs to the
-- 15-minute interval in which the contact ENTERED the queue:
--   entered_at_ms = if(dequeued_at_ms > 0, dequeued_at_ms - wait_ms, queued_at_ms)
--   interval_start = intDiv(entered_at_ms, 900000) * 900000      (UTC epoch ms)
-- A call that enters at 09:14:50 and is answered at 09:15:30 counts in 09:00–09:15, and so does
-- its talk, hold and wrap, even when they end at 10:00. 15-minute UTC intervals group exactly into
-- 15/30/60-minute, day, week and month periods of any time zone (every zone's offset today is a
-- multiple of 15 minutes). Agent state time is split at interval boundaries instead: a break from
-- 09:10 to 09:20 is 5 minutes in 09:00 and 5 in 09:15.
--
-- A visit's counters arrive over time (queued, dequeued, then handle time at the end of wrap-up),
-- so these tables are not fed by insert-time views: the rollup refresher (analytics/src/rollups)
-- recomputes the intervals touched by each committed batch from queue_visits and
-- agent_state_intervals and writes them here with a new version; readers use FINAL. Recomputing
-- is idempotent, so a replayed or late event only refreshes its interval again.
--
-- Waits are kept as histograms of whole seconds, ceil(wait / 1 s) capped at 604801 (a week), so a service
-- level for ANY whole-second threshold T up to a week and short-abandon threshold S, under every named formula,
-- is computed exactly at read time: wait ≤ T s  ⟺  ceil(wait / 1 s) ≤ T.
--
-- On a cluster: ReplicatedReplacingMergeTree on each shard and a Distributed table in front.

ALTER TABLE queue_visits ADD COLUMN IF NOT EXISTS dequeue_position SimpleAggregateFunction(max, Int64);

DROP VIEW IF EXISTS queue_visits_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_visits_mv TO queue_visits AS
SELECT
    tenant,
    queue_id,
    contact_id,
    toString(channel) AS channel,
    if(type = 'contact.queued', time_ms, 0) AS queued_at_ms,
    if(type = 'contact.dequeued', time_ms, 0) AS dequeued_at_ms,
    if(type = 'contact.dequeued', JSONExtractInt(data, 'waitMs'), 0) AS wait_ms,
    if(type = 'contact.dequeued', JSONExtractString(data, 'outcome'), '') AS outcome,
    if(type = 'contact.connected', JSONExtractString(data, 'agentId'), '') AS agent_id,
    if(type = 'contact.ended', JSONExtractInt(data, 'talkMs'), 0) AS talk_ms,
    if(type = 'contact.ended', JSONExtractInt(data, 'holdMs'), 0) AS hold_ms,
    if(type = 'contact.ended', JSONExtractInt(data, 'holdCount'), 0) AS hold_count,
    if(type = 'contact.wrapup_ended', JSONExtractInt(data, 'durationMs'), 0) AS wrap_ms,
    toUInt8(type = 'contact.wrapup_ended') AS handled,
    if(type = 'contact.wrapup_ended', JSONExtractString(data, 'dispositionCode'), '') AS disposition,
    if(type = 'contact.queued', JSONExtractInt(data, 'priority'), 0) AS priority,
    if(type = 'contact.dequeued', JSONExtractInt(data, 'position'), 0) AS dequeue_position
FROM events
WHERE queue_id != '' AND contact_id != ''
  AND type IN ('contact.queued', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended');

-- Contact detail looks a contact's events up by id: a bloom filter skips the granules without it.
ALTER TABLE events ADD INDEX IF NOT EXISTS events_contact_idx contact_id TYPE bloom_filter(0.01) GRANULARITY 4;

-- Per queue, channel and interval: the raw counters of DESIGN §4 with wait histograms.
CREATE TABLE IF NOT EXISTS queue_intervals
(
    tenant LowCardinality(String),
    queue_id LowCardinality(String),
    channel LowCardinality(String),
    interval_start Int64,
    offered UInt32,
    answered UInt32,
    abandoned UInt32,
    flowed_out UInt32,
    callbacks UInt32,
    handled UInt32,
    answered_wait_ms Int64,
    talk_ms Int64,
    hold_ms Int64,
    wrap_ms Int64,
    max_wait_ms Int64,
    answered_waits Map(UInt32, UInt32),
    abandoned_waits Map(UInt32, UInt32),
    callback_waits Map(UInt32, UInt32),
    abandoned_positions Map(UInt16, UInt32),
    outcomes Map(String, UInt32),
    version Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(interval_start))
ORDER BY (tenant, queue_id, interval_start, channel);

-- Per answering agent, queue, channel and interval: what the agent handled.
CREATE TABLE IF NOT EXISTS agent_intervals
(
    tenant LowCardinality(String),
    agent_id String,
    queue_id LowCardinality(String),
    channel LowCardinality(String),
    interval_start Int64,
    answered UInt32,
    handled UInt32,
    talk_ms Int64,
    hold_ms Int64,
    hold_count UInt32,
    wrap_ms Int64,
    dispositions Map(String, UInt32),
    version Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(interval_start))
ORDER BY (tenant, agent_id, interval_start, queue_id, channel);

-- Per agent and interval: milliseconds in each derived state (offline, ready, reserved, busy,
-- wrap, aux) and aux reason, from agent_state_timeline, split at interval boundaries.
CREATE TABLE IF NOT EXISTS agent_state_time
(
    tenant LowCardinality(String),
    agent_id String,
    interval_start Int64,
    state LowCardinality(String),
    reason_code String,
    ms Int64,
    version Int64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(fromUnixTimestamp64Milli(interval_start))
ORDER BY (tenant, agent_id, interval_start, state, reason_code);
