/**
 * A fake Asterisk manager interface over real TCP, for tests: the banner, Login answered with
 * `Response: Success` or `Response: Error` / `Message: Authentication failed` (then the
 * connection closes, as Asterisk does), Filter, Events, Ping, QueueStatus (with the entries and
 * members it is given), QueuePause / QueueAdd / QueueRemove (recorded, answered, and echoed as
 * member events). Events go out with CRLF framing, optionally split at random byte boundaries.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { AmiFrameReader } from './frames.ts'

export interface FakeAmiOptions {
  username?: string
  secret?: string
  /** Write events in pieces at random byte boundaries (a few ms apart). */
  splitWrites?: boolean
}

export class FakeAmiServer {
  readonly actions: Array<Record<string, string>> = []
  /** QueueStatus answers with these (without ActionID; it is added). */
  queueStatus: string[] = []
  private server: Server | undefined
  private readonly clients = new Set<Socket>()
  private readonly loggedIn = new WeakSet<Socket>()
  /** Each socket's writes in order: a message is never interleaved with another, as in Asterisk. */
  private readonly queues = new WeakMap<Socket, Promise<void>>()
  port = 0
  logins = 0
  failedLogins = 0
  constructor(private readonly o: FakeAmiOptions = {}) {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((s) => this.accept(s))
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
    return this.port
  }

  get sessions(): number { return [...this.clients].filter((c) => this.loggedIn.has(c)).length }

  /** One event block (fields in order) to every logged-in client. */
  async event(text: string): Promise<void> {
    const block = text.endsWith('\r\n\r\n') ? text : `${text.replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '')}\r\n\r\n`
    await Promise.all([...this.clients].filter((c) => this.loggedIn.has(c)).map((c) => this.send(c, block)))
  }

  /** Drops every connection; with `midEvent`, after writing half of an event block. */
  drop(midEvent?: string): void {
    for (const c of this.clients) {
      if (midEvent) c.write(midEvent.slice(0, Math.floor(midEvent.length / 2)))
      c.destroy()
    }
  }

  async close(): Promise<void> {
    this.drop()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private accept(s: Socket): void {
    this.clients.add(s)
    s.on('close', () => this.clients.delete(s))
    s.on('error', () => undefined)
    s.write('Asterisk Call Manager/5.0.1\r\n')
    const reader = new AmiFrameReader()
    // A client's actions have no banner: a first line that is not one is read as a header.
    reader.push('Asterisk Call Manager/client\r\n')
    s.on('data', (chunk) => {
      for (const f of reader.push(chunk)) if (f.kind === 'message') this.onAction(s, f.message.headers)
    })
  }

  private onAction(s: Socket, h: Record<string, string>): void {
    this.actions.push(h)
    const id = h.ActionID ? `ActionID: ${h.ActionID}\r\n` : ''
    const ok = (extra = ''): void => { void this.send(s, `Response: Success\r\n${id}${extra}\r\n`) }
    switch (h.Action) {
      case 'Login':
        if (h.Username === (this.o.username ?? 'agner') && h.Secret === (this.o.secret ?? 'secret')) {
          this.logins++
          this.loggedIn.add(s)
          ok('Message: Authentication accepted\r\n')
        } else {
          this.failedLogins++
          void this.send(s, `Response: Error\r\n${id}Message: Authentication failed\r\n\r\n`).then(() => s.end())
        }
        return
      case 'Ping': ok('Ping: Pong\r\n'); return
      case 'QueueStatus':
        ok('EventList: start\r\nMessage: Queue status will follow\r\n')
        for (const e of this.queueStatus) void this.send(s, `${e.replace(/\r?\n/g, '\r\n').replace(/(\r\n)*$/, '')}\r\n${id}\r\n`)
        void this.send(s, `Event: QueueStatusComplete\r\n${id}EventList: Complete\r\nListItems: ${this.queueStatus.length}\r\n\r\n`)
        return
      case 'QueuePause': {
        ok('Message: Interface paused successfully\r\n')
        // Echoed per queue the member is in (as QueueStatus listed it), under its MemberName, as Asterisk does.
        const members = this.queueStatus
          .map((e) => ({ iface: /Interface: (.*)/.exec(e)?.[1], name: /MemberName: (.*)/.exec(e)?.[1], queue: /Queue: (.*)/.exec(e)?.[1] }))
          .filter((m) => m.iface === h.Interface && (!h.Queue || m.queue === h.Queue))
        for (const m of members.length ? members : [{ name: h.Interface, queue: h.Queue ?? 'default' }]) {
          void this.event(`Event: QueueMemberPause\nPrivilege: agent,all\nQueue: ${m.queue}\nInterface: ${h.Interface}\nMemberName: ${m.name ?? h.Interface}\nPaused: ${h.Paused === 'true' ? 1 : 0}\nPausedReason: ${h.Reason ?? ''}`)
        }
        return
      }
      default:
        if (!this.loggedIn.has(s)) { void this.send(s, `Response: Error\r\n${id}Message: Permission denied\r\n\r\n`); return }
        ok()
    }
  }

  private send(c: Socket, text: string): Promise<void> {
    const next = (this.queues.get(c) ?? Promise.resolve()).then(() => this.write(c, text))
    this.queues.set(c, next)
    return next
  }

  private async write(c: Socket, text: string): Promise<void> {
    if (!this.o.splitWrites) { c.write(text); return }
    const b = Buffer.from(text)
    let i = 0
    while (i < b.length) {
      const n = 1 + Math.floor(Math.random() * 40)
      c.write(b.subarray(i, i + n))
      i += n
      if (Math.random() < 0.2) await new Promise((r) => setTimeout(r, 1))
    }
  }
}
