/** NATS subject names, DESIGN §3. */
export const EVENTS_STREAM = 'AGNER_EVENTS'
export const DLQ_STREAM = 'AGNER_DLQ'
export const EVENTS_SUBJECTS = 'cc.*.events.>'
export const DLQ_SUBJECTS = 'cc.*.dlq'

export const eventSubject = (tenant: string, type: string): string => `cc.${tenant}.events.${type}`
export const dlqSubject = (tenant: string): string => `cc.${tenant}.dlq`

/** The tenant named in an event subject, or undefined when the subject is not one. */
export function tenantOfSubject(subject: string): string | undefined {
  if (!subject.startsWith('cc.')) return undefined
  const end = subject.indexOf('.', 3)
  return end > 3 ? subject.slice(3, end) : undefined
}
