/**
 * `agner erlang --volume N --interval SEC --aht SEC [--threshold SEC] [--sl 0.8] [--asa SEC]
 * [--max-occupancy 0.85] [--shrinkage 0.3] [--patience SEC] [--agents N] [--json]`: with --agents
 * it evaluates that staffing, otherwise it sizes. --patience selects Erlang A.
 */
import { evaluate, size, WfmInputError, type Staffing } from '@agner/wfm'

export interface ErlangArgs {
  volume?: string; interval?: string; aht?: string; threshold?: string; sl?: string; asa?: string
  'max-occupancy'?: string; shrinkage?: string; patience?: string; agents?: string; 'abandon-rate'?: string; json?: boolean
}

function num(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n)) throw new WfmInputError(field, `must be a number, got "${v}"`)
  return n
}

export function erlangResult(a: ErlangArgs): Staffing {
  const volume = num(a.volume, 'volume'), interval = num(a.interval, 'interval') ?? 1800, aht = num(a.aht, 'aht')
  if (volume === undefined) throw new WfmInputError('volume', 'give the contacts offered in the interval (--volume N)')
  if (aht === undefined) throw new WfmInputError('aht', 'give the average handle time in seconds (--aht SEC)')
  const patience = num(a.patience, 'patience')
  const load = { volume, intervalSec: interval, ahtSec: aht, ...(patience !== undefined ? { patienceSec: patience } : {}) }
  const threshold = num(a.threshold, 'threshold') ?? 20
  const shrinkage = num(a.shrinkage, 'shrinkage') ?? 0
  const agents = num(a.agents, 'agents')
  if (agents !== undefined) return evaluate(load, agents, threshold, shrinkage)
  const sl = num(a.sl, 'sl'), asa = num(a.asa, 'asa'), occ = num(a['max-occupancy'], 'max-occupancy'), ab = num(a['abandon-rate'], 'abandon-rate')
  const goals = {
    ...(sl !== undefined || (asa === undefined && ab === undefined && occ === undefined) ? { serviceLevel: sl ?? 0.8, slThresholdSec: threshold } : {}),
    ...(asa !== undefined ? { asaSec: asa } : {}), ...(occ !== undefined ? { maxOccupancy: occ } : {}), ...(ab !== undefined ? { abandonRate: ab } : {}),
  }
  return size(load, goals, shrinkage)
}

export function erlangCommand(a: ErlangArgs): void {
  const r = erlangResult(a)
  if (a.json) { console.log(JSON.stringify(r)); return }
  const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`)
  console.log(`${r.model === 'erlang-a' ? 'Erlang A' : 'Erlang C'}: ${r.trafficErlangs.toFixed(2)} Erlangs`)
  console.log(`  agents ${r.agents} (scheduled ${r.scheduledAgents}); service level ${pct(r.serviceLevel)} in ${a.threshold ?? 20} s; P(wait) ${pct(r.probWait)}; ASA ${r.asaSec.toFixed(1)} s (answered callers)${r.meanWaitAllSec !== undefined ? `; mean wait of all callers ${r.meanWaitAllSec.toFixed(1)} s (abandoners until they hung up)` : ''}; occupancy ${pct(r.occupancy)}${r.abandonRate !== undefined ? `; abandoned ${pct(r.abandonRate)}` : ''}`)
}
