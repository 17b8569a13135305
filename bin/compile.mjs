// Compiles Agner's TypeScript entry points to plain JavaScript with esbuild before they run, so
// `agner` and the benchmarks run without a TypeScript loader in the process. tsx's loader runs its
// hooks on a thread of its own with a second V8 heap (about 30 MB resident); a bundle needs none,
// and starts faster. Takes about 0.2 s, on every start, so the code that runs is always the code
// in the tree.
//
// Agner's own packages (@agner/*) are bundled; every other package stays an import of
// node_modules, loaded only when the code asks for it (dynamic imports become chunks of their own,
// so exceljs, pdfmake or chDB are loaded only when used, as they are under tsx).
//
// Output: node_modules/.cache/agner/<name>-<hash>/, one folder per distinct build, written under a
// temporary name and renamed into place, so processes starting at once never read a half-written
// file. Source maps are written beside the code; `NODE_OPTIONS=--enable-source-maps` makes stack
// traces name the TypeScript files and lines.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Node's flags for Agner processes: young generation 2 × 4 MB (bin/agner.mjs's #! line says the same). */
export const NODE_FLAGS = ['--max-semi-space-size=4']
const CACHE = join(ROOT, 'node_modules', '.cache', 'agner')
// A build unused for a week is removed (a running process loads its chunks lazily, so never sooner).
const KEEP_MS = 7 * 24 * 3_600_000

/** Third-party packages are left to node_modules; relative paths and @agner/* are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@agner/') ? undefined : { path: a.path, external: true }))
  },
}

/**
 * Compiles `entries` (paths relative to the repository root) into one folder named `name`-hash and
 * returns a map from each entry's base name (without extension) to its compiled file.
 */
export async function compile(name, entries) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    entryNames: '[name]',
    chunkNames: 'chunk-[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    // Bundled code keeps working names for stack traces and class names.
    keepNames: true,
    outdir: join(CACHE, 'out'),
    write: false,
    logLevel: 'warning',
    plugins: [externalPackages],
  })
  const hash = createHash('sha256')
  for (const f of result.outputFiles) hash.update(f.path).update(f.contents)
  const dir = join(CACHE, `${name}-${hash.digest('hex').slice(0, 16)}`)
  if (!existsSync(dir)) {
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`
    const outRoot = join(CACHE, 'out')
    for (const f of result.outputFiles) {
      const target = join(tmp, relative(outRoot, f.path))
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, f.contents)
    }
    try {
      renameSync(tmp, dir)
    } catch {
      // Another process renamed the same build into place first: theirs is identical.
      rmSync(tmp, { recursive: true, force: true })
    }
    prune(name, dir)
  } else {
    // Marks the build as used now, so prune() keeps it while it is in use (best effort: a
    // read-only install can still run a build made when it was installed).
    const now = new Date()
    try { utimesSync(dir, now, now) } catch { /* not ours to touch */ }
  }
  return Object.fromEntries(entries.map((e) => {
    const base = basename(e).replace(/\.[cm]?ts$/, '')
    return [base, join(dir, `${base}.js`)]
  }))
}

/** Removes this name's other builds that nobody has started for a week. */
function prune(name, keep) {
  const now = Date.now()
  for (const d of readdirSync(CACHE)) {
    const path = join(CACHE, d)
    if (path === keep || !d.startsWith(`${name}-`)) continue
    try {
      if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true })
    } catch { /* pruned by another process */ }
  }
}
