#!/usr/bin/env -S node --max-semi-space-size=4
// The agner CLI. Agner's packages are TypeScript; bin/compile.mjs bundles them to JavaScript
// (about 0.2 s) and this runs the bundle. `--max-semi-space-size=4` keeps V8's young generation
// at 2 × 4 MB instead of growing to 2 × 16 MB; see README "Memory".
import { compile } from './compile.mjs'

/** Errors of a cache folder that cannot be written (a read-only or full install): tsx still runs Agner. */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC'])

let entry
try {
  entry = (await compile('agner', ['ingest/src/cli/main.ts', 'telephony/src/media/media-worker.ts'])).main
} catch (err) {
  if (!UNWRITABLE.has(err?.code)) throw err
  console.error(`agner: could not write the compiled code to node_modules/.cache/agner (${err.code}); running the TypeScript through tsx instead, which takes about 30 MB more memory.`)
  const { register } = await import('tsx/esm/api')
  register()
  entry = new URL('../ingest/src/cli/main.ts', import.meta.url).href
}
const { main } = await import(entry)
await main(process.argv.slice(2))
