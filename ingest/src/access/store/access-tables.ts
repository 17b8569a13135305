/** The access directory's tables (analytics/migrations/0005_access.sql). */
import type { ClickHouseClient } from '@clickhouse/client'
import type { BoardRecord, SessionRecord, TeamRecord, TokenRecord, UserRecord } from '../records.ts'
import { VersionedTable } from './versioned-table.ts'

export interface AccessTables {
  users: VersionedTable<UserRecord>
  teams: VersionedTable<TeamRecord>
  boards: VersionedTable<BoardRecord>
  tokens: VersionedTable<TokenRecord>
  sessions: VersionedTable<SessionRecord>
}

export function accessTables(client: ClickHouseClient, tenant: string): AccessTables {
  return {
    users: new VersionedTable<UserRecord>(client, tenant, { table: 'users', key: 'id', ints: ['createdMs', 'updatedMs'], bools: ['pii', 'disabled', 'deleted'] }),
    teams: new VersionedTable<TeamRecord>(client, tenant, { table: 'teams', key: 'id', ints: ['createdMs', 'updatedMs'], bools: ['deleted'] }),
    boards: new VersionedTable<BoardRecord>(client, tenant, { table: 'boards', key: 'id', ints: ['createdMs', 'updatedMs'], bools: ['deleted'] }),
    tokens: new VersionedTable<TokenRecord>(client, tenant, {
      table: 'access_tokens', key: 'id', ints: ['createdMs', 'revokedMs', 'lastUsedMs', 'updatedMs'], bools: [],
    }),
    sessions: new VersionedTable<SessionRecord>(client, tenant, {
      table: 'sessions', key: 'idHash', ints: ['createdMs', 'lastSeenMs', 'endedMs', 'updatedMs'], bools: [],
    }),
  }
}
