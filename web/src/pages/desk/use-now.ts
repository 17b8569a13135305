/** A clock that ticks every second, for timers on the desk. */
import { onBeforeUnmount, ref } from 'vue'

export function useNow() {
  const now = ref(Date.now())
  const timer = setInterval(() => { now.value = Date.now() }, 1000)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
