-- One row per queue visit (tenant, queue, contact) with its outcome, waits and handle times,
-- DESIGN §4. A materialized view folds each contact event into the visit's row; every column is
-- max() over the visit's events, so a duplicate or a redelivered event changes nothing and
-- arrival order does not matter. Read it with GROUP BY tenant, queue_id, contact_id (or FINAL).
--
-- Interval attribution: every counter of a visit, its handle time included, belongs to the
-- interval in which the contact entered the queue:
--   entered_at_ms = if(dequeued_at_ms > 0, dequeued_at_ms - wait_ms, queued_at_ms)
-- contact.ended and contact.wrapup_ended reach the visit through their queueId (the queue that
-- answered the contact).
--
-- On a cluster: ReplicatedAggregatingMergeTree on each shard (the events table is sharded by
-- contact, so the view aggregates locally) and a Distributed queue_visits_all in front of it.
CREATE TABLE IF NOT EXISTS queue_visits
(
    tenant LowCardinality(String),
    queue_id LowCardinality(String),
    contact_id String,
    channel SimpleAggregateFunction(max, String),
    queued_at_ms SimpleAggregateFunction(max, Int64),
    dequeued_at_ms SimpleAggregateFunction(max, Int64),
    wait_ms SimpleAggregateFunction(max, Int64),
    outcome SimpleAggregateFunction(max, String),
    agent_id SimpleAggregateFunction(max, String),
    talk_ms SimpleAggregateFunction(max, Int64),
    hold_ms SimpleAggregateFunction(max, Int64),
    hold_count SimpleAggregateFunction(max, Int64),
    wrap_ms SimpleAggregateFunction(max, Int64),
    handled SimpleAggregateFunction(max, UInt8),
    disposition SimpleAggregateFunction(max, String),
    priority SimpleAggregateFunction(max, Int64)
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant, queue_id, contact_id);

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
    if(type = 'contact.queued', JSONExtractInt(data, 'priority'), 0) AS priority
FROM events
WHERE queue_id != '' AND contact_id != ''
  AND type IN ('contact.queued', 'contact.dequeued', 'contact.connected', 'contact.ended', 'contact.wrapup_ended');
