/** The offer's ring: a soft two-tone cadence from WebAudio (no file to load), and a notification when the tab is hidden. */
export class Ringer {
  private ctx?: AudioContext
  private timer?: ReturnType<typeof setInterval>

  start(title: string, body: string): void {
    this.stop()
    const beep = () => {
      if (typeof AudioContext === 'undefined') return
      this.ctx ??= new AudioContext()
      const ctx = this.ctx
      const gain = ctx.createGain()
      gain.gain.value = 0.06
      gain.connect(ctx.destination)
      for (const [hz, at] of [[440, 0], [480, 0], [440, 0.5], [480, 0.5]] as const) {
        const o = ctx.createOscillator(); o.frequency.value = hz; o.connect(gain); o.start(ctx.currentTime + at); o.stop(ctx.currentTime + at + 0.4)
      }
    }
    beep()
    this.timer = setInterval(beep, 3000)
    if (typeof document !== 'undefined' && document.hidden && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const n = new Notification(title, { body, tag: 'agner-offer', requireInteraction: true })
      n.onclick = () => { window.focus(); n.close() }
    }
  }

  stop(): void { clearInterval(this.timer); this.timer = undefined }
}
