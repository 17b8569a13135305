/**
 * Numbered SQL migrations (`migrations/NNNN_name.sql`), applied in order at start, each recorded
 * in `schema_migrations`; every statement is idempotent (IF NOT EXISTS), so a crash halfway is
 * safe to re-run.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ClickHouseClient } from '@clickhouse/client'

// Found through the package, not this file's place: `agner` runs a bundle built elsewhere (bin/compile.mjs).
const MIGRATIONS_DIR = join(dirname(createRequire(import.meta.url).resolve('@agner/analytics/package.json')), 'migrations')

export interface Migration { version: number; name: string; statements: string[] }

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      statements: splitStatements(readFileSync(join(dir, file), 'utf8')),
    }))
}

/** Splits a file on `;` at line ends, dropping `--` comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export async function migrate(client: ClickHouseClient, migrations = loadMigrations()): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at_ms Int64)
            ENGINE = ReplacingMergeTree ORDER BY version`,
  })
  const rows = await client
    .query({ query: 'SELECT version FROM schema_migrations FINAL', format: 'JSONEachRow' })
    .then((r) => r.json<{ version: number }>())
  const done = new Set(rows.map((r) => Number(r.version)))
  const applied: string[] = []
  for (const m of migrations) {
    if (done.has(m.version)) continue
    for (const statement of m.statements) await client.command({ query: statement })
    await client.insert({
      table: 'schema_migrations', format: 'JSONEachRow',
      values: [{ version: m.version, name: m.name, applied_at_ms: Date.now() }],
    })
    applied.push(m.name)
  }
  return applied
}
