/**
 * Feeds the live engine from the bus tap and pushes frames to subscribers: a frame goes out as
 * soon as something changed, but at most once every `frameMs` (leading edge, then trailing), and
 * never when nothing changed.
 */
import { decodePayload, validateEvent, type Bus } from '@agner/events'
import type { LiveDelta, LiveEngine } from './engine.ts'

export type FrameListener = (delta: LiveDelta) => void

export class LiveFeed {
  private readonly listeners = new Set<FrameListener>()
  private lastFrameAt = 0
  private timer?: NodeJS.Timeout
  private ticker?: NodeJS.Timeout
  private untap?: () => void
  private scheduled = false

  constructor(private readonly engine: LiveEngine, private readonly frameMs: number, private readonly now: () => number = Date.now) {}

  async start(bus: Bus): Promise<void> {
    this.untap = await bus.tap((payload) => {
      const d = decodePayload(payload)
      if (!d.ok) return
      const v = validateEvent(d.value)
      if (!v.ok) return
      this.engine.apply(v.event)
      this.changed()
    })
    // Waits crossing the SL threshold, sliding windows and midnight change figures with no event.
    this.ticker = setInterval(() => this.changed(), 1000)
  }

  subscribe(listener: FrameListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get subscribers(): number { return this.listeners.size }

  /** Something may have changed: send now if the last frame is old enough, else when it is. */
  changed(): void {
    if (this.scheduled) return
    this.scheduled = true
    const wait = Math.max(0, this.lastFrameAt + this.frameMs - this.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  private flush(): void {
    this.scheduled = false
    // Pace frames start to start, so building one does not stretch the interval.
    const startedAt = this.now()
    const delta = this.engine.takeDelta(startedAt)
    if (!delta) return
    this.lastFrameAt = startedAt
    for (const l of this.listeners) l(delta)
  }

  stop(): void {
    this.untap?.()
    clearTimeout(this.timer)
    clearInterval(this.ticker)
    this.listeners.clear()
  }
}
