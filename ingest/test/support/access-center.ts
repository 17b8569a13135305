/**
 * The demo center with no traffic, listening on a free port: its teams, boards and one user per
 * role (their one-time passwords come back from the first start), plus a known admin password.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv5, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { loadConfig, startAgner, type Agner, type Config } from '../../src/index.ts'
import type { Role } from '../../src/access/permissions.ts'

export const ADMIN_PASSWORD = 'correct horse battery staple'

export interface AccessCenter {
  agner: Agner
  url: string
  passwords: Record<Role, string>
  usernames: Record<Role, string>
  /** Every created user's one-time password, by username. */
  byUser: Record<string, string>
  boards: { sales: string; service: string; center: string }
  teams: { sales: string; service: string }
  dataDir: string
  /** Publishes events and waits until the store writer stored them all (a test fixture's history). */
  publishStored(events: CanonicalEvent[]): Promise<void>
  dispose(): Promise<void>
}

/** `overrides.dataDir` reuses a store (a restart); it is then left in place on dispose. */
export async function startAccessCenter(overrides: Partial<Config> = {}): Promise<AccessCenter> {
  const own = overrides.dataDir === undefined
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'agner-access-'))
  const agner = await startAgner(loadConfig({}, {
    demo: true, demoRate: 0, demoHistoryWeeks: 0, demoSchedules: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC', adminPassword: ADMIN_PASSWORD, ...overrides,
  }), { web: false })
  // The first user of each role (the demo has a second agent, `agent2`: see `byUser`).
  const firstOfRole = agner.bootstrap.created.filter((c, i, all) => all.findIndex((x) => x.role === c.role) === i)
  const passwords = Object.fromEntries(firstOfRole.map((c) => [c.role, c.password])) as Record<Role, string>
  const usernames = Object.fromEntries(firstOfRole.map((c) => [c.role, c.username])) as Record<Role, string>
  const byUser = Object.fromEntries(agner.bootstrap.created.map((c) => [c.username, c.password]))
  const id = (kind: string, key: string): string => uuidv5(`default/${kind}/${key}`)
  return {
    agner, url: agner.url, passwords, usernames, byUser,
    boards: { sales: id('board', 'sales'), service: id('board', 'service'), center: id('board', 'center') },
    teams: { sales: id('team', 'sales'), service: id('team', 'service') },
    dataDir,
    publishStored: async (events) => {
      const before = agner.writer.stats.stored
      await agner.bus.publish(events)
      const until = Date.now() + 20_000
      while (agner.writer.stats.stored - before < events.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      if (agner.writer.stats.stored - before < events.length) throw new Error(`only ${agner.writer.stats.stored - before} of ${events.length} events were stored within 20 s`)
    },
    dispose: async () => { await agner.close(); if (own) rmSync(dataDir, { recursive: true, force: true }) },
  }
}
