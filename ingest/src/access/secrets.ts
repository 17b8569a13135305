/**
 * Bearer secrets (API tokens, display links, session ids): random, shown once, stored only as a
 * SHA-256 hash. A token reads `agn_<kind>_<id>.<secret>`, so the server finds the record by id and
 * compares hashes in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export type TokenKind = 'api' | 'display'
const PREFIX: Record<TokenKind, string> = { api: 'agn_t_', display: 'agn_d_' }

export function newSecret(bytes = 32): string { return randomBytes(bytes).toString('base64url') }

export function hashSecret(secret: string): string { return createHash('sha256').update(secret).digest('hex') }

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

export function formatToken(kind: TokenKind, id: string, secret: string): string { return `${PREFIX[kind]}${id}.${secret}` }

export function parseToken(text: string): { kind: TokenKind; id: string; secret: string } | undefined {
  const m = /^agn_([td])_([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(text)
  if (!m) return undefined
  return { kind: m[1] === 't' ? 'api' : 'display', id: m[2]!, secret: m[3]! }
}
