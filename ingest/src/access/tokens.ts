/** A new API token or display link: the record to store and the secret to show once. */
import { uuidv7 } from '@agner/events'
import type { TokenScope } from './permissions.ts'
import type { TokenRecord } from './records.ts'
import { formatToken, hashSecret, newSecret, type TokenKind } from './secrets.ts'

export function newToken(kind: TokenKind, fields: { name: string; scopes?: TokenScope[]; boardId?: string; createdBy: string }, now = Date.now()): { record: TokenRecord; token: string } {
  const id = uuidv7(now)
  const secret = newSecret()
  return {
    token: formatToken(kind, id, secret),
    record: {
      id, kind, name: fields.name, secretHash: hashSecret(secret), scopes: fields.scopes ?? [], boardId: fields.boardId ?? '',
      createdBy: fields.createdBy, createdMs: now, revokedMs: 0, lastUsedMs: 0, updatedMs: 0,
    },
  }
}
