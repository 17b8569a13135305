/** `npm run bench -- schedule` says the scheduler's problems in words (it printed "[object Object]"). */
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

it('prints each problem as its sentence', async () => {
  // 20 agents cannot cover a 200-agent requirement: the scheduler has problems to say.
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'bench.mjs'), 'schedule'], {
    cwd: ROOT, env: { ...process.env, BENCH_AGENTS: '20', BENCH_LIMIT_SEC: '5' }, timeout: 120_000,
  })
  const line = stdout.split('\n').find((l) => l.includes('problems:'))!
  expect(line).not.toContain('[object Object]')
  expect(line).toMatch(/problems: [A-Z].{20,}/)
}, 120_000)
