export * from './demo-center.ts'
export * from './demo-access.ts'
export * from './demo-history.ts'
