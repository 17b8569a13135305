/** Runs `agner start` as a child process (the real CLI), to kill and restart it in tests. */
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

export class AgnerProcess {
  private child?: ChildProcess
  output = ''
  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 60_000): Promise<void> {
    this.output = ''
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'agner.mjs'), 'start'], {
      cwd: ROOT, env: { ...process.env, AGNER_LOG_LEVEL: 'warn', ...this.env }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    child.stdout?.on('data', (d: Buffer) => { this.output = (this.output + d.toString()).slice(-20_000) })
    child.stderr?.on('data', (d: Buffer) => { this.output = (this.output + d.toString()).slice(-20_000) })
    const end = Date.now() + timeoutMs
    while (!this.output.includes('Agner is running')) {
      if (child.exitCode !== null) throw new Error(`agner start exited with ${child.exitCode}: ${this.output}`)
      if (Date.now() > end) throw new Error(`agner start did not come up: ${this.output}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const c = this.child
    if (!c || c.exitCode !== null) return c?.exitCode ?? null
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code, sig) => {
      // A process ended by a signal (a crash while stopping) says which, with what it printed last.
      if (code === null && signal !== 'SIGKILL') console.error(`agner ended by ${sig} after ${signal}:\n${this.output.slice(-3000)}`)
      resolve(code)
    }))
    c.kill(signal)
    const code = await exited
    this.child = undefined
    return code
  }
}
