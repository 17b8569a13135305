/** A metric's value as a wallboard shows it: percent, m:ss, or a whole number; "—" when there is none. */
import { METRICS, type MetricId } from '@agner/boards'
import { duration, percent } from '../format'

export function formatMetric(id: MetricId, v: number | null): string {
  const unit = METRICS[id].unit
  if (v === null) return '—'
  return unit === 'percent' ? percent(v) : unit === 'duration' ? duration(v) : String(Math.round(v))
}

/** The short form of a queue name "中文 / English" (the part after " / "), for tight spots on a board. */
export function shortQueueName(name: string): string {
  return name.split(' / ').pop()!
}
