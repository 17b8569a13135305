/** The reports by name: what the API, the CLI and scheduled reports run. */
import { agentPerformance, agentTimeline } from './agent-reports.ts'
import { contactSearch, type ContactSearch } from './contact-reports.ts'
import type { ReportContext } from './context.ts'
import type { ReportFilters } from './filters.ts'
import { csatReport, dispositionReport } from './outcome-reports.ts'
import { abandonAnalysis, queuePerformance, serviceLevelReport } from './queue-reports.ts'
import type { ReportResult } from './types.ts'

export const REPORT_NAMES = ['queue-performance', 'service-level', 'abandons', 'agent-performance', 'agent-timeline', 'dispositions', 'contacts', 'csat'] as const
export type ReportName = (typeof REPORT_NAMES)[number]

export function isReportName(x: unknown): x is ReportName { return typeof x === 'string' && (REPORT_NAMES as readonly string[]).includes(x) }

export interface RunOptions {
  /** Agents the caller may see (team scope); undefined: all. */
  scopeAgents?: string[]
  contacts?: ContactSearch
}

export function runReport(name: ReportName, ctx: ReportContext, f: ReportFilters, o: RunOptions = {}): Promise<ReportResult> {
  switch (name) {
    case 'queue-performance': return queuePerformance(ctx, f)
    case 'service-level': return serviceLevelReport(ctx, f)
    case 'abandons': return abandonAnalysis(ctx, f)
    case 'agent-performance': return agentPerformance(ctx, f, o.scopeAgents)
    case 'agent-timeline': return agentTimeline(ctx, f, o.scopeAgents)
    case 'dispositions': return dispositionReport(ctx, f)
    case 'contacts': return contactSearch(ctx, f, o.contacts)
    case 'csat': return csatReport(ctx, f)
  }
}
