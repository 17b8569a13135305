#!/usr/bin/env -S node --max-semi-space-size=4
// The agner CLI. Agner's packages are TypeScript; bin/compile.mjs bundles them to JavaScript
// (about 0.2 s) and this runs the bundle. `--max-semi-space-size=4` keeps V8's young generation
// at 2 × 4 MB instead of growing to 2 × 16 MB; see README "Memory".
import { compile } from './compile.mjs'

const { main: entry } = await compile('agner', ['ingest/src/cli/main.ts'])
const { main } = await import(entry)
await main(process.argv.slice(2))
