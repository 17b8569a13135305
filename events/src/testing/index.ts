export * from './nats-server.ts'
export * from './sample-events.ts'
