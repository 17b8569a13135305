/**
 * First run: an `admin` account (password from AGNER_ADMIN_PASSWORD, or generated) and, for the
 * demo center, its teams, boards and one user per role. Generated passwords are returned once, to
 * be printed; nothing is created twice, so later starts return no passwords.
 */
import { uuidv5 } from '@agner/events'
import { DEMO_BOARDS, DEMO_TEAMS, DEMO_USERS } from '@agner/seeds'
import type { AccessDirectory } from './directory.ts'
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts'
import type { Role } from './permissions.ts'
import type { UserRecord } from './records.ts'

export interface Credential { username: string; role: Role; password: string; generated: boolean }

export interface BootstrapResult { created: Credential[]; adminExisted: boolean }

export async function bootstrapAccess(dir: AccessDirectory, opts: { tenant: string; adminPassword?: string; demo: boolean }): Promise<BootstrapResult> {
  const created: Credential[] = []
  const now = Date.now()
  const id = (kind: string, key: string): string => uuidv5(`${opts.tenant}/${kind}/${key}`)
  const newUser = async (u: { username: string; displayName: string; role: Role; teamIds: string[]; agentId?: string; password?: string }): Promise<void> => {
    const password = u.password ?? generatePassword()
    const record: UserRecord = {
      id: id('user', u.username), username: u.username, displayName: u.displayName, passwordHash: await hashPassword(password), role: u.role,
      teamIds: u.teamIds, agentId: u.agentId ?? '', pii: u.role === 'admin', locale: '', theme: '', disabled: false, deleted: false, createdMs: now, updatedMs: 0,
    }
    await dir.save('users', record)
    created.push({ username: u.username, role: u.role, password, generated: u.password === undefined })
  }

  const adminExisted = dir.list('users').some((u) => u.role === 'admin' && !u.deleted)
  if (!adminExisted) {
    if (opts.adminPassword !== undefined) {
      const problem = passwordProblem(opts.adminPassword)
      if (problem) throw new Error(`AGNER_ADMIN_PASSWORD is not usable: ${problem}`)
    }
    await newUser({ username: 'admin', displayName: 'Administrator', role: 'admin', teamIds: [], password: opts.adminPassword })
  }
  if (!opts.demo) return { created, adminExisted }

  for (const t of DEMO_TEAMS) {
    if (dir.get('teams', id('team', t.key))) continue
    await dir.save('teams', { id: id('team', t.key), name: t.name, queueIds: t.queueIds, deleted: false, createdMs: now, updatedMs: 0 })
  }
  for (const b of DEMO_BOARDS) {
    if (dir.get('boards', id('board', b.key))) continue
    await dir.save('boards', {
      id: id('board', b.key), name: b.name, teamId: b.team ? id('team', b.team) : '', queueIds: b.queueIds, layout: JSON.stringify(b.layout),
      deleted: false, createdBy: 'demo', createdMs: now, updatedMs: 0,
    })
  }
  for (const u of DEMO_USERS) {
    if (dir.get('users', id('user', u.username)) || dir.userByName(u.username)) continue
    await newUser({ username: u.username, displayName: u.displayName, role: u.role, teamIds: u.teams.map((t) => id('team', t)), agentId: u.agentId })
  }
  return { created, adminExisted }
}
