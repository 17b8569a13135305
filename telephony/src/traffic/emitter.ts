/**
 * Runs a TrafficModel against the wall clock: every tick, the simulation advances to now and
 * the events that happened are handed to `publish`. Used by `agner emit` and the demo in `npm start`.
 */
import type { CanonicalEvent } from '@agner/events'
import { TrafficModel, type TrafficConfig } from './model.ts'

export interface RealtimeEmitter {
  stop(): Promise<void>
  readonly published: number
}

export function startRealtimeEmitter(
  cfg: TrafficConfig,
  publish: (events: CanonicalEvent[]) => Promise<void>,
  opts: { tickMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
): RealtimeEmitter {
  const now = opts.now ?? Date.now
  const model = new TrafficModel(cfg, now())
  let published = 0
  let inFlight: Promise<void> = Promise.resolve()
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    const events = model.advance(now())
    if (events.length === 0) return
    const stamped = events.map((e) => ({ ...e, receivedAt: now() }))
    inFlight = inFlight.then(() => publish(stamped)).then(
      () => { published += stamped.length },
      (err) => opts.onError?.(err),
    )
  }
  const timer = setInterval(tick, opts.tickMs ?? 100)
  return {
    get published() { return published },
    stop: async () => { stopped = true; clearInterval(timer); await inFlight },
  }
}
