export * from './demo-center.ts'
