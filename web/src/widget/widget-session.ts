/**
 * One customer conversation from the widget: the socket to /ws/widget, the call leg (for voice),
 * and the state the page shows. Everything the server says arrives as a typed frame; sentences
 * are the page's (messages.ts), picked by code.
 */
import { reactive } from 'vue'
import { BrowserLeg, openMicrophone } from '../media/browser-leg'

export type Phase = 'form' | 'connecting' | 'ivr' | 'waiting' | 'talking' | 'held' | 'ended'
export interface ChatLine { id: string; from: 'agent' | 'customer' | 'system'; text: string; time: number; status?: 'sending' | 'sent' | 'delivered' | 'read' }
type Frame = Record<string, unknown> & { type: string }

export function createWidgetSession() {
  const state = reactive({
    channel: 'chat' as 'chat' | 'voice', phase: 'form' as Phase, agentName: '', ivrText: '', keys: [] as string[],
    position: 0, expectedWaitMs: 0, lines: [] as ChatLine[], typing: false, muted: false,
    notice: '' as '' | 'agent_lost' | 'callback_booked' | 'transferred', endReason: '', survey: false, surveyed: false,
    error: '' as string, errorDetail: '', connectedAt: 0, micError: '' as '' | 'denied' | 'missing' | 'unsupported' | 'busy', sessionId: '',
  })
  let socket: WebSocket | undefined
  let leg: BrowserLeg | undefined
  /** A supervisor barging in: an extra leg the browser plays beside the agent's voice. */
  let extra: { id: string; leg: BrowserLeg } | undefined
  let mic: MediaStream | undefined
  let seq = 0
  let typingTimer: ReturnType<typeof setTimeout> | undefined
  let iceServers: RTCIceServer[] = []

  const send = (f: object) => { if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(f)) }

  async function start(channel: 'chat' | 'voice', form: { name: string; phone: string; topic: string }): Promise<void> {
    Object.assign(state, { channel, phase: 'connecting', lines: [], notice: '', error: '', micError: '', endReason: '', survey: false, surveyed: false, agentName: '' })
    try { iceServers = ((await (await fetch('/api/widget/config')).json()) as { iceServers?: RTCIceServer[] }).iceServers ?? [] } catch { iceServers = [] }
    if (channel === 'voice') {
      const m = await openMicrophone()
      if ('error' in m) { state.micError = m.error; state.phase = 'form'; return }
      mic = m.stream
    }
    const q = new URLSearchParams({ channel, ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}), ...(form.topic ? { topic: form.topic } : {}) })
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/widget?${q}`)
    socket.onmessage = (m) => { void onFrame(JSON.parse(String(m.data)) as Frame) }
    socket.onclose = () => {
      // The server went away mid-conversation (a restart, a network drop): say so, plainly.
      if (state.phase !== 'ended' && state.phase !== 'form') { state.phase = 'ended'; state.endReason = 'lost'; state.survey = false }
      teardown()
    }
  }

  async function onFrame(f: Frame): Promise<void> {
    switch (f.type) {
      case 'session': state.sessionId = String(f.sessionId); if (state.channel === 'chat') state.phase = 'waiting'; break
      case 'offer': {
        if (f.extra === true && typeof f.legId === 'string') {
          const legId = f.legId
          extra?.leg.close()
          extra = { id: legId, leg: new BrowserLeg(iceServers, new MediaStream(), { answer: (sdp) => send({ type: 'answer', sdp, legId }), candidate: (c) => send({ type: 'candidate', candidate: c, legId }), restart: () => undefined }) }
          await extra.leg.offer(String(f.sdp))
          break
        }
        if (!mic) return
        if (leg) { leg.close(); leg = undefined } // a renewed leg (the network changed): a new connection
        leg = new BrowserLeg(iceServers, mic, { answer: (sdp) => send({ type: 'answer', sdp }), candidate: (c) => send({ type: 'candidate', candidate: c }), restart: () => send({ type: 'restart' }) })
        await leg.offer(String(f.sdp))
        break
      }
      case 'ivr': state.phase = 'ivr'; state.ivrText = String(f.text); state.keys = f.keys as string[]; break
      case 'queued': if (state.phase !== 'talking' && state.phase !== 'held') state.phase = 'waiting'; state.position = Number(f.position); state.expectedWaitMs = Number(f.expectedWaitMs); break
      case 'connected': state.phase = 'talking'; state.agentName = String(f.agentName); state.notice = ''; state.connectedAt = Date.now(); break
      case 'held': state.phase = 'held'; break
      case 'resumed': state.phase = 'talking'; break
      case 'transferred': state.notice = 'transferred'; state.phase = 'waiting'; break
      case 'notice': state.notice = f.code as 'agent_lost' | 'callback_booked'; if (f.code === 'agent_lost') state.phase = 'waiting'; break
      case 'message': state.lines.push({ id: String(f.id), from: f.from as ChatLine['from'], text: String(f.text), time: Number(f.time) }); state.typing = false; send({ type: 'read', id: f.id }); break
      case 'status': { const line = state.lines.find((l) => l.from === 'customer' && l.id === f.id); if (line && rank(f.status as string) > rank(line.status)) line.status = f.status as ChatLine['status']; break }
      case 'typing': state.typing = true; clearTimeout(typingTimer); typingTimer = setTimeout(() => { state.typing = false }, 4000); break
      case 'ended': state.phase = 'ended'; state.endReason = String(f.reason); state.survey = Boolean(f.survey); leg?.close(); leg = undefined; extra?.leg.close(); extra = undefined; break
      case 'leg-closed': if (extra && extra.id === f.legId) { extra.leg.close(); extra = undefined } break
      case 'refused': state.error = String(f.code); state.errorDetail = String(f.detail ?? ''); break
    }
  }

  function say(text: string): void {
    const id = `m${++seq}`
    state.lines.push({ id, from: 'customer', text, time: Date.now(), status: 'sending' })
    send({ type: 'message', id, text })
  }

  function teardown(): void { leg?.close(); leg = undefined; extra?.leg.close(); extra = undefined; for (const t of mic?.getTracks() ?? []) t.stop(); mic = undefined }

  return {
    state, start, say,
    typing: () => send({ type: 'typing' }),
    key: (digit: string) => send({ type: 'dtmf', digit }),
    mute: () => { state.muted = !state.muted; leg?.setMuted(state.muted) },
    callback: (number: string) => send({ type: 'callback', number }),
    hangUp: () => { send({ type: 'hangup' }); if (state.phase !== 'ended') { state.phase = 'ended'; state.endReason = state.endReason || 'customer' } },
    rate: (csat: number, comment: string) => { send({ type: 'survey', csat, ...(comment ? { comment } : {}) }); state.surveyed = true; setTimeout(() => socket?.close(), 500) },
    reset: () => { socket?.close(); socket = undefined; teardown(); state.phase = 'form' },
    /** The call's inbound audio, for the page's level meter and tests. */
    inbound: () => leg?.inbound(),
    /** What a barging supervisor's extra leg brings in (undefined: none). */
    extraInbound: () => extra?.leg.inbound(),
  }
}

const rank = (s: string | undefined): number => ['sending', 'sent', 'delivered', 'read'].indexOf(s ?? 'sending')
