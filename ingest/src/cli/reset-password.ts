/**
 * `agner reset-password USER`: a new generated password for a user, printed once, and every
 * session of theirs ended. For a lost admin password. On chDB, stop the server first (chDB
 * binds its data directory to one process); on a ClickHouse server it works while Agner runs
 * (the running processes pick the change up within AGNER_ACCESS_SYNC_MS).
 */
import { createStore, migrate } from '@agner/analytics'
import { AccessDirectory } from '../access/directory.ts'
import { generatePassword, hashPassword } from '../access/passwords.ts'
import { Sessions } from '../access/sessions.ts'
import { accessTables } from '../access/store/access-tables.ts'
import { AuditLog } from '../access/store/audit-log.ts'
import { loadConfig, storeConfig } from '../config.ts'

export async function resetPasswordCommand(username: string): Promise<void> {
  const c = loadConfig()
  const store = await createStore(storeConfig(c))
  try {
    await migrate(store.client)
    const dir = new AccessDirectory(accessTables(store.client, c.tenant))
    await dir.load()
    const user = dir.userByName(username)
    if (!user) throw new Error(`there is no user "${username}" in tenant "${c.tenant}"; check the name (user names are not case-sensitive)`)
    const password = generatePassword()
    await dir.save('users', { ...user, passwordHash: await hashPassword(password), disabled: false })
    await new Sessions(dir, { idleMs: c.sessionIdleMs, absoluteMs: c.sessionAbsoluteMs }).endAllFor(user.id)
    await new AuditLog(store.client, c.tenant).record({
      actorId: '', actorName: 'agner reset-password', actorKind: 'system', action: 'user.update', target: user.username, ok: true, ip: '', detail: { changed: ['password'] },
    })
    console.log(`new password for ${user.username} (${user.role}): ${password}\nit is shown only now; every session of ${user.username} was ended.`)
  } finally {
    await store.close()
  }
}
