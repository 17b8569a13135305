/**
 * Spawns a real `nats-server -js` on a free port with a temporary store, for tests and benchmarks
 * that need to kill and restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server'

export class NatsServerProcess {
  private child?: ChildProcess
  private constructor(readonly port: number, readonly storeDir: string, private readonly extraArgs: string[]) {}

  get url(): string { return `nats://127.0.0.1:${this.port}` }

  static async start(extraArgs: string[] = []): Promise<NatsServerProcess> {
    const s = new NatsServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'agner-nats-')), extraArgs)
    await s.restart()
    return s
  }

  /** Starts (again) on the same port and store. */
  async restart(): Promise<void> {
    await this.stop()
    this.child = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    this.child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000) })
    const deadline = Date.now() + 10_000
    while (!(await canConnect(this.port))) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`nats-server did not start on port ${this.port}: ${stderr || 'no output'}; install it with apt-get install nats-server`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** Stops the server; `signal` SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const c = this.child
    if (!c || c.exitCode !== null) return
    await new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill(signal) })
    this.child = undefined
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.storeDir, { recursive: true, force: true })
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** Whether something accepts TCP connections on 127.0.0.1:port (a spawned server is up). */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tcpConnect(port, '127.0.0.1')
    sock.once('connect', () => { sock.destroy(); resolve(true) })
    sock.once('error', () => resolve(false))
  })
}
