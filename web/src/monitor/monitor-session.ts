/**
 * A supervisor on a live call: the socket to /ws/monitor and the two legs the server offers (one
 * hears the customer, one the agent; the browser mixes them). The microphone goes out on the first
 * leg only, and only the agent (whisper) or both (barge) hear it; listening is silent.
 */
import { reactive } from 'vue'
import { BrowserLeg, openMicrophone } from '../media/browser-leg'

export type MonitorMode = 'listen' | 'whisper' | 'barge'
type Frame = Record<string, unknown> & { type: string }

/** The ICE servers the server gives browsers (the widget's settings), read once. */
let iceServers: Promise<RTCIceServer[]> | undefined
const loadIceServers = (): Promise<RTCIceServer[]> => (iceServers ??= fetch('/api/widget/config').then((r) => r.json() as Promise<{ iceServers?: RTCIceServer[] }>).then((c) => c.iceServers ?? [], () => []))

export function createMonitorSession() {
  const state = reactive({
    watchId: '', contactId: '', agentName: '', mode: 'listen' as MonitorMode, error: '', micError: '' as '' | 'denied' | 'missing' | 'unsupported' | 'busy',
    stopped: '' as '' | 'supervisor' | 'ended' | 'transferred' | 'replaced' | 'signed-out',
  })
  let socket: WebSocket | undefined
  let mic: MediaStream | undefined
  const legs = new Map<string, { hears: 'customer' | 'agent'; leg: BrowserLeg }>()
  const send = (f: object) => { if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(f)) }

  function connect(): Promise<void> {
    if (socket && socket.readyState <= WebSocket.OPEN) return Promise.resolve()
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/monitor`)
    socket.onmessage = (m) => { void onFrame(JSON.parse(String(m.data)) as Frame) }
    socket.onclose = () => { closeLegs(); if (state.watchId) { state.stopped = 'signed-out'; state.watchId = '' } }
    return new Promise((resolve) => { socket!.onopen = () => resolve() })
  }

  async function onFrame(f: Frame): Promise<void> {
    switch (f.type) {
      case 'offer': {
        const legId = String(f.legId)
        const hears = f.hears === 'agent' ? 'agent' : 'customer'
        legs.get(legId)?.leg.close()
        // The microphone rides on the leg that hears the customer; the other only plays.
        const leg = new BrowserLeg(await loadIceServers(), hears === 'customer' && mic ? mic : new MediaStream(), {
          answer: (sdp) => send({ type: 'answer', legId, sdp }), candidate: (c) => send({ type: 'candidate', legId, candidate: c }), restart: () => undefined,
        })
        legs.set(legId, { hears, leg })
        await leg.offer(String(f.sdp))
        break
      }
      case 'monitoring': Object.assign(state, { watchId: String(f.watchId), contactId: String(f.contactId), agentName: String(f.agentName ?? ''), mode: f.mode as MonitorMode, stopped: '', error: '' }); break
      case 'stopped': if (f.watchId === state.watchId) { state.stopped = f.reason as typeof state.stopped; state.watchId = ''; closeLegs() } break
      case 'refused': state.error = String(f.error ?? ''); break
    }
  }

  function closeLegs(): void { for (const { leg } of legs.values()) leg.close(); legs.clear() }

  /** Whisper and barge need the microphone; listening works without one. */
  async function ensureMic(mode: MonitorMode): Promise<boolean> {
    if (mic || mode === 'listen') return true
    const m = await openMicrophone()
    if ('error' in m) { state.micError = m.error; return false }
    mic = m.stream
    state.micError = ''
    return true
  }

  return {
    state,
    async start(contactId: string, mode: MonitorMode): Promise<void> {
      state.error = ''
      // Asked up front even to listen, so a switch to whisper needs no new connection.
      if (!mic) { const m = await openMicrophone(); if (!('error' in m)) mic = m.stream; else state.micError = m.error }
      if (!(await ensureMic(mode))) return
      await connect()
      closeLegs()
      send({ type: 'start', contactId, mode })
    },
    async change(mode: MonitorMode): Promise<void> {
      if (!state.watchId || !(await ensureMic(mode))) return
      send({ type: 'mode', watchId: state.watchId, mode })
    },
    stop: () => { if (state.watchId) send({ type: 'stop', watchId: state.watchId }) },
    close: () => { socket?.close(); socket = undefined; closeLegs(); for (const t of mic?.getTracks() ?? []) t.stop(); mic = undefined },
    /** Inbound audio per side, for the page's meters and tests. */
    inbound: async () => Object.fromEntries(await Promise.all([...legs.values()].map(async ({ hears, leg }) => [hears, await leg.inbound()] as const))),
  }
}

export type MonitorSession = ReturnType<typeof createMonitorSession>
