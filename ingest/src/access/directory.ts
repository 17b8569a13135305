/**
 * The access directory in memory: users, teams, boards, tokens and sessions, loaded from the store
 * at start, written through on every change, and re-read every few seconds so that several Agner
 * processes on one store agree (a token revoked on one is refused by all within one sync).
 * Listeners hear every record that changed, local or synced, to close what a change revokes.
 */
import type { BoardRecord, SessionRecord, TeamRecord, TokenRecord, UserRecord, Versioned } from './records.ts'
import type { AccessTables } from './store/access-tables.ts'
import type { VersionedTable } from './store/versioned-table.ts'

export type Change =
  | { table: 'users'; before?: UserRecord; after: UserRecord }
  | { table: 'teams'; before?: TeamRecord; after: TeamRecord }
  | { table: 'boards'; before?: BoardRecord; after: BoardRecord }
  | { table: 'tokens'; before?: TokenRecord; after: TokenRecord }
  | { table: 'sessions'; before?: SessionRecord; after: SessionRecord }

type Tables = { users: UserRecord; teams: TeamRecord; boards: BoardRecord; tokens: TokenRecord; sessions: SessionRecord }
type TableName = keyof Tables

/** Clock skew between processes that a sync still catches. */
const SYNC_OVERLAP_MS = 60_000

export class AccessDirectory {
  private readonly maps: { [K in TableName]: Map<string, Tables[K]> } = {
    users: new Map(), teams: new Map(), boards: new Map(), tokens: new Map(), sessions: new Map(),
  }
  private readonly listeners = new Set<(c: Change) => void>()
  private lastVersion = 0
  private syncedTo = 0
  private timer?: NodeJS.Timeout

  constructor(private readonly tables: AccessTables, private readonly now: () => number = Date.now) {}

  async load(): Promise<void> {
    await this.sync(0)
  }

  /** Re-reads what changed in the store since the last sync (by any process). */
  async sync(since = Math.max(0, this.syncedTo - SYNC_OVERLAP_MS)): Promise<void> {
    const startedAt = this.now()
    for (const name of Object.keys(this.maps) as TableName[]) {
      const table = this.tables[name] as unknown as VersionedTable<Tables[typeof name]>
      for (const r of await table.read(since)) this.apply(name, r)
    }
    this.syncedTo = startedAt
  }

  startSync(everyMs: number, onError: (err: unknown) => void): void {
    this.timer = setInterval(() => { this.sync().catch(onError) }, everyMs)
    this.timer.unref()
  }

  private readonly stopHooks: Array<() => void> = []
  onStop(hook: () => void): void { this.stopHooks.push(hook) }

  stop(): void {
    clearInterval(this.timer)
    for (const h of this.stopHooks.splice(0)) h()
  }

  onChange(listener: (c: Change) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A version newer than any this process has written or seen. */
  version(): number {
    this.lastVersion = Math.max(this.now(), this.lastVersion + 1)
    return this.lastVersion
  }

  async save<K extends TableName>(name: K, record: Tables[K]): Promise<Tables[K]> {
    const stamped = { ...record, updatedMs: this.version() }
    // The map from table name to record type is exact; TypeScript cannot follow it through the index.
    await (this.tables[name] as unknown as VersionedTable<Tables[K]>).write([stamped])
    this.apply(name, stamped)
    return stamped
  }

  get<K extends TableName>(name: K, key: string): Tables[K] | undefined {
    return this.maps[name].get(key)
  }

  list<K extends TableName>(name: K): Tables[K][] {
    return [...this.maps[name].values()]
  }

  userByName(username: string): UserRecord | undefined {
    const wanted = username.normalize('NFC').toLowerCase()
    for (const u of this.maps.users.values()) if (!u.deleted && u.username.toLowerCase() === wanted) return u
    return undefined
  }

  /** A session another process created after our last sync: looked up in the store once. */
  async fetchSession(idHash: string): Promise<SessionRecord | undefined> {
    const found = await this.tables.sessions.read(0, { column: 'idHash', value: idHash })
    for (const r of found) this.apply('sessions', r)
    return this.maps.sessions.get(idHash)
  }

  private apply<K extends TableName>(name: K, record: Tables[K]): void {
    const key = keyOf(name, record)
    const map = this.maps[name] as Map<string, Versioned>
    const before = map.get(key) as Tables[K] | undefined
    if (before && before.updatedMs >= record.updatedMs && before !== record) return
    map.set(key, record)
    this.lastVersion = Math.max(this.lastVersion, record.updatedMs)
    const change = { table: name, before, after: record } as Change
    for (const l of this.listeners) l(change)
  }
}

function keyOf(name: TableName, r: Tables[TableName]): string {
  return name === 'sessions' ? (r as SessionRecord).idHash : (r as { id: string }).id
}
