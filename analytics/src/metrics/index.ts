export * from './visit.ts'
export * from './counters.ts'
export * from './formulas.ts'
