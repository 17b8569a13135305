/**
 * Runtime validation of canonical events: one `validateEvent` that either returns the typed event
 * or every problem found, each in plain words ("data.waitMs must be 0 or more").
 */
import { TypeCompiler, type TypeCheck, type ValueError, ValueErrorType } from '@sinclair/typebox/compiler'
import type { TSchema } from '@sinclair/typebox'
import { envelopeSchema } from './schema/envelope.ts'
import { dataSchemas, EVENT_TYPES, type EventType } from './schema/data.ts'
import type { CanonicalEvent } from './types.ts'
import { MAX_EVENT_DEPTH, nestedDeeperThan } from './nesting.ts'

export type Validation =
  | { ok: true; event: CanonicalEvent }
  | { ok: false; problems: string[]; id?: string; type?: string }

export interface ValidateOptions {
  /** Reference "now" for the future-timestamp check; defaults to Date.now(). */
  now?: number
  /** How far ahead of now an event's time may be (clock skew), in ms. Default 5 minutes. */
  maxFutureMs?: number
}

const envelopeCheck = TypeCompiler.Compile(envelopeSchema)
const dataChecks = new Map<string, TypeCheck<TSchema>>(
  EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(dataSchemas[t])]),
)

const DEFAULT_MAX_FUTURE_MS = 5 * 60_000

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && dataChecks.has(type)
}

export function validateEvent(input: unknown, opts: ValidateOptions = {}): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [`an event must be a JSON object, got ${describe(input)}`] }
  }
  const e = input as Record<string, unknown>
  const id = typeof e.id === 'string' ? e.id : undefined
  const type = typeof e.type === 'string' ? e.type : undefined
  // Checked first: the schema checks below recurse, and a hostile depth would overflow the stack.
  if (nestedDeeperThan(e, MAX_EVENT_DEPTH)) {
    return { ok: false, problems: [`the event is nested deeper than ${MAX_EVENT_DEPTH} levels; no event type has that shape`], ...(id ? { id } : {}), ...(type ? { type } : {}) }
  }
  const problems: string[] = []

  if (!envelopeCheck.Check(e)) problems.push(...explain(envelopeCheck.Errors(e), ''))
  if (type === undefined) {
    if (!('type' in e)) problems.push('type is missing')
  } else if (!dataChecks.has(type)) {
    problems.push(`type "${type}" is not a known event type`)
  } else if (typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data)) {
    const check = dataChecks.get(type)!
    if (!check.Check(e.data)) problems.push(...explain(check.Errors(e.data), 'data'))
  }
  if (type?.startsWith('contact.') && e.contactId === undefined) problems.push(`contactId is required for ${type}`)
  if (type?.startsWith('agent.') && e.agentId === undefined) problems.push(`agentId is required for ${type}`)
  if ((type === 'contact.queued' || type === 'contact.dequeued') && e.queueId === undefined) {
    problems.push(`queueId is required for ${type}`)
  }
  if (typeof e.time === 'number') {
    const now = opts.now ?? Date.now()
    const ahead = e.time - now
    if (ahead > (opts.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS)) {
      problems.push(`time is ${formatAhead(ahead)} in the future; check the source's clock`)
    }
  }
  if (problems.length > 0) return { ok: false, problems: unique(problems), id, type }
  return { ok: true, event: e as unknown as CanonicalEvent }
}

function explain(errors: Iterable<ValueError>, prefix: string): string[] {
  const out: string[] = []
  const seenPaths = new Set<string>()
  for (const err of errors) {
    const path = joinPath(prefix, err.path)
    // Unions report one error per branch; the first, re-worded, says enough.
    if (seenPaths.has(path) && err.type !== ValueErrorType.ObjectRequiredProperty) continue
    seenPaths.add(path)
    out.push(word(path, err))
  }
  return out
}

function word(path: string, err: ValueError): string {
  const name = path || 'the event'
  const s = err.schema as Record<string, unknown>
  switch (err.type) {
    case ValueErrorType.ObjectRequiredProperty: return `${name} is missing`
    case ValueErrorType.ObjectAdditionalProperties: return `${name} is not a known field`
    case ValueErrorType.Integer: return `${name} must be a whole number, got ${describe(err.value)}`
    case ValueErrorType.Number: return `${name} must be a number, got ${describe(err.value)}`
    case ValueErrorType.String: return `${name} must be text, got ${describe(err.value)}`
    case ValueErrorType.Boolean: return `${name} must be true or false, got ${describe(err.value)}`
    case ValueErrorType.Object: return `${name} must be an object, got ${describe(err.value)}`
    case ValueErrorType.Array: return `${name} must be a list, got ${describe(err.value)}`
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return s.minimum === 0
        ? `${name} must be 0 or more, got ${describe(err.value)}`
        : `${name} must be at least ${String(s.minimum)}, got ${describe(err.value)}`
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `${name} must be at most ${String(s.maximum)}, got ${describe(err.value)}`
    case ValueErrorType.StringMinLength: return `${name} must not be empty`
    case ValueErrorType.StringMaxLength: return `${name} is longer than ${String(s.maxLength)} characters`
    case ValueErrorType.StringPattern: return `${name} has characters that are not allowed (${String(s.pattern)})`
    case ValueErrorType.ArrayMaxItems: return `${name} has more than ${String(s.maxItems)} items`
    case ValueErrorType.Union: {
      const options = (s.anyOf as Array<{ const?: unknown }> | undefined)?.map((o) => o.const).filter((c) => c !== undefined)
      return options?.length
        ? `${name} must be one of ${options.join(', ')}, got ${describe(err.value)}`
        : `${name} has the wrong shape`
    }
    default: return `${name}: ${err.message.toLowerCase()}`
  }
}

function joinPath(prefix: string, pointer: string): string {
  const parts = pointer.split('/').filter(Boolean)
  return [prefix, ...parts].filter(Boolean).join('.')
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (typeof v === 'object') return 'an object'
  return String(v)
}

function formatAhead(ms: number): string {
  const days = ms / 86_400_000
  if (days >= 1) return `${Math.round(days)} days`
  const minutes = ms / 60_000
  return minutes >= 60 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes)} minutes`
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}
