/** A min-heap of timed actions: the clock of a discrete-event simulation. */
interface Timer { at: number; seq: number; run: () => void }

export class TimerQueue {
  private heap: Timer[] = []
  private seq = 0

  get size(): number { return this.heap.length }
  peek(): number | undefined { return this.heap[0]?.at }

  at(time: number, run: () => void): void {
    const t = { at: Math.round(time), seq: this.seq++, run }
    const h = this.heap
    h.push(t)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!less(h[i]!, h[p]!)) break
      ;[h[i], h[p]] = [h[p]!, h[i]!]
      i = p
    }
  }

  pop(): Timer | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1, r = l + 1
        let m = i
        if (l < h.length && less(h[l]!, h[m]!)) m = l
        if (r < h.length && less(h[r]!, h[m]!)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m]!, h[i]!]
        i = m
      }
    }
    return top
  }
}

const less = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq)
