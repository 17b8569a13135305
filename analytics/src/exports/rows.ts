/** A section's rows, whether held in memory or streamed from the store. */
import type { Row, Section } from '../reports/types.ts'

export async function* sectionRows(s: Section): AsyncIterable<Row> {
  if (s.stream) { yield* s.stream(); return }
  yield* s.rows
}
