/**
 * Carries out, for contacts that customers start on the web widget, what the ACD decides: it opens
 * and closes the media legs, tells each leg what to hear (voice-plan.ts), plays IVR prompts, passes
 * chat messages between customer and agent, and tells both sides what happened. The ACD stays the
 * only one that changes a call's state; this listens to its events and asks it through commands.
 */
import { randomUUID } from 'node:crypto'
import type { CanonicalEvent } from '@agner/events'
import { AcdError, type MediaEvent, type MediaService, type RealtimeAcd } from '@agner/telephony'
import type { ChatLog } from './chat-log.ts'
import type { CustomerSession } from './customer-session.ts'
import { agentLegId, planVoice, type SegmentView } from './voice-plan.ts'
import { expectedWaitMs } from './expected-wait.ts'
import { CallRecorder, type RecorderOptions } from './call-recorder.ts'
import { CallMonitor, type LiveCall } from './call-monitor.ts'

export interface DirectorOptions {
  acd: RealtimeAcd
  media: MediaService
  chat: ChatLog
  /** Where a browser call goes: an IVR flow, else a voice queue (none: the widget offers no calls). */
  voiceEntry?: { ivrId: string } | { queueId: string }
  chatQueueId?: string
  /** A greeting played before the first IVR prompt. */
  greeting?: string
  agentName: (agentId: string) => string
  ahtMs: (queueId: string) => number | undefined
  warn: (msg: string) => void
  /** Calls are recorded when set: the folder, the index, and where alerts go. */
  recordings?: Pick<RecorderOptions, 'dir' | 'save' | 'alert'>
}

interface Interaction { session: CustomerSession; contacts: Set<string>; legs: Map<string, { agentId: string; open: boolean }>; heard: Map<string, string> }

export type DeskFrame = Record<string, unknown> & { type: string }

export class CallDirector {
  private readonly sessions = new Map<string, CustomerSession>()
  private readonly starting = new Map<string, CustomerSession>()
  private readonly interactions = new Map<string, Interaction>()
  private readonly contactInteraction = new Map<string, string>()
  /** Agents' legs → their journey (customers' legs are in `customerLegs`). */
  private readonly legInteraction = new Map<string, string>()
  private readonly customerLegs = new Map<string, CustomerSession>()
  readonly agentSockets = new Map<string, Set<(f: DeskFrame) => void>>()
  private readonly dirty = new Set<string>()
  private readonly ticker: NodeJS.Timeout
  private readonly unsubscribe: Array<() => void> = []
  private stopping = false
  private readonly recorder?: CallRecorder
  /** Supervisors listening in, whispering, barging (call-monitor.ts). */
  readonly monitor: CallMonitor

  /** The center's configuration changed: where the widget's next calls and chats go. */
  retarget(entries: Pick<DirectorOptions, 'voiceEntry' | 'chatQueueId'>): void {
    this.o.voiceEntry = entries.voiceEntry
    this.o.chatQueueId = entries.chatQueueId
  }

  constructor(private readonly o: DirectorOptions) {
    this.monitor = new CallMonitor({ acd: o.acd, media: o.media, call: (id) => this.liveCall(id), toAgent: (a, f) => this.toAgent(a, f), warn: o.warn })
    if (o.recordings) {
      this.recorder = new CallRecorder({
        ...o.recordings, media: o.media,
        tell: (s, state, reason) => { const a = this.agentOf(s); if (a) this.toAgent(a, { type: 'recording', contactId: s.contactId, state, ...(reason ? { reason } : {}) }) },
      })
    }
    this.unsubscribe.push(o.acd.subscribe((e) => this.onEvent(e)), o.media.onEvent((e) => this.onMedia(e)))
    this.ticker = setInterval(() => this.tellPositions(), 5_000)
    this.ticker.unref()
  }

  get openSessions(): number { return this.sessions.size }
  get media(): MediaService { return this.o.media }
  /** Records calls answered from now on, or not (a no-op when recordings are off in the configuration). */
  setRecording(on: boolean): void { if (this.recorder) this.recorder.enabled = on }

  // ── customers ──────────────────────────────────────────────────────────────────────────────
  /** A customer starts a chat or a call. */
  async start(session: CustomerSession): Promise<void> {
    this.sessions.set(session.id, session)
    session.send({ type: 'session', sessionId: session.id })
    if (session.channel === 'chat') { await this.arrive(session); return }
    session.legId = `c:${session.id}`
    this.customerLegs.set(session.legId, session)
    const { sdp } = await this.o.media.open(session.legId, session.id)
    session.legOpen = true
    session.send({ type: 'offer', sdp })
  }

  /** The customer's browser is gone or hung up: their contact ends as the ACD says (an abandon while waiting). */
  async customerLeft(session: CustomerSession): Promise<void> {
    this.sessions.delete(session.id)
    // Agner is shutting down: sockets closing is not the customer hanging up (recovery closes the contact at the next start).
    if (this.stopping) return
    if (session.contactId && !session.ended) {
      const c = this.o.acd.engine.peekContact(session.contactId)
      if (c && c.state !== 'wrap' && c.state !== 'done') await this.o.acd.run((engine) => engine.callerHangup(session.contactId!)).catch(() => undefined)
    }
    this.finishSession(session, 'customer')
  }

  customer(session: CustomerSession) {
    const acd = this.o.acd
    return {
      answer: (sdp: string, legId?: string) => this.o.media.answer(this.customerLeg(session, legId), sdp),
      candidate: (c: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }, legId?: string) => this.o.media.candidate(this.customerLeg(session, legId), c),
      restart: async () => { const { sdp } = await this.o.media.restart(session.legId ?? ''); session.send({ type: 'offer', sdp }) },
      dtmf: async (digit: string) => {
        const c = session.contactId ? acd.engine.peekContact(session.contactId) : undefined
        if (c?.state === 'ivr') { await acd.run((engine) => engine.ivrInput(c.id, digit)); return }
        if (c?.agentId) this.toAgent(c.agentId, { type: 'dtmf', contactId: c.id, digit })
      },
      message: (id: string, text: string) => this.customerMessage(session, id, text),
      typing: () => { const a = this.agentOf(session); if (a) this.toAgent(a, { type: 'typing', contactId: session.contactId }) },
      read: (id: string) => { const a = this.agentOf(session); if (a) this.toAgent(a, { type: 'status', contactId: session.contactId, id, status: 'read' }) },
      callback: async (number: string) => { await acd.run((engine) => engine.requestCallback(session.contactId ?? '', number)) },
      hangup: () => this.customerLeft(session),
      survey: async (csat: number, comment?: string) => {
        if (!session.surveyFor) throw new AcdError('conflict', 'There is no answered contact to rate yet.')
        if (session.surveyed) throw new AcdError('conflict', 'This contact has been rated already.')
        session.surveyed = true
        await acd.run((engine) => engine.survey(session.surveyFor!, csat, comment))
      },
    }
  }

  /** The customer's own leg, or an extra one they were given (a supervisor barging in). */
  private customerLeg(session: CustomerSession, legId?: string): string {
    if (!legId || legId === session.legId) return session.legId ?? ''
    if (!this.monitor.ownsLeg(legId, { sessionId: session.id })) throw new AcdError('not_found', `There is no call leg ${legId} of yours; it may have ended.`)
    return legId
  }

  private async arrive(session: CustomerSession): Promise<void> {
    const contactId = `w${randomUUID().replaceAll('-', '').slice(0, 16)}`
    this.starting.set(contactId, session)
    const ani = session.form.phone
    const entry = session.channel === 'chat' ? { queueId: this.o.chatQueueId ?? '' } : this.o.voiceEntry ?? { queueId: '' }
    try {
      await this.o.acd.run((engine) => 'ivrId' in entry
        ? engine.arriveIvr({ ivrId: entry.ivrId, contactId, ...(ani ? { ani } : {}) })
        : engine.arrive({ queueId: entry.queueId, contactId, channel: session.channel, ...(ani ? { ani } : {}) }))
    } finally { this.starting.delete(contactId) }
  }

  private customerMessage(session: CustomerSession, id: string, text: string): void {
    // Typed before the chat's contact exists (the first moment of a chat): kept and sent when it does.
    if (!session.interactionId || !session.contactId) {
      if (session.early.length >= 20) throw new AcdError('conflict', 'The chat is still starting; wait a moment before sending more.')
      session.early.push({ id, text })
      return
    }
    const time = Date.now()
    this.o.chat.add({ interactionId: session.interactionId, contactId: session.contactId, messageId: `c-${session.id}-${id}`, time, sender: 'customer', agentId: '', text })
    session.send({ type: 'status', id, status: 'sent' })
    const agent = this.agentOf(session)
    if (agent && this.toAgent(agent, { type: 'message', contactId: session.contactId, id, from: 'customer', text, time })) session.send({ type: 'status', id, status: 'delivered' })
  }

  private agentOf(session: CustomerSession): string | undefined {
    const c = session.contactId ? this.o.acd.engine.peekContact(session.contactId) : undefined
    return c && (c.state === 'connected' || c.state === 'held') ? c.agentId : undefined
  }

  // ── agents ─────────────────────────────────────────────────────────────────────────────────
  /** An agent's desk socket: frames to it, and the handlers of what it sends. */
  attachAgent(agentId: string, send: (f: DeskFrame) => void): () => void {
    let set = this.agentSockets.get(agentId)
    if (!set) { set = new Set(); this.agentSockets.set(agentId, set) }
    set.add(send)
    // Legs already offered (a reload mid-call) are offered again on a fresh connection.
    for (const [interactionId, inter] of this.interactions) {
      for (const [legId, leg] of inter.legs) if (leg.agentId === agentId && leg.open) void this.reofferLeg(legId, agentId, interactionId)
      for (const id of inter.contacts) {
        const c = this.o.acd.engine.peekContact(id)
        if (c?.agentId === agentId && c.channel !== 'voice' && (c.state === 'connected' || c.state === 'held')) send({ type: 'transcript', contactId: c.id, messages: this.o.chat.transcript(interactionId) })
      }
    }
    return () => { set.delete(send); if (set.size === 0) this.agentSockets.delete(agentId) }
  }

  /** Does the agent hold (or ring for) a contact of a widget customer? */
  holdsCustomers(agentId: string): boolean {
    const engine = this.o.acd.engine
    for (const inter of this.interactions.values()) {
      for (const id of inter.contacts) {
        const c = engine.peekContact(id)
        if (c && (c.agentId === agentId || c.offer?.agentId === agentId) && c.state !== 'wrap' && c.state !== 'done') return true
      }
    }
    return false
  }

  hasDesk(agentId: string): boolean { return (this.agentSockets.get(agentId)?.size ?? 0) > 0 }

  toAgent(agentId: string, f: DeskFrame): boolean {
    const set = this.agentSockets.get(agentId)
    for (const send of set ?? []) send(f)
    return (set?.size ?? 0) > 0
  }

  agent(agentId: string) {
    const legOf = (legId: string) => {
      if (this.monitor.ownsLeg(legId, { agentId })) return legId
      const inter = this.interactions.get(this.legInteraction.get(legId) ?? '')
      if (inter?.legs.get(legId)?.agentId !== agentId) throw new AcdError('not_found', `There is no call leg ${legId} of yours; it may have ended.`)
      return legId
    }
    const chatOf = (contactId: string) => {
      const c = this.o.acd.engine.peekContact(contactId)
      const session = this.interactions.get(this.contactInteraction.get(contactId) ?? '')?.session
      if (!c || c.agentId !== agentId || !session || session.contactId !== contactId) throw new AcdError('not_found', `You are not in a conversation ${contactId}; it may have ended.`)
      return { c, session }
    }
    return {
      answer: (legId: string, sdp: string) => this.o.media.answer(legOf(legId), sdp),
      candidate: (legId: string, c: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }) => this.o.media.candidate(legOf(legId), c),
      restart: async (legId: string) => { const { sdp } = await this.o.media.restart(legOf(legId)); this.toAgent(agentId, { type: 'offer', legId, sdp, restart: true }) },
      message: (contactId: string, id: string, text: string) => {
        const { c, session } = chatOf(contactId)
        const time = Date.now()
        this.o.chat.add({ interactionId: c.interactionId, contactId, messageId: `a-${agentId}-${id}`, time, sender: 'agent', agentId, text })
        session.send({ type: 'message', id, from: 'agent', text, time })
        this.toAgent(agentId, { type: 'status', contactId, id, status: 'delivered' })
      },
      typing: (contactId: string) => chatOf(contactId).session.send({ type: 'typing' }),
      read: (contactId: string, id: string) => chatOf(contactId).session.send({ type: 'status', id, status: 'read' }),
      dtmf: (contactId: string, digit: string) => { chatOf(contactId).session.send({ type: 'message', id: `dtmf-${Date.now()}`, from: 'system', text: digit, time: Date.now() }) },
      /** Pauses the call's recording while the customer gives sensitive details (card numbers), and resumes it. */
      recording: async (contactId: string, paused: boolean) => {
        const { session } = chatOf(contactId)
        if (!this.recorder || !session.recordingId) throw new AcdError('conflict', 'This call is not being recorded.')
        await this.recorder.pause(session, paused)
      },
    }
  }

  /** The customer session and transcript of a contact the agent handles (for the desk's screen pop). */
  sessionOf(contactId: string): CustomerSession | undefined {
    return this.interactions.get(this.contactInteraction.get(contactId) ?? '')?.session
  }

  /** A browser call with an agent on it now (connected or held), with its legs open: what a supervisor can listen to. */
  liveCall(contactId: string): LiveCall | undefined {
    const interactionId = this.contactInteraction.get(contactId)
    const inter = this.interactions.get(interactionId ?? '')
    const s = inter?.session
    const c = this.o.acd.engine.peekContact(contactId)
    if (!inter || !s || s.ended || s.channel !== 'voice' || !s.legId || !s.legOpen || s.contactId !== contactId || !c?.agentId || (c.state !== 'connected' && c.state !== 'held') || c.consultOf) return undefined
    const agentLeg = agentLegId(contactId, c.agentId)
    if (!inter.legs.get(agentLeg)?.open) return undefined
    return { contactId, interactionId: interactionId!, group: s.id, session: s, customerLeg: s.legId, agentLeg, agentId: c.agentId, agentName: this.o.agentName(c.agentId), queueId: c.queueId ?? '' }
  }

  /** The browser calls on now, for the supervisors' live view. */
  liveCalls(): LiveCall[] {
    const out: LiveCall[] = []
    for (const s of this.sessions.values()) { const call = s.contactId ? this.liveCall(s.contactId) : undefined; if (call) out.push(call) }
    return out
  }

  // ── the ACD's events ───────────────────────────────────────────────────────────────────────
  private onEvent(e: CanonicalEvent): void {
    let inter = e.interactionId ? this.interactions.get(e.interactionId) : undefined
    if (!inter && e.type === 'contact.created' && e.contactId && e.interactionId && this.starting.has(e.contactId)) {
      const session = this.starting.get(e.contactId)!
      session.interactionId = e.interactionId
      session.contactId = e.contactId
      inter = { session, contacts: new Set(), legs: new Map(), heard: new Map() }
      this.interactions.set(e.interactionId, inter)
      for (const m of session.early.splice(0)) this.customerMessage(session, m.id, m.text)
    }
    if (!inter || !e.interactionId) return
    if (e.contactId && !inter.contacts.has(e.contactId)) { inter.contacts.add(e.contactId); this.contactInteraction.set(e.contactId, e.interactionId) }
    const s = inter.session
    const mine = e.contactId === s.contactId
    const data = e.data as Record<string, unknown>
    switch (e.type) {
      case 'contact.ivr_step': if (mine && data.input === undefined) this.prompt(s, String(data.node), 'message'); break
      case 'contact.queued': if (mine) { s.lastQueued = e.queueId; this.tellPosition(s) } break
      case 'contact.connected':
        if (!mine) break
        s.surveyFor = { contactId: e.contactId!, interactionId: e.interactionId, ...(e.queueId ? { queueId: e.queueId } : {}), agentId: e.agentId!, channel: e.channel ?? s.channel }
        s.send({ type: 'connected', agentName: this.o.agentName(e.agentId!) })
        if (s.channel === 'voice' && this.recorder) {
          if (!s.recordingId) this.recorder.start(s, { contactId: e.contactId!, interactionId: e.interactionId, agentId: e.agentId!, queueId: e.queueId ?? '' })
          else this.toAgent(e.agentId!, { type: 'recording', contactId: e.contactId, state: this.recorder.state(s) })
        }
        if (s.channel === 'chat') {
          const messages = this.o.chat.transcript(e.interactionId)
          if (this.toAgent(e.agentId!, { type: 'transcript', contactId: e.contactId, messages })) {
            const mine = `c-${s.id}-`
            for (const m of messages) if (m.sender === 'customer' && m.messageId.startsWith(mine)) s.send({ type: 'status', id: m.messageId.slice(mine.length), status: 'delivered' })
          }
        }
        break
      case 'contact.held': if (mine) s.send({ type: 'held' }); break
      case 'contact.resumed': if (mine) s.send({ type: 'resumed' }); break
      case 'contact.transferred':
        if (!mine) break
        s.contactId = String(data.newContactId)
        s.send(data.reason === 'agent_lost' ? { type: 'notice', code: 'agent_lost' } : { type: 'transferred' })
        break
      case 'contact.callback_requested': if (mine) s.send({ type: 'notice', code: 'callback_booked' }); break
      case 'contact.dequeued': if (mine && data.outcome !== 'answered') s.lastOutcome = String(data.outcome); break
      case 'contact.ended': if (mine) s.lastOutcome = data.endedBy === 'customer' ? 'customer' : data.endedBy === 'agent' ? 'agent' : String(data.reason ?? data.endedBy); break
    }
    this.markDirty(e.interactionId)
  }

  /** Shows and plays a message the caller passes, or the menu they are at (each time it is played). */
  private prompt(s: CustomerSession, nodeId: string, kind: 'menu' | 'message'): void {
    // The flow the caller is in (a flow changed since they called keeps playing to them).
    const entry = this.o.voiceEntry
    const flow = this.o.acd.engine.peekContact(s.contactId ?? '')?.ivr?.flow ?? (entry && 'ivrId' in entry ? this.o.acd.engine.ivrFlow(entry.ivrId) : undefined)
    const node = flow?.nodes[nodeId]
    if (!node || node.type !== kind || (node.type !== 'menu' && node.type !== 'message')) return
    s.send({ type: 'ivr', node: nodeId, text: node.prompt, keys: node.type === 'menu' ? Object.keys(node.options) : [] })
    if (!node.audio || !s.legId) return
    const first = !s.greeted && this.o.greeting
    s.greeted = true
    void this.o.media.hear(s.legId, { play: first ? [this.o.greeting!, node.audio] : [node.audio] }).catch((err: Error) => this.o.warn(err.message))
  }

  private tellPosition(s: CustomerSession): void {
    const engine = this.o.acd.engine
    const position = s.contactId ? engine.positionOf(s.contactId) : undefined
    if (position === undefined || !s.lastQueued) return
    const staffed = engine.queueOf(s.lastQueued).agents.filter((a) => a.status !== 'offline').length
    s.send({ type: 'queued', position, expectedWaitMs: expectedWaitMs(position, this.o.ahtMs(s.lastQueued), staffed) })
  }

  private tellPositions(): void { for (const s of this.sessions.values()) if (!s.ended) this.tellPosition(s) }

  private markDirty(interactionId: string): void {
    if (this.dirty.size === 0) queueMicrotask(() => { const ids = [...this.dirty]; this.dirty.clear(); for (const id of ids) this.sync(id) })
    this.dirty.add(interactionId)
  }

  private sync(interactionId: string): void {
    const inter = this.interactions.get(interactionId)
    if (!inter) return
    const engine = this.o.acd.engine
    const s = inter.session
    const segments: SegmentView[] = []
    for (const id of inter.contacts) {
      const c = engine.peekContact(id)
      if (!c) continue
      const holdMusic = c.queueId ? engine.queueOf(c.queueId).cfg.holdMusic : undefined
      segments.push({ contactId: c.id, state: c.state, channel: c.channel, ...(c.agentId ? { agentId: c.agentId } : {}), ...(c.offer ? { ringingAgentId: c.offer.agentId } : {}), ...(c.consultOf ? { consultOf: c.consultOf } : {}), ...(holdMusic ? { holdMusic } : {}) } satisfies SegmentView)
    }
    const open = new Set<string>([...inter.legs].filter(([, l]) => l.open).map(([id]) => id))
    if (s.legId && s.legOpen) open.add(s.legId)
    const plan = planVoice(s.legOpen ? s.legId : undefined, s.contactId, segments, open)
    const wanted = new Set(plan.legs.map((l) => l.legId))
    for (const l of plan.legs) if (!inter.legs.has(l.legId)) this.openAgentLeg(interactionId, inter, l.legId, l.agentId, l.contactId)
    for (const [legId, leg] of inter.legs) if (!wanted.has(legId)) this.closeLeg(inter, legId, leg.agentId)
    for (const [legId, source] of plan.routes) {
      if (!open.has(legId)) continue
      const key = JSON.stringify(source)
      if (inter.heard.get(legId) === key) continue
      inter.heard.set(legId, key)
      void this.o.media.hear(legId, source).catch((err: Error) => this.o.warn(`leg ${legId}: ${err.message}`))
    }
    // The customer's contact is over (ended, wrapped, left the queue without an agent): tell them.
    const current = s.contactId ? engine.peekContact(s.contactId) : undefined
    // At a menu: its prompt, once per time the menu is played.
    if (current?.state === 'ivr' && current.ivr && !s.ended) {
      const key = `${current.ivr.node}#${current.ivr.plays}`
      if (s.prompted !== key) { s.prompted = key; this.prompt(s, current.ivr.node, 'menu') }
    }
    if (!s.ended && s.contactId && (!current || current.state === 'wrap' || current.state === 'done')) this.finishSession(s, s.lastOutcome ?? 'ended')
    this.monitor.sync(interactionId)
    // Nothing left of the journey: forget it.
    if (segments.length === 0 && inter.legs.size === 0 && s.ended) {
      this.interactions.delete(interactionId)
      for (const id of inter.contacts) this.contactInteraction.delete(id)
      this.o.chat.close(interactionId)
    }
  }

  private openAgentLeg(interactionId: string, inter: Interaction, legId: string, agentId: string, contactId: string): void {
    inter.legs.set(legId, { agentId, open: false })
    this.legInteraction.set(legId, interactionId)
    this.o.media.open(legId, inter.session.id).then(({ sdp }) => {
      const leg = inter.legs.get(legId)
      if (!leg) { void this.o.media.close(legId); return }
      leg.open = true
      this.toAgent(agentId, { type: 'offer', legId, contactId, sdp })
      this.markDirty(interactionId)
    }, (err: Error) => this.o.warn(`the call leg for ${agentId} could not open (${err.message})`))
  }

  private async reofferLeg(legId: string, agentId: string, interactionId: string): Promise<void> {
    try {
      const { sdp } = await this.o.media.restart(legId)
      const contactId = legId.split(':')[1]
      this.toAgent(agentId, { type: 'offer', legId, contactId, sdp, restart: true })
    } catch (err) { this.o.warn(`leg ${legId} of ${interactionId} could not be offered again (${(err as Error).message})`) }
  }

  private closeLeg(inter: Interaction, legId: string, agentId: string): void {
    inter.legs.delete(legId)
    inter.heard.delete(legId)
    this.legInteraction.delete(legId)
    void this.o.media.close(legId)
    this.toAgent(agentId, { type: 'leg-closed', legId })
  }

  private finishSession(s: CustomerSession, reason: string): void {
    if (s.ended) return
    s.send({ type: 'ended', reason, survey: !!s.surveyFor })
    s.ended = true
    this.recorder?.stop(s)
    if (s.legId) {
      const legId = s.legId
      // Ended by the system while still in the IVR (the closed-hours message): let the message finish, at most 20 s.
      const inIvr = s.greeted && !this.interactions.get(s.interactionId ?? '')?.heard.has(legId)
      setTimeout(() => { void this.o.media.close(legId); this.customerLegs.delete(legId) }, inIvr && reason === 'system' ? 20_000 : 0).unref()
    }
    if (s.interactionId) this.markDirty(s.interactionId)
  }

  private onMedia(e: MediaEvent): void {
    this.recorder?.onMedia(e)
    if (e.type !== 'state') return
    const session = this.customerLegs.get(e.legId)
    if (session) {
      if (e.state === 'connected' && !session.contactId && !session.ended) {
        void this.arrive(session).catch((err: Error) => { session.send({ type: 'refused', code: 'start_failed', detail: err.message }); void this.customerLeft(session) })
      }
      if (e.state === 'failed' && !session.ended) void this.customerLeft(session)
      return
    }
    const owner = this.legInteraction.get(e.legId)
    if (owner && e.state === 'connected') this.markDirty(owner)
  }

  /** Stops acting on the ACD before the sockets close on shutdown. */
  async stop(): Promise<void> {
    this.stopping = true
    clearInterval(this.ticker)
    await this.recorder?.stopAll()
    for (const u of this.unsubscribe) u()
  }
}
