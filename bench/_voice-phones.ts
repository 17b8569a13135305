/**
 * The browsers of `npm run bench -- voice`, in a process of their own so their CPU is not counted
 * as the server's: customers on /ws/widget and agents on /ws/agent (signed in as users), each with
 * a werift phone (real ICE, DTLS-SRTP, UDP) that talks a file's Opus packets. Driven by the parent
 * over IPC: {cmd:'setup', n} times n calls one after another (accept → the agent's first packet at
 * the customer); {cmd:'open', n} holds n calls talking at once; {cmd:'close'} ends them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import { readOggOpus } from '@agner/telephony'
import { TestPhone } from '@agner/telephony/testing'

const { url, agents: agentCount, password, audioDir, agentVoice } = JSON.parse(process.argv[2]!) as { url: string; agents: number; password: string; audioDir: string; agentVoice: string }
const AGENT_VOICE = agentVoice
const CUSTOMER_VOICE = join(audioDir, 'menu.ogg')
// Packets only the agent's file has (silence encodes the same in every file: the queue's prompt has it too).
const packetsOf = (file: string) => readOggOpus(readFileSync(file)).map((p) => p.data.toString('base64'))
const elsewhere = new Set(['queue.ogg', 'hold-music.ogg', 'menu.ogg'].flatMap((f) => packetsOf(join(audioDir, f))))
const agentPackets = new Set(packetsOf(AGENT_VOICE).filter((p) => !elsewhere.has(p)))

type Frame = Record<string, unknown> & { type: string }
interface Agent { id: string; headers: Record<string, string>; ws: WebSocket; phones: Map<string, TestPhone>; contacts: Set<string>; acceptedAt: Map<string, number> }
const acceptedAt = new Map<string, number>()
let lastAcceptAt = 0

async function signIn(username: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken }
}
const post = async (a: Agent, path: string, body?: unknown) => {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { ...a.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

const agents: Agent[] = []
for (let i = 1; i <= agentCount; i++) {
  const id = `bench-${String(i).padStart(2, '0')}`
  const headers = await signIn(id)
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/agent`, { headers })
  const a: Agent = { id, headers, ws, phones: new Map(), contacts: new Set(), acceptedAt }
  const offers = new Map<string, string>()
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString()) as Frame
    if (process.env.BENCH_DEBUG) console.error('agent', id, f.type, (f.event as { type?: string } | undefined)?.type ?? '')
    if (f.type === 'event') {
      const e = f.event as { type: string; contactId: string; data: { offerId?: string } }
      if (e.type === 'contact.offered') offers.set(e.contactId, e.data.offerId!)
    }
    if (f.type === 'offer') {
      // The leg arrives while the call rings: answer it, start talking, then accept (timed).
      const legId = String(f.legId), contactId = String(f.contactId)
      const phone = new TestPhone()
      a.phones.set(legId, phone)
      void (async () => {
        ws.send(JSON.stringify({ type: 'answer', legId, sdp: await phone.answer(String(f.sdp)) }))
        await phone.connected()
        phone.talk(AGENT_VOICE)
        const until = Date.now() + 5000
        while (!offers.has(contactId) && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
        acceptedAt.set(contactId, performance.now())
        lastAcceptAt = performance.now()
        await post(a, `/api/agent/offers/${offers.get(contactId)}/accept`)
        a.contacts.add(contactId)
      })().catch((err: Error) => console.error(`agent ${id}: ${err.message}`))
    }
  })
  await new Promise((r) => ws.once('open', r))
  agents.push(a)
}

interface Customer { ws: WebSocket; phone: TestPhone; contactId?: string; connected: Promise<void>; firstAgentPacket?: number }

function customer(): Customer {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/widget?channel=voice&name=bench`)
  const phone = new TestPhone()
  const c: Customer = { ws, phone, connected: Promise.resolve() }
  c.connected = new Promise((resolve) => {
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Frame
      if (process.env.BENCH_DEBUG) console.error('customer', f.type)
      if (f.type === 'offer') void phone.answer(String(f.sdp)).then((sdp) => { ws.send(JSON.stringify({ type: 'answer', sdp })); return phone.connected() }).then(() => phone.talk(CUSTOMER_VOICE))
      if (f.type === 'connected') resolve()
    })
  })
  // The first packet carrying the agent's voice (not the queue's music) after the accept.
  phone.pc.onTransceiverAdded.subscribe((t) => t.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => {
    if (c.firstAgentPacket === undefined && agentPackets.has(rtp.payload.toString('base64'))) c.firstAgentPacket = performance.now()
  })))
  return c
}

async function endAll(open: Customer[]): Promise<void> {
  for (const a of agents) {
    for (const contactId of a.contacts) {
      await post(a, `/api/agent/contacts/${contactId}/end`).catch(() => undefined)
      await post(a, `/api/agent/contacts/${contactId}/wrapup`, { dispositionCode: 'bench' }).catch((err: Error) => console.error(err.message))
    }
    a.contacts.clear()
    for (const p of a.phones.values()) await p.close()
    a.phones.clear()
  }
  for (const c of open) { c.ws.close(); await c.phone.close() }
}

process.on('message', (msg: { cmd: 'setup' | 'open' | 'close' | 'exit'; n?: number }) => {
  void (async () => {
    if (msg.cmd === 'setup') {
      const times: number[] = []
      const a = agents[0]!
      await post(a, '/api/agent/status', { status: 'available' })
      for (let i = 0; i < msg.n!; i++) {
        const c = customer()
        await c.connected
        const t0 = lastAcceptAt
        const end = Date.now() + 5000
        while (c.firstAgentPacket === undefined && Date.now() < end) await new Promise((r) => setTimeout(r, 2))
        times.push((c.firstAgentPacket ?? NaN) - t0)
        while (a.contacts.size === 0) await new Promise((r) => setTimeout(r, 5)) // the accept's answer
        await endAll([c])
      }
      await post(a, '/api/agent/status', { status: 'offline' })
      process.send!({ setupMs: times })
    } else if (msg.cmd === 'open') {
      for (const a of agents.slice(0, msg.n)) await post(a, '/api/agent/status', { status: 'available' })
      const open = Array.from({ length: msg.n! }, () => customer())
      await Promise.all(open.map((c) => c.connected))
      while (agents.slice(0, msg.n).some((a) => a.contacts.size === 0)) await new Promise((r) => setTimeout(r, 5))
      openCalls = open
      process.send!({ open: open.length })
    } else if (msg.cmd === 'close') {
      await endAll(openCalls)
      for (const a of agents) await post(a, '/api/agent/status', { status: 'offline' }).catch(() => undefined)
      openCalls = []
      process.send!({ closed: true })
    } else process.exit(0)
  })().catch((err: Error) => { console.error(err); process.exit(1) })
})
let openCalls: Customer[] = []
process.send!({ ready: agents.length })
