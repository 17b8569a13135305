/**
 * Alerts wired to a running Agner: the live engine's figures, the PBX sources' states, and
 * adherence against the published schedule (the same figures as Workforce → Adherence).
 */
import type { Store } from '@agner/analytics'
import type { LiveEngine } from '../live/engine.ts'
import type { SourcesService } from '../sources/sources-service.ts'
import { rtaRows } from '../wfm/rta.ts'
import { withAuxReasons } from '@agner/wfm'
import { defaultRules } from '../wfm/schedule-input.ts'
import { getRules, PublishedSchedules } from '../wfm/schedule-store.ts'
import type { WfmRules } from '../wfm/schedule-types.ts'
import { weekStartIn } from '../wfm/week.ts'
import { AlertsService } from './alerts-service.ts'

export interface AlertsSetup { store: Store; tenant: string; timeZone: string; engine: LiveEngine; sources?: SourcesService; wfmDefaults?: Partial<WfmRules>; appUrl?: string; auxReasons?: () => ReadonlyArray<{ code: string; productive?: boolean }> }

export async function startAlerts(o: AlertsSetup): Promise<AlertsService> {
  const published = new PublishedSchedules(o.store.client, o.tenant)
  const alerts = new AlertsService({
    store: o.store, tenant: o.tenant, snapshot: (now) => o.engine.snapshot(now), log: (msg) => console.warn(msg), ...(o.appUrl ? { appUrl: o.appUrl } : {}),
    ...(o.sources ? {
      sources: () => o.sources!.list().map(({ spec, status: s }) => ({
        id: spec.id, name: spec.name || spec.id, connected: s.phase === 'connected' || s.phase === 'disabled' || s.phase === 'stopped',
        ...(s.problem ? { problem: s.problem.text } : { problem: s.said.text }),
      })),
    } : {}),
    adherence: async (now) => {
      const s = await published.of(weekStartIn(now, o.timeZone))
      if (!s) return []
      const rules = (await getRules(o.store.client, o.tenant)) ?? { ...defaultRules(), ...o.wfmDefaults }
      return rtaRows(s, o.engine.snapshot(now).agents, withAuxReasons(rules.adherence, o.auxReasons?.() ?? []), now)
    },
  })
  await alerts.start()
  return alerts
}
