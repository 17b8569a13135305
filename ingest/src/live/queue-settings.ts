/** Per-queue live settings: display name and the service-level definition (DESIGN §4). */
import type { ServiceLevelFormula } from '@agner/analytics'

export interface QueueSettings {
  name: string
  /** T, ms (default 20 s). */
  serviceLevelMs: number
  /** S, ms (default 5 s). */
  shortAbandonMs: number
  formula: ServiceLevelFormula
  flowOutsInDenominator: boolean
}

export const DEFAULT_QUEUE_SETTINGS: Omit<QueueSettings, 'name'> = {
  serviceLevelMs: 20_000, shortAbandonMs: 5_000, formula: 'ignore_short_abandons', flowOutsInDenominator: false,
}
