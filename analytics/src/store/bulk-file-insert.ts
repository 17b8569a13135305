/**
 * Large inserts into the embedded engine through a file. chDB parses an inline insert's data on
 * one thread; `INSERT … SELECT FROM file()` reads the same TabSeparated bytes with the engine's
 * parallel parser, about twice as fast for a batch of 200,000 events on a 2-core machine
 * (bench/README.md, "adapters"). The file lives in the data directory for the one insert and is
 * removed after it, whether the insert succeeded or not.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client'

/** Bodies from this size on go through a file (an import's batches); smaller ones (the live writer's, about 3 MB at most) stay inline. */
export const BULK_INSERT_BYTES = 4 << 20

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

export class BulkFileInsert {
  private readonly dir: string
  private readonly structures = new Map<string, Promise<Map<string, string>>>()
  private seq = 0

  constructor(private readonly client: ClickHouseClient, dataDir: string) {
    this.dir = join(dataDir, 'bulk-insert')
    // Left by a process that stopped mid-insert (the engine holds the data directory for one process at a time).
    rmSync(this.dir, { recursive: true, force: true })
    mkdirSync(this.dir, { recursive: true })
  }

  async insert(table: string, columns: readonly string[], body: Buffer, settings: ClickHouseSettings): Promise<void> {
    for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`"${name}" is not a column or table name this store writes`)
    const types = await this.types(table)
    const structure = columns.map((c) => {
      const t = types.get(c)
      if (!t) throw new Error(`table ${table} has no column ${c}; run the migrations (agner starts them) before inserting`)
      return `${c} ${t}`
    }).join(', ')
    const file = join(this.dir, `${process.pid}-${++this.seq}.tsv`)
    await writeFile(file, body)
    try {
      await this.client.command({
        query: `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM file({file:String}, 'TabSeparated', {structure:String})`,
        query_params: { file, structure },
        clickhouse_settings: settings,
      })
    } finally {
      await rm(file, { force: true })
    }
  }

  /** Column name → type of a table, read once. */
  private types(table: string): Promise<Map<string, string>> {
    let t = this.structures.get(table)
    if (!t) {
      t = this.client.query({
        query: 'SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String}',
        query_params: { table }, format: 'JSONEachRow',
      }).then((r) => r.json<{ name: string; type: string }>()).then((rows) => new Map(rows.map((r) => [r.name, r.type])))
      t.catch(() => this.structures.delete(table))
      this.structures.set(table, t)
    }
    return t
  }
}
