/**
 * The customers' side, no sign-in:
 *   GET /api/widget/config   what the widget offers (chat, voice) and the ICE servers for the browser
 *   WS  /ws/widget           one chat or call: ?channel=chat|voice&name=&phone=&topic=
 *   GET /widget.js           the snippet a center puts on its own site (an iframe of /widget)
 * Other sites are refused unless AGNER_WIDGET_ORIGINS lists them; each address may hold a few
 * sessions at once and start a few a minute; frames are small and rate-limited. A refusal is a frame
 * {type:'refused', code, detail} (the widget says it in the customer's language) or a close code.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { AcdError, MediaError, type IceServer } from '@agner/telephony'
import type { CallDirector } from '../desk/call-director.ts'
import { CustomerSession, type WidgetFrame } from '../desk/customer-session.ts'
import { FrameError, MAX_MESSAGE_CHARS, parseCustomerFrame } from '../desk/agent-frames.ts'
import { AddressCounter, TokenBucket } from '../desk/widget-limits.ts'
import { heartbeat } from './socket-heartbeat.ts'

export interface WidgetRoutesOptions {
  director: CallDirector
  origins: string[]
  iceServers: IceServer[]
  /** What the widget offers now (the center's configuration can change it while running). */
  offers: () => { chat: boolean; voice: boolean }
  limits?: { concurrent: number; perMinute: number; framesPerSecond?: number; burst?: number }
}

const MAX_FRAME_BYTES = 16 * 1024
const DEFAULT_LIMITS = { concurrent: 4, perMinute: 20, framesPerSecond: 20, burst: 60 }

export const widgetRoutes: FastifyPluginAsync<WidgetRoutesOptions> = async (app, o) => {
  const limits = { ...DEFAULT_LIMITS, ...o.limits }
  const addresses = new AddressCounter(limits)

  /** Agner's own origin, or one the center allowed; no Origin header (not a browser) is allowed too. */
  const allowed = (req: FastifyRequest): boolean => {
    const origin = req.headers.origin
    if (!origin) return true
    const own = `${req.protocol}://${req.headers.host ?? ''}`
    return origin === own || o.origins.includes(origin)
  }

  app.get('/api/widget/config', { config: { access: 'public' } }, async (req, reply) => {
    if (!allowed(req)) return reply.status(403).send({ error: `This site (${req.headers.origin}) may not use the widget; the center must add it to AGNER_WIDGET_ORIGINS.` })
    return { ...o.offers(), iceServers: o.iceServers, maxMessageChars: MAX_MESSAGE_CHARS }
  })

  app.get('/widget.js', { config: { access: 'public' } }, async (_req, reply) => reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(EMBED_SCRIPT))

  app.get('/ws/widget', { websocket: true, config: { access: 'public', origins: o.origins } }, (socket, req) => {
    if (!allowed(req)) { socket.close(4403, 'this site may not use the widget (AGNER_WIDGET_ORIGINS)'); return }
    const q = req.query as Record<string, string | undefined>
    const channel = q.channel === 'voice' ? 'voice' : q.channel === 'chat' ? 'chat' : undefined
    const send = (f: WidgetFrame) => { if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f)) }
    const offers = o.offers()
    if (!channel || (channel === 'chat' && !offers.chat) || (channel === 'voice' && !offers.voice)) {
      send({ type: 'refused', code: 'bad_channel', detail: 'channel must be chat or voice' }); socket.close(4400, 'bad channel'); return
    }
    const admitted = addresses.admit(req.ip, Date.now())
    if (admitted !== 'ok') { send({ type: 'refused', code: admitted }); socket.close(4429, admitted); return }
    const field = (v: string | undefined, max: number) => (v ? v.slice(0, max) : undefined)
    const phone = q.phone && /^\+?[0-9 -]{3,24}$/.test(q.phone) ? q.phone.replace(/[ -]/g, '') : undefined
    const session = new CustomerSession(randomUUID(), req.ip, channel, { name: field(q.name, 80), phone, topic: field(q.topic, 200) }, send)
    const bucket = new TokenBucket(limits.framesPerSecond, limits.burst, Date.now())
    let dropped = 0
    let closed = false
    const actions = o.director.customer(session)
    const stopBeat = heartbeat(socket, 3_000)

    socket.on('message', (raw: Buffer) => {
      if (!bucket.take(Date.now())) {
        if (++dropped % 50 === 1) send({ type: 'refused', code: 'too_fast' })
        if (dropped > 500) socket.close(4429, 'too many frames')
        return
      }
      if (raw.length > MAX_FRAME_BYTES) { send({ type: 'refused', code: 'too_large', detail: `a frame may hold at most ${MAX_FRAME_BYTES} bytes` }); return }
      let f
      try { f = parseCustomerFrame(raw.toString('utf8')) } catch (err) {
        send({ type: 'refused', code: 'bad_frame', detail: (err as Error).message }); return
      }
      const run = (): Promise<unknown> | unknown => {
        switch (f.type) {
          case 'answer': return actions.answer(f.sdp, f.legId)
          case 'candidate': return actions.candidate(f.candidate, f.legId)
          case 'restart': return actions.restart()
          case 'dtmf': return actions.dtmf(f.digit)
          case 'message': return actions.message(f.id, f.text)
          case 'typing': return actions.typing()
          case 'read': return actions.read(f.id)
          case 'callback': return actions.callback(f.number)
          case 'hangup': return actions.hangup()
          case 'survey': return actions.survey(f.csat, f.comment)
        }
      }
      Promise.resolve().then(run).catch((err: unknown) => {
        if (err instanceof AcdError || err instanceof MediaError || err instanceof FrameError) send({ type: 'refused', code: `${f.type}_refused`, detail: err.message })
        else { req.log.error({ err }, 'a widget frame failed'); send({ type: 'refused', code: 'server_error' }) }
      })
    })
    socket.on('close', () => {
      closed = true
      stopBeat()
      addresses.release(req.ip)
      void o.director.customerLeft(session)
    })
    o.director.start(session).catch((err: Error) => {
      if (closed) return
      send({ type: 'refused', code: 'start_failed', detail: err.message })
      socket.close(1011, 'could not start')
    })
  })
}

/** The snippet for a center's own site: a button that opens the widget in a frame (microphone allowed). */
const EMBED_SCRIPT = `(function () {
  var s = document.currentScript; var base = new URL(s.src).origin;
  var lang = s.getAttribute('data-lang') || document.documentElement.lang || 'zh-CN';
  var b = document.createElement('button'); b.type = 'button'; b.textContent = s.getAttribute('data-label') || (lang.indexOf('zh') === 0 ? '联系我们' : 'Contact us');
  b.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;border:0;border-radius:24px;background:#1f6feb;color:#fff;font:15px sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)';
  var f = null;
  b.onclick = function () {
    if (f) { f.remove(); f = null; return; }
    f = document.createElement('iframe'); f.src = base + '/widget?embed=1&lang=' + encodeURIComponent(lang); f.title = b.textContent;
    f.allow = 'microphone; autoplay'; f.style.cssText = 'position:fixed;right:20px;bottom:76px;width:380px;height:600px;max-height:80vh;border:1px solid #ccc;border-radius:12px;z-index:2147483000;background:#fff';
    document.body.appendChild(f);
  };
  document.body.appendChild(b);
})();
`
