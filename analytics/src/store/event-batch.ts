/**
 * A batch of events encoded as they arrive: each event becomes its TabSeparated line at once and
 * only the bytes are kept, so a bulk import holds no event objects between inserts (they die young
 * instead of being promoted and collected by full GCs). Every insert into `events` goes through
 * one (event-store.ts), so the dedup token has one definition: sha256 of the ids, each followed by
 * a newline.
 */
import { createHash, type Hash } from 'node:crypto'
import type { CanonicalEvent } from '@agner/events'
import { eventTsvLine } from './event-rows.ts'
import { LineBuffer } from './line-buffer.ts'

export class EventTsvBatch {
  private out: LineBuffer
  private hash: Hash = createHash('sha256')
  /** Events in the batch. */
  count = 0
  /** Earliest and latest event time in the batch (epoch ms). */
  first = Infinity
  last = -Infinity

  constructor(private readonly receivedAt: number, expectedEvents = 10_000) {
    this.out = new LineBuffer(expectedEvents * 320)
  }

  add(e: CanonicalEvent): void {
    this.addLine(eventTsvLine(e, this.receivedAt), e.id, e.time)
  }

  /** An event already encoded (`rowTsvLine`), with its id and time. */
  addLine(line: string, id: string, time: number): void {
    this.out.push(line)
    this.hash.update(`${id}\n`)
    this.count++
    if (time < this.first) this.first = time
    if (time > this.last) this.last = time
  }

  /** The batch's bytes and dedup token; the batch is not used after. */
  finish(): { tsv: Buffer; token: string } {
    return { tsv: this.out.bytes(), token: this.hash.digest('hex') }
  }
}
