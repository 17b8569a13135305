#!/usr/bin/env node
// npm run bench -- NAME: runs bench/NAME.ts (figures and ratios printed; never fails on time),
// compiled as `agner` is (bin/compile.mjs) and with the same Node flags, so a benchmark measures
// the code and the memory settings that production runs.
import { existsSync, readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { compile, NODE_FLAGS, ROOT } from './compile.mjs'

const files = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.ts'))
const names = files.filter((f) => !f.startsWith('_')).map((f) => f.slice(0, -3))
const name = process.argv[2]
if (!name || !existsSync(join(ROOT, 'bench', `${name}.ts`))) {
  console.log(`usage: npm run bench -- NAME   (one of: ${names.join(', ')})`)
  process.exit(name ? 2 : 0)
}
// Every script, so the ones a benchmark starts in child processes are compiled beside it.
const built = await compile('bench', [...files.map((f) => `bench/${f}`), 'telephony/src/media/media-worker.ts'])
const r = spawnSync(process.execPath, [...NODE_FLAGS, '--expose-gc', built[name], ...process.argv.slice(3)], { stdio: 'inherit', cwd: ROOT })
process.exit(r.status ?? 1)
