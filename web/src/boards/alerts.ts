/**
 * Threshold alerts on a board: a widget entering red (or amber, then red) plays a short tone
 * through Web Audio, unless the board is muted, and never sooner than the minimum gap after the
 * last tone, so a metric flapping around its threshold does not scream. The decision is pure
 * (`AlertGate`); `beep` is the only part that touches the browser.
 */
import type { Level } from '@agner/boards'

export class AlertGate {
  private readonly levels = new Map<string, Level>()
  private lastAt = -Infinity

  constructor(private readonly minGapMs: number) {}

  /** A widget's level now; true when a tone should play. */
  observe(widgetId: string, level: Level, wantsSound: boolean, muted: boolean, now: number): boolean {
    const before = this.levels.get(widgetId) ?? 'ok'
    this.levels.set(widgetId, level)
    const worse = (level === 'red' && before !== 'red') || (level === 'amber' && before === 'ok')
    if (!worse || !wantsSound || muted || now - this.lastAt < this.minGapMs) return false
    this.lastAt = now
    return true
  }

  /** Forget widgets no longer on the board (a page change or an edit). */
  keep(widgetIds: ReadonlySet<string>): void {
    for (const id of this.levels.keys()) if (!widgetIds.has(id)) this.levels.delete(id)
  }
}

let audio: AudioContext | undefined

/** Two short tones (red: higher and longer). Browsers allow sound after the first click or key on the page. */
export function beep(level: Level): void {
  audio ??= new AudioContext()
  const ctx = audio
  if (ctx.state === 'suspended') void ctx.resume()
  const tones = level === 'red' ? [880, 660, 880] : [660, 880]
  tones.forEach((hz, i) => {
    const osc = ctx.createOscillator(), gain = ctx.createGain()
    osc.frequency.value = hz
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.22)
    gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + i * 0.22 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.22 + 0.2)
    osc.connect(gain).connect(ctx.destination)
    osc.start(ctx.currentTime + i * 0.22)
    osc.stop(ctx.currentTime + i * 0.22 + 0.21)
  })
}
