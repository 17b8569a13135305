/**
 * Spawns a real MariaDB server (Debian's `mariadb-server`) on a free port with a temporary data
 * directory, for tests that read Asterisk's realtime queue_log table. `sql()` runs statements as
 * root over the server's socket.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { canConnect, freePort } from '@agner/events/testing'

const run = promisify(execFile)

export class MariaDbProcess {
  private child?: ChildProcess
  private constructor(readonly port: number, readonly dir: string) {}

  get socket(): string { return join(this.dir, 'mysqld.sock') }

  static async start(): Promise<MariaDbProcess> {
    const m = new MariaDbProcess(await freePort(), mkdtempSync(join(tmpdir(), 'agner-mariadb-')))
    try {
      await run('mariadb-install-db', ['--no-defaults', `--datadir=${join(m.dir, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 120_000 })
    } catch (err) {
      throw new Error(`mariadb-install-db failed (${(err as Error).message.slice(0, 300)}); install the server with apt-get install mariadb-server`)
    }
    await m.restart()
    return m
  }

  async restart(): Promise<void> {
    await this.stop()
    this.child = spawn('mariadbd', [
      '--no-defaults', `--datadir=${join(this.dir, 'data')}`, `--port=${this.port}`, '--bind-address=127.0.0.1', `--socket=${this.socket}`,
      '--user=root', `--pid-file=${join(this.dir, 'mysqld.pid')}`, '--skip-log-bin', '--innodb-buffer-pool-size=16M', '--skip-name-resolve',
    ], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    this.child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000) })
    const deadline = Date.now() + 60_000
    while (!(await canConnect(this.port))) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`mariadbd did not start on port ${this.port}: ${stderr || 'no output'}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Statements as root over the socket. */
  async sql(statements: string): Promise<string> {
    const { stdout } = await run('mariadb', ['--no-defaults', `--socket=${this.socket}`, '-uroot', '-N', '-e', statements], { timeout: 30_000 })
    return stdout
  }

  async stop(): Promise<void> {
    const c = this.child
    if (!c || c.exitCode !== null) return
    await new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill('SIGTERM') })
    this.child = undefined
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
