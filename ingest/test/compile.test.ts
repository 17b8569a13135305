/**
 * bin/compile.mjs, which `agner` and the benchmarks run through: Agner's packages bundled, other
 * packages left to node_modules, and starts that compile at once all get one intact build.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs module of the repository's bin/, without type declarations
import { compile } from '../../bin/compile.mjs'

type Compile = (name: string, entries: string[]) => Promise<Record<string, string>>
const run = compile as Compile
const NAME = `test-${process.pid}`
const built: string[] = []
afterAll(() => { for (const f of built) rmSync(dirname(f), { recursive: true, force: true }) })

it('bundles Agner\'s code, keeps other packages as imports, and the result runs without a TypeScript loader', async () => {
  // milp.ts imports Agner's own modules (bundled) and the npm package highs (left as an import).
  const { milp } = await run(NAME, ['wfm/src/scheduling/milp.ts'])
  built.push(milp!)
  expect(existsSync(milp!)).toBe(true)
  expect(existsSync(`${milp}.map`)).toBe(true)
  const code = readFileSync(milp!, 'utf8')
  expect(code).toMatch(/from "highs"/)
  expect(code).not.toMatch(/\.ts"/)
  // Solved by plain node, no loader: min −x − y with x + y ≤ 4, x, y integers in 0–10 → −4.
  const script = `const { MilpBuilder, solveMilp } = await import(${JSON.stringify(milp)});
    const b = new MilpBuilder(); const r = b.addRow(-Infinity, 4);
    for (let k = 0; k < 2; k++) b.addColumn({ cost: -1, lower: 0, upper: 10, integer: true, rows: [r], values: [1] });
    console.log(Math.round((await solveMilp(b)).objective))`
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(out.stderr).toBe('')
  expect(out.stdout.trim()).toBe('-4')
})

it('starts compiling at once get the same build, whole', async () => {
  const results = await Promise.all([1, 2, 3, 4].map(() => run(NAME, ['wfm/src/scheduling/milp.ts'])))
  const files = new Set(results.map((r) => r.milp))
  expect(files.size).toBe(1)
  const [file] = [...files]
  built.push(file!)
  expect(readFileSync(file!, 'utf8').length).toBeGreaterThan(1000)
})
