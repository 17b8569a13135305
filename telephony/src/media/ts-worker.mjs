// Runs a TypeScript worker entry (tests, `tsx`): registers tsx's loader in this thread first.
// The compiled build (bin/compile.mjs) starts media-worker.js directly and never loads this.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
