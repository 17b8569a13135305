/**
 * The simulator against the wall clock: the same scenario and engine as in virtual time, advanced
 * to "now" on every tick, its events handed to `publish`. This is what drives the live demo.
 */
import type { CanonicalEvent } from '@agner/events'
import type { RealtimeEmitter } from '../traffic/emitter.ts'
import type { AcdEngine } from '../acd/engine-desk.ts'
import type { Scenario } from './scenario.ts'
import { createSimulation, type SimOptions } from './simulator.ts'

/** The simulated center running against the wall clock, which a supervisor can also act on. */
export interface RealtimeSimulation extends RealtimeEmitter {
  hasAgent(agentId: string): boolean
  /** Runs a command on the simulated center now (its events are published with the next tick, at once). */
  control<T>(fn: (engine: AcdEngine) => T): T
}

export function startRealtimeSimulation(
  scenario: Scenario,
  publish: (events: CanonicalEvent[]) => Promise<void>,
  opts: Omit<SimOptions, 'onEvent' | 'hours'> & { tickMs?: number; now?: () => number; onError?: (err: unknown) => void } = {},
): RealtimeSimulation {
  const now = opts.now ?? Date.now
  let buffer: CanonicalEvent[] = []
  const sim = createSimulation({ ...scenario, start: new Date(now()).toISOString() }, { ...opts, hours: scenario.hours ?? 24 * 366, onEvent: (e) => { buffer.push(e) } })
  let published = 0
  let inFlight: Promise<void> = Promise.resolve()
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    sim.advance(now())
    if (buffer.length === 0) return
    const at = now()
    const events = buffer.map((e) => ({ ...e, receivedAt: at }))
    buffer = []
    inFlight = inFlight.then(() => publish(events)).then(
      () => { published += events.length },
      (err) => opts.onError?.(err),
    )
  }
  const timer = setInterval(tick, opts.tickMs ?? 200)
  return {
    hasAgent: (id) => sim.hasAgent(id),
    control: (fn) => { const out = sim.command(fn); tick(); return out },
    get published() { return published },
    stop: async () => { stopped = true; clearInterval(timer); await inFlight },
  }
}
