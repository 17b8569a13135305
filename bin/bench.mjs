#!/usr/bin/env node
// npm run bench -- NAME: runs bench/NAME.ts (figures and ratios printed; never fails on time).
import { existsSync, readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const names = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3))
const name = process.argv[2]
if (!name || !existsSync(join(root, 'bench', `${name}.ts`))) {
  console.log(`usage: npm run bench -- NAME   (one of: ${names.join(', ')})`)
  process.exit(name ? 2 : 0)
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(root, 'bench', `${name}.ts`), ...process.argv.slice(3)], { stdio: 'inherit', cwd: root })
process.exit(r.status ?? 1)
