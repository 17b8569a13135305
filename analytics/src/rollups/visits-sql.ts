/**
 * One queue visit per row, folded from `queue_visits` (its rows are per-event partials until
 * merged): the subquery every rollup and raw-table query starts from. `v_entered` is the
 * interval-attribution time of DESIGN §4 (see migrations/0006_rollups.sql).
 *
 * `where` is an extra condition on the partial rows (bound parameters only, never user text).
 */
export function visitsSql(where = '1'): string {
  return `
    SELECT
        queue_id,
        contact_id,
        max(channel) AS v_channel,
        max(queued_at_ms) AS v_queued,
        max(dequeued_at_ms) AS v_dequeued,
        max(wait_ms) AS v_wait,
        max(outcome) AS v_outcome,
        max(agent_id) AS v_agent,
        max(talk_ms) AS v_talk,
        max(hold_ms) AS v_hold,
        max(hold_count) AS v_hold_count,
        max(wrap_ms) AS v_wrap,
        max(handled) AS v_handled,
        max(disposition) AS v_disposition,
        max(dequeue_position) AS v_position,
        if(v_dequeued > 0, v_dequeued - v_wait, v_queued) AS v_entered
    FROM queue_visits
    WHERE tenant = {tenant:String} AND (${where})
    GROUP BY queue_id, contact_id
    HAVING v_queued > 0 OR v_dequeued > 0`
}

/** The columns visitsSql gives, for a table that holds its rows (rebuild.ts). */
export const FOLDED_COLUMNS = `queue_id String, contact_id String, v_channel String, v_queued Int64, v_dequeued Int64,
  v_wait Int64, v_outcome String, v_agent String, v_talk Int64, v_hold Int64, v_hold_count Int64, v_wrap Int64,
  v_handled UInt8, v_disposition String, v_position Int64, v_entered Int64`

/**
 * Contacts whose visit entered a queue in [from, to), found from the partial rows alone (the
 * queued row has its time; the dequeued row has its time and wait), so a range does not fold
 * every visit of the queue first.
 */
export const ENTERED_IN_RANGE = `contact_id IN (
    SELECT contact_id FROM queue_visits
    WHERE tenant = {tenant:String} AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))
      AND ((queued_at_ms >= {from:Int64} AND queued_at_ms < {to:Int64})
        OR (dequeued_at_ms > 0 AND dequeued_at_ms - wait_ms >= {from:Int64} AND dequeued_at_ms - wait_ms < {to:Int64})))
  AND (empty({queues:Array(String)}) OR has({queues:Array(String)}, queue_id))`

/** Whole seconds of a wait, rounded up and capped: the histogram key (wait ≤ T s ⟺ key ≤ T). */
export const WAIT_SECONDS = (ms: string): string => `toUInt32(least(604801, intDiv(${ms} + 999, 1000)))`

export const INTERVAL_MS = 900_000
