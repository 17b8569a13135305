/**
 * Live figures from /ws/live: a snapshot on connect, then deltas applied in place. A lost
 * connection is shown as stale (since when) and retried with backoff; the next connect starts
 * from a fresh snapshot.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { AgentLive, LiveMessage, QueueLive } from '../live-types'

export const useLiveStore = defineStore('live', () => {
  const queues = shallowRef(new Map<string, QueueLive>())
  const agents = shallowRef(new Map<string, AgentLive>())
  const connected = ref(false)
  const staleSince = ref<number | null>(null)
  /** Server clock minus browser clock, so ages are right even on a badly set TV. */
  const clockOffsetMs = ref(0)
  const timeZone = ref('')
  let socket: WebSocket | undefined
  let retry = 0
  let retryTimer: number | undefined

  function apply(msg: LiveMessage): void {
    clockOffsetMs.value = msg.serverTime - Date.now()
    if (msg.type === 'snapshot') {
      timeZone.value = msg.timeZone
      queues.value = new Map(msg.queues.map((q) => [q.queueId, q]))
      agents.value = new Map(msg.agents.map((a) => [a.agentId, a]))
      return
    }
    for (const q of msg.queues) queues.value.set(q.queueId, q)
    for (const a of msg.agents) agents.value.set(a.agentId, a)
    if (msg.queues.length) triggerRef(queues)
    if (msg.agents.length) triggerRef(agents)
  }

  function connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/live`
    socket = new WebSocket(url)
    socket.onopen = () => { connected.value = true; staleSince.value = null; retry = 0 }
    socket.onmessage = (ev) => apply(JSON.parse(String(ev.data)) as LiveMessage)
    socket.onclose = () => {
      if (connected.value || staleSince.value === null) staleSince.value = Date.now()
      connected.value = false
      const delay = Math.min(30_000, 500 * 2 ** retry++) * (0.75 + Math.random() / 2)
      retryTimer = window.setTimeout(connect, delay)
    }
  }

  function disconnect(): void {
    window.clearTimeout(retryTimer)
    if (socket) { socket.onclose = null; socket.close() }
  }

  const queueList = computed(() => [...queues.value.values()].sort((a, b) => a.name.localeCompare(b.name)))
  const agentList = computed(() => [...agents.value.values()])

  return { queues, agents, queueList, agentList, connected, staleSince, clockOffsetMs, timeZone, connect, disconnect, apply }
})
