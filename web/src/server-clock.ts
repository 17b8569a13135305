/**
 * The server's wall clock in a page: browser time plus the offset the live feed measured, ticking
 * every second. A jump of the offset (the first snapshot, a TV whose clock was corrected) shows at
 * once; the few milliseconds it moves frame to frame do not re-render anything.
 */
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

export function useServerClock(offsetMs: () => number): Ref<number> {
  const now = ref(Date.now() + offsetMs())
  const tick = (): void => { now.value = Date.now() + offsetMs() }
  let timer: number | undefined
  onMounted(() => { timer = window.setInterval(tick, 1000) })
  onBeforeUnmount(() => window.clearInterval(timer))
  watch(offsetMs, (next, before) => { if (Math.abs(next - before) > 500) tick() })
  return now
}
