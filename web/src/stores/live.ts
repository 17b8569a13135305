/**
 * Live figures from /ws/live: a snapshot on connect, then deltas applied in place. A lost
 * connection is shown as stale (since when) and retried with backoff; the next connect starts
 * from a fresh snapshot. The server's close codes say why: 4401 signed out (sign in again),
 * 4403 access withdrawn (a revoked display link: stop), 4409 access changed (reconnect now).
 */
import type { CenterCodes } from '@agner/events/code-names'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { BoardInfo } from '@agner/boards'
import type { AgentLive, LiveMessage, QueueLive } from '../live-types'

export const useLiveStore = defineStore('live', () => {
  const queues = shallowRef(new Map<string, QueueLive>())
  const agents = shallowRef(new Map<string, AgentLive>())
  const connected = ref(false)
  const staleSince = ref<number | null>(null)
  /** Server clock minus browser clock, so ages are right even on a badly set TV. */
  const clockOffsetMs = ref(0)
  const timeZone = ref('')
  /** The center's own code names (aux reasons, dispositions), from the snapshot. */
  const codes = shallowRef<CenterCodes>({})
  /** Start of today in the center (moves at its midnight: today's figures restart without a reload). */
  const dayStart = ref(0)
  /** The board of a board feed, replaced when a supervisor saves a change. */
  const board = shallowRef<BoardInfo | null>(null)
  /** Why the feed stopped for good: 'signed-out' or 'revoked'; null while it runs or retries. */
  const ended = ref<'signed-out' | 'revoked' | null>(null)
  let path = '/ws/live'
  let socket: WebSocket | undefined
  let retry = 0
  let retryTimer: number | undefined

  function apply(msg: LiveMessage): void {
    if (msg.type === 'board') { board.value = msg.board; return }
    clockOffsetMs.value = msg.serverTime - Date.now()
    dayStart.value = msg.dayStart
    if (msg.type === 'snapshot') {
      if (msg.board) board.value = msg.board
      timeZone.value = msg.timeZone
      codes.value = (msg.codes ?? {}) as CenterCodes
      queues.value = new Map(msg.queues.map((q) => [q.queueId, q]))
      agents.value = new Map(msg.agents.map((a) => [a.agentId, a]))
      return
    }
    for (const q of msg.queues) queues.value.set(q.queueId, q)
    for (const a of msg.agents) agents.value.set(a.agentId, a)
    if (msg.queues.length) triggerRef(queues)
    if (msg.agents.length) triggerRef(agents)
  }

  /** Opens the feed at `wsPath` (/ws/live, or a board's feed with its display token). */
  function connect(wsPath = path): void {
    path = wsPath
    ended.value = null
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`
    socket = new WebSocket(url)
    socket.onopen = () => { connected.value = true; staleSince.value = null; retry = 0 }
    socket.onmessage = (ev) => apply(JSON.parse(String(ev.data)) as LiveMessage)
    socket.onclose = (ev) => {
      if (connected.value || staleSince.value === null) staleSince.value = Date.now()
      const wasConnected = connected.value
      connected.value = false
      if (ev.code === 4401) { ended.value = 'signed-out'; return }
      if (ev.code === 4403) { ended.value = 'revoked'; return }
      // A refused upgrade (no session, revoked link) closes before opening: after a few tries, ask why.
      if (!wasConnected && retry >= 2) void probe()
      const delay = ev.code === 4409 ? 100 : Math.min(30_000, 500 * 2 ** retry++) * (0.75 + Math.random() / 2)
      retryTimer = window.setTimeout(() => connect(), delay)
    }
  }

  /** Browsers hide a refused upgrade's status: ask the same path over HTTP. */
  async function probe(): Promise<void> {
    const http = path.replace(/^\/ws\//, '/api/')
    const res = await fetch(http, { credentials: 'same-origin' }).catch(() => undefined)
    if (res?.status === 401) { ended.value = path.includes('access_token=') ? 'revoked' : 'signed-out'; disconnect() }
    if (res?.status === 403) { ended.value = 'revoked'; disconnect() }
  }

  function disconnect(): void {
    window.clearTimeout(retryTimer)
    if (socket) { socket.onclose = null; socket.close() }
  }

  const queueList = computed(() => [...queues.value.values()].sort((a, b) => a.name.localeCompare(b.name)))
  const agentList = computed(() => [...agents.value.values()])

  return { queues, agents, queueList, agentList, connected, staleSince, clockOffsetMs, timeZone, codes, dayStart, board, ended, connect, disconnect, apply }
})
