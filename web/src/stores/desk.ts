/**
 * The agent desk's state: the agent's status and contacts (from /ws/agent and /api/agent), call
 * legs with the microphone and devices, chats, the ring, wrap-ups, screen pops and today's figures.
 * Every change goes through the server; the ACD decides, the desk shows and asks.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api, ApiError } from '../api'
import { BrowserLeg, openMicrophone, type LegHealth } from '../media/browser-leg'
import { Ringer } from '../desk/ringer'
import type { AgentView, ChatLine, DeskContact, DeskInfo, ScreenPop, Today } from '../desk/desk-types'

type Frame = Record<string, unknown> & { type: string }

export type RecordingState = 'on' | 'paused' | 'failed' | 'off'

export const useDeskStore = defineStore('desk', () => {
  const info = ref<DeskInfo | null>(null)
  const agent = ref<AgentView | null>(null)
  const today = ref<Today | null>(null)
  const adherence = ref<{ published: boolean; row: { inAdherence?: boolean; scheduled?: string | null; state?: string } | null } | null>(null)
  const socketState = ref<'connecting' | 'open' | 'closed'>('connecting')
  const mic = reactive({ state: 'unknown' as 'unknown' | 'ok' | 'denied' | 'missing' | 'unsupported' | 'busy', inputs: [] as MediaDeviceInfo[], outputs: [] as MediaDeviceInfo[], inputId: '', outputId: '', muted: false })
  const legs = reactive(new Map<string, { contactId: string; health: LegHealth }>())
  const chats = reactive(new Map<string, { lines: ChatLine[]; typing: boolean; unread: number; readUpTo: string }>())
  const pops = reactive(new Map<string, ScreenPop>())
  const error = ref('')
  /** Each call's recording as the server reports it (on, paused by the agent, failed with a reason). */
  const recordings = reactive(new Map<string, { state: RecordingState; reason?: string }>())
  /** Supervisors whispering to this agent or barging in, by their extra leg. */
  const coaching = reactive(new Map<string, { contactId: string; supervisorName: string; mode: 'whisper' | 'barge' }>())
  const ringTimeoutMs = ref(20_000)
  const selected = ref<string | null>(null)
  const legObjects = new Map<string, BrowserLeg>()
  const ringer = new Ringer()
  /** The microphone check under way at start, which going ready waits for. */
  let micChecking: Promise<void> | undefined
  let stream: MediaStream | undefined
  let socket: WebSocket | undefined
  let retry = 500
  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  let stopped = false
  let infoTimer: ReturnType<typeof setInterval> | undefined
  let pbxTimer: ReturnType<typeof setInterval> | undefined

  /** PBX calls that ended and wait for the agent's wrap-up (the PBX does not hold them). */
  const pbxWrap = reactive(new Map<string, DeskContact>())
  const contacts = computed<DeskContact[]>(() => [...(agent.value?.contacts ?? []), ...[...pbxWrap.values()].filter((w) => !agent.value?.contacts.some((c) => c.contactId === w.contactId))])
  const offer = computed(() => agent.value?.offer ?? null)
  const needsMic = computed(() => !!info.value?.embedded && !info.value.onPbx)
  const network = computed<'ok' | 'reconnecting' | 'offline'>(() => socketState.value === 'closed' ? 'offline' : [...legs.values()].some((l) => l.health === 'reconnecting' || l.health === 'failed') ? 'reconnecting' : 'ok')

  const send = (f: object) => { if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(f)) }

  async function start(): Promise<void> {
    stopped = false
    info.value = await api<DeskInfo>('GET', '/api/agent/desk')
    agent.value = await api<AgentView>('GET', '/api/agent')
    if (needsMic.value) { micChecking = checkMic(); await micChecking }
    connect()
    void loadToday()
    // An agent on a PBX: the PBX's state is read every 2 s (the ACD's socket does not carry it).
    if (info.value.onPbx) pbxTimer = setInterval(() => { void refresh() }, 2000)
    // Who is ready to take a transfer changes all the time: the directory is read again every 10 s.
    infoTimer = setInterval(() => { void api<DeskInfo>('GET', '/api/agent/desk').then((d) => { info.value = d }, () => undefined) }, 10_000)
  }

  async function checkMic(deviceId?: string): Promise<void> {
    const m = await openMicrophone(deviceId)
    if ('error' in m) { mic.state = m.error; return }
    for (const t of stream?.getTracks() ?? []) t.stop()
    stream = m.stream
    mic.state = 'ok'
    for (const leg of legObjects.values()) await leg.replaceMic(stream)
    for (const leg of legObjects.values()) leg.setMuted(mic.muted)
    const devices = await navigator.mediaDevices.enumerateDevices()
    mic.inputs = devices.filter((d) => d.kind === 'audioinput')
    mic.outputs = devices.filter((d) => d.kind === 'audiooutput')
    mic.inputId = stream.getAudioTracks()[0]?.getSettings().deviceId ?? ''
  }

  async function setOutput(id: string): Promise<void> { mic.outputId = id; for (const leg of legObjects.values()) await leg.setOutput(id) }

  function connect(): void {
    socketState.value = 'connecting'
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/agent`)
    socket.onopen = () => { socketState.value = 'open'; retry = 500 }
    socket.onmessage = (m) => { void onFrame(JSON.parse(String(m.data)) as Frame) }
    socket.onclose = () => {
      socketState.value = 'closed'
      if (!stopped) setTimeout(connect, retry = Math.min(retry * 2, 8000))
    }
  }

  async function onFrame(f: Frame): Promise<void> {
    switch (f.type) {
      case 'state': agent.value = f as unknown as AgentView; ringFor(agent.value); break
      case 'event': onEvent(f.event as { type: string; contactId?: string; channel?: string; data: Record<string, unknown> }); break
      case 'offer':
        if (f.coach === true) { await coachOffer(String(f.legId), String(f.contactId), String(f.sdp), { supervisorName: String(f.supervisorName ?? ''), mode: f.mode === 'barge' ? 'barge' : 'whisper' }); break }
        await legOffer(String(f.legId), String(f.contactId), String(f.sdp), f.restart === true)
        break
      case 'leg-closed': closeLeg(String(f.legId)); break
      case 'transcript': {
        chatOf(String(f.contactId)).lines = (f.messages as Array<{ messageId: string; sender: ChatLine['from']; text: string; time: number }>).map((m) => ({ id: m.messageId, from: m.sender, text: m.text, time: m.time }))
        if (selected.value === f.contactId) markRead(String(f.contactId))
        break
      }
      case 'message': { const c = chatOf(String(f.contactId)); c.lines.push({ id: String(f.id), from: f.from as ChatLine['from'], text: String(f.text), time: Number(f.time) }); c.typing = false; if (selected.value === f.contactId) markRead(String(f.contactId)); else c.unread++; break }
      case 'typing': { const c = chatOf(String(f.contactId)); c.typing = true; setTimeout(() => { c.typing = false }, 4000); break }
      case 'status': { const line = chatOf(String(f.contactId)).lines.find((l) => l.from === 'agent' && l.id === f.id); if (line) line.status = f.status as ChatLine['status']; break }
      case 'recording': recordings.set(String(f.contactId), { state: f.state as RecordingState, ...(f.reason ? { reason: String(f.reason) } : {}) }); break
      case 'refused': error.value = String(f.error ?? ''); break
    }
  }

  function onEvent(e: { type: string; contactId?: string; channel?: string; data: Record<string, unknown> }): void {
    if (e.type === 'contact.offered') ringTimeoutMs.value = Number(e.data.ringTimeoutMs ?? 20_000)
    if ((e.type === 'contact.offered' || e.type === 'contact.connected') && e.contactId) void loadPop(e.contactId)
    if (e.type === 'contact.connected' && e.contactId) selected.value = e.contactId
    if (e.type === 'contact.wrapup_ended') void loadToday()
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => { void refresh() }, 30)
  }

  async function refresh(): Promise<void> {
    const before = agent.value?.contacts ?? []
    try { agent.value = await api<AgentView>('GET', '/api/agent'); ringFor(agent.value) } catch { /* the socket brings the next state */ }
    if (info.value?.onPbx) {
      for (const c of before) {
        if (c.onPbx && c.state === 'connected' && !agent.value?.contacts.some((x) => x.contactId === c.contactId && x.state === 'connected')) pbxWrap.set(c.contactId, { ...c, state: 'wrap', endedAt: Date.now() })
      }
      for (const c of agent.value?.contacts ?? []) if (c.onPbx && !pops.has(c.contactId)) void loadPop(c.contactId)
    }
    for (const id of [...pops.keys()]) if (!contacts.value.some((c) => c.contactId === id) && agent.value?.offer?.contactId !== id) pops.delete(id)
    if (selected.value && !contacts.value.some((c) => c.contactId === selected.value)) selected.value = contacts.value[0]?.contactId ?? null
  }

  function ringFor(a: AgentView): void {
    if (a.offer) ringer.start('Agner', a.offer.channel); else ringer.stop()
  }

  async function legOffer(legId: string, contactId: string, sdp: string, renewed = false): Promise<void> {
    // A renewed leg (the network changed, the desk reconnected) is a new connection.
    if (renewed && legObjects.has(legId)) { legObjects.get(legId)!.close(); legObjects.delete(legId) }
    let leg = legObjects.get(legId)
    if (!leg) {
      if (!stream) await checkMic(mic.inputId || undefined)
      if (!stream) { error.value = 'mic'; return }
      leg = new BrowserLeg(info.value?.iceServers ?? [], stream, {
        answer: (s) => send({ type: 'answer', legId, sdp: s }), candidate: (c) => send({ type: 'candidate', legId, candidate: c }), restart: () => send({ type: 'restart', legId }),
      })
      leg.setMuted(mic.muted)
      if (mic.outputId) await leg.setOutput(mic.outputId)
      legs.set(legId, { contactId, health: 'connecting' })
      leg.onHealth = (h) => { const l = legs.get(legId); if (l) l.health = h }
      legObjects.set(legId, leg)
    }
    await leg.offer(sdp)
  }

  /** A supervisor whispering or barging in: an extra leg that only plays (the agent's microphone stays on the call's own leg). */
  async function coachOffer(legId: string, contactId: string, sdp: string, who: { supervisorName: string; mode: 'whisper' | 'barge' }): Promise<void> {
    legObjects.get(legId)?.close()
    const leg = new BrowserLeg(info.value?.iceServers ?? [], new MediaStream(), { answer: (s) => send({ type: 'answer', legId, sdp: s }), candidate: (c) => send({ type: 'candidate', legId, candidate: c }), restart: () => undefined })
    if (mic.outputId) await leg.setOutput(mic.outputId)
    legObjects.set(legId, leg)
    coaching.set(legId, { contactId, ...who })
    await leg.offer(sdp)
  }

  function closeLeg(legId: string): void { legObjects.get(legId)?.close(); legObjects.delete(legId); legs.delete(legId); coaching.delete(legId) }

  function chatOf(contactId: string) {
    let c = chats.get(contactId)
    if (!c) { c = { lines: [], typing: false, unread: 0, readUpTo: '' }; chats.set(contactId, c); c = chats.get(contactId)! }
    return c
  }

  async function loadPop(contactId: string): Promise<void> {
    try { pops.set(contactId, await api<ScreenPop>('GET', `/api/agent/contacts/${encodeURIComponent(contactId)}/pop`)) } catch { /* the contact moved on */ }
  }

  async function loadToday(): Promise<void> {
    try {
      today.value = await api<Today>('GET', '/api/agent/today')
      adherence.value = await api<typeof adherence.value>('GET', '/api/wfm/my-adherence')
    } catch { /* shown as unknown */ }
  }

  /** Runs a command; its sentence (a 409's reason) shows on the desk. */
  async function act(method: 'POST', path: string, body?: unknown): Promise<boolean> {
    error.value = ''
    try { agent.value = await api<AgentView>(method, path, body); ringFor(agent.value); return true } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err)
      return false
    }
  }

  /** Wrap-up: the ACD's contact, or a PBX call (stored against its queue visit). */
  async function wrapUp(c: DeskContact, body: { dispositionCode?: string; notes?: string }): Promise<boolean> {
    if (!c.onPbx) return act('POST', `/api/agent/contacts/${encodeURIComponent(c.contactId)}/wrapup`, body)
    error.value = ''
    try { await api('POST', `/api/agent/pbx-calls/${encodeURIComponent(c.contactId)}/wrapup`, body); pbxWrap.delete(c.contactId); await refresh(); return true } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err)
      return false
    }
  }

  async function setStatus(status: 'available' | 'aux' | 'offline', reasonCode?: string): Promise<boolean> {
    // Ready pressed while the microphone is still being checked (just after sign-in): wait for the check.
    if (status === 'available' && needsMic.value && mic.state === 'unknown') await (micChecking ?? checkMic())
    if (status === 'available' && needsMic.value && mic.state !== 'ok') { error.value = 'mic'; return false }
    if (status === 'available' && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission()
    return act('POST', '/api/agent/status', { status, ...(reasonCode ? { reasonCode } : {}) })
  }

  function say(contactId: string, text: string): void {
    const id = `a${++seq}`
    chatOf(contactId).lines.push({ id, from: 'agent', text, time: Date.now(), status: 'sending' })
    send({ type: 'message', contactId, id, text })
  }

  /** The agent is looking at this chat: its customer's messages so far are read. */
  function markRead(contactId: string): void {
    const c = chats.get(contactId)
    if (!c) return
    c.unread = 0
    const last = [...c.lines].reverse().find((l) => l.from === 'customer')
    // A message from the transcript carries its stored id (c-<session uuid>-<the widget's id>): the widget knows the last part.
    if (last && c.readUpTo !== last.id) { c.readUpTo = last.id; send({ type: 'read', contactId, id: last.id.replace(/^c-[^-]+(?:-[^-]+){4}-/, '') }) }
  }

  function select(contactId: string): void {
    selected.value = contactId
    markRead(contactId)
  }

  function toggleMute(): void { mic.muted = !mic.muted; for (const leg of legObjects.values()) leg.setMuted(mic.muted) }

  /** The leg of a contact (for the quality line and tests). */
  function legOf(contactId: string): BrowserLeg | undefined {
    for (const [id, l] of legs) if (l.contactId === contactId) return legObjects.get(id)
    return undefined
  }

  function stop(): void {
    stopped = true
    clearInterval(infoTimer)
    clearInterval(pbxTimer)
    ringer.stop()
    socket?.close()
    for (const id of [...legObjects.keys()]) closeLeg(id)
    for (const t of stream?.getTracks() ?? []) t.stop()
    stream = undefined
  }

  return {
    info, agent, contacts, today, adherence, socketState, mic, legs, chats, pops, error, recordings, coaching, ringTimeoutMs, selected, offer, needsMic, network,
    start, stop, checkMic, setOutput, setStatus, act, wrapUp, say, select, toggleMute, legOf, loadToday, send,
    typing: (contactId: string) => send({ type: 'typing', contactId }),
    dtmf: (contactId: string, digit: string) => send({ type: 'dtmf', contactId, digit }),
    pauseRecording: (contactId: string, paused: boolean) => send({ type: 'recording', contactId, paused }),
    /** What a coaching supervisor's leg brings in (for tests). */
    coachInbound: async () => { const id = [...coaching.keys()][0]; return id ? legObjects.get(id)?.inbound() : undefined },
  }
})
