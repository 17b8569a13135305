export * from './live-types.ts'
export * from './metrics.ts'
export * from './layout.ts'
