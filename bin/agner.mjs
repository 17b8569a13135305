#!/usr/bin/env node
// The agner CLI. Agner's packages are TypeScript run through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../ingest/src/cli/main.ts')
await main(process.argv.slice(2))
