/**
 * The server process: configuration read and validated once, everything started (runtime.ts),
 * the URL printed, and a graceful shutdown on SIGINT/SIGTERM that drains the store writer.
 * The HTTP application itself is built by buildApp() in server/app.ts.
 */
import { loadConfig } from './config.ts'
import { startAgner } from './runtime.ts'
import type { SeedResult } from './seed-history.ts'
import type { BootstrapResult } from './access/bootstrap.ts'

export async function runServer(): Promise<void> {
  const agner = await startAgner(loadConfig(), {
    onSeed: (phase, detail) => {
      if (phase === 'start') console.log(`  First start: simulating ${String(detail)} weeks of the demo center's history into the store…`)
      else { const r = detail as SeedResult; console.log(`  History seeded: ${r.contacts.toLocaleString('en')} contacts, ${r.events.toLocaleString('en')} events in ${(r.wallMs / 1000).toFixed(1)} s.`) }
    },
  })
  const c = agner.config
  console.log(`\n  Agner is running: ${agner.url}\n`)
  console.log(`  bus: ${agner.bus.kind === 'jetstream' ? `NATS JetStream (${c.natsUrl})` : 'in-process'}`)
  console.log(`  store: ${agner.store.kind === 'server' ? `ClickHouse server (${c.clickhouseUrl})` : `chDB in ${c.dataDir}`}`)
  console.log(`  time zone: ${c.timeZone}${c.demo ? `; live demo center at ${c.demoRate / 5}× its real volume (AGNER_DEMO_RATE=${c.demoRate})` : ''}\n`)
  console.log(credentialsText(agner.bootstrap))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    console.log(`\n  ${signal}: draining the writer and stopping…`)
    agner.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1) })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/** The accounts created at this start, with their passwords: printed once, never stored. */
function credentialsText(b: BootstrapResult): string {
  if (b.created.length === 0) {
    return '  Sign in with your account. Lost the admin password? Stop Agner and run: npm run agner -- reset-password admin\n'
  }
  const lines = ['  Accounts created now (the passwords are shown only this once; write them down):']
  for (const c of b.created) {
    const shown = c.generated ? c.password : '(from AGNER_ADMIN_PASSWORD)'
    lines.push(`    ${c.role.padEnd(10)} user: ${c.username.padEnd(11)} password: ${shown}`)
  }
  lines.push('  Change a password on the web under your name (top right), or with: npm run agner -- reset-password USER', '')
  return lines.join('\n')
}
