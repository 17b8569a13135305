/** Asterisk queue_log: parse lines and map them to canonical events (pure; the file tailer is the edge's job). */
export * from './parse-line.ts'
export * from './map.ts'
export * from './tail.ts'
export * from './table-rows.ts'
export * from './table-reader.ts'
