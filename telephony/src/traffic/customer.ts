/**
 * What simulated customers say after a contact: a survey answer for about one in four, and a
 * disposition code. Derived from the contact id (FNV-1a), not drawn from a random stream, so
 * adding them left every other draw of a seeded run as it was.
 */
function hash(contactId: string): number {
  let h = 2166136261
  for (let i = 0; i < contactId.length; i++) h = Math.imul(h ^ contactId.charCodeAt(i), 16777619) >>> 0
  return h
}

/** CSAT 1–5 for one contact in four; longer waits score lower. */
export function surveyAnswer(contactId: string, waitMs: number): number | undefined {
  const h = hash(contactId)
  if (h % 4 !== 0) return undefined
  const base = waitMs <= 20_000 ? 5 : waitMs <= 60_000 ? 4 : 3
  return Math.max(1, base - ((h >>> 8) % 3))
}

/** Disposition codes agents pick, weighted by repetition. */
export const DISPOSITIONS = ['resolved', 'resolved', 'resolved', 'follow_up', 'escalated', 'sale'] as const

export function dispositionFor(contactId: string): string {
  return DISPOSITIONS[(hash(contactId) >>> 4) % DISPOSITIONS.length]!
}
