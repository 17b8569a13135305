/**
 * The demo center's WFM rules until a planner saves their own: its agents work six 8-hour days a
 * week (8.5 h with an unpaid lunch: the simulated history staffs the center that way), plus the
 * standard templates and part-time contract, and 10 % shrinkage.
 */
import { DEFAULT_CONTRACTS, type Contract } from '@agner/wfm'
import type { WfmRules } from './schedule-types.ts'

const SIX_DAY: Contract = {
  id: 'six-day', name: 'Six days × 8 h', names: { en: 'Six days × 8 h', 'zh-CN': '每周六天 × 8 小时' }, minHoursPerDay: 8, maxHoursPerDay: 8, minHoursPerWeek: 40, maxHoursPerWeek: 48, daysOffPerWeek: 1,
  maxConsecutiveDays: 6, earliestStartMin: 6 * 60, latestEndMin: 30 * 60, minRestHours: 11, templates: ['full-day', 'night'],
}

export const DEMO_WFM_RULES: Partial<WfmRules> = { contracts: [...DEFAULT_CONTRACTS, SIX_DAY], defaultContractId: 'six-day', shrinkage: 0.1 }
