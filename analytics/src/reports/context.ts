/** What a report needs besides its filters: the store, the center's zone and language, queue settings and names. */
import type { ClickHouseClient } from '@clickhouse/client'
import type { ServiceLevelFormula } from '../metrics/formulas.ts'
import { labels, type Translate } from './labels.ts'
import type { Locale } from './types.ts'
import { codeName, type CenterCodes, type CodeKind } from '@agner/events'

export interface QueueReportSettings {
  name: string
  serviceLevelMs: number
  shortAbandonMs: number
  formula: ServiceLevelFormula
  flowOutsInDenominator: boolean
}

export interface ReportContext {
  client: ClickHouseClient
  tenant: string
  timeZone: string
  locale: Locale
  queue: (id: string) => QueueReportSettings
  agentName: (id: string) => string
  /** The center's own disposition and aux reason codes with their names (built-in codes are named anyway). */
  codes?: CenterCodes
  /** Callers' numbers unmasked. */
  pii: boolean
  /** Who asked, for the export's header. */
  requestedBy?: string
  now?: number
}

export const t = (ctx: ReportContext): Translate => labels(ctx.locale)

/** A code's display name in the report's language: a channel, a disposition, an aux reason. */
export const nameOf = (ctx: ReportContext, kind: CodeKind, code: string): string => (code ? codeName(kind, code, ctx.locale, ctx.codes) : '')
