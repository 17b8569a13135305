/** What a report needs besides its filters: the store, the center's zone and language, queue settings and names. */
import type { ClickHouseClient } from '@clickhouse/client'
import type { ServiceLevelFormula } from '../metrics/formulas.ts'
import { labels, type Translate } from './labels.ts'
import type { Locale } from './types.ts'

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
  /** A disposition or aux reason code's display name in this report's language (the code itself when unnamed). */
  codeName?: (code: string) => string
  /** Callers' numbers unmasked. */
  pii: boolean
  /** Who asked, for the export's header. */
  requestedBy?: string
  now?: number
}

export const t = (ctx: ReportContext): Translate => labels(ctx.locale)
