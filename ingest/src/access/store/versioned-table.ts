/**
 * A small mutable directory kept in ClickHouse: each change inserts the whole record with a newer
 * `updated_ms`, ReplacingMergeTree keeps the newest, and reads use FINAL. Records are camelCase in
 * the domain and snake_case in the table; 64-bit integers come back as strings and booleans as
 * UInt8, so both are converted here and nowhere else.
 */
import type { ClickHouseClient } from '@clickhouse/client'
import type { Versioned } from '../records.ts'

export interface TableSpec<T> {
  table: string
  key: keyof T & string
  ints: readonly (keyof T & string)[]
  bools: readonly (keyof T & string)[]
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())

export class VersionedTable<T extends Versioned> {
  constructor(private readonly client: ClickHouseClient, private readonly tenant: string, private readonly spec: TableSpec<T>) {}

  async write(records: readonly T[]): Promise<void> {
    if (records.length === 0) return
    const values = records.map((r) => {
      const row: Record<string, unknown> = { tenant: this.tenant }
      for (const [k, v] of Object.entries(r)) row[snake(k)] = typeof v === 'boolean' ? (v ? 1 : 0) : v
      return row
    })
    await this.client.insert({ table: this.spec.table, format: 'JSONEachRow', values })
  }

  /** Records changed after `sinceMs` (all of them for 0), newest version of each. */
  async read(sinceMs = 0, where?: { column: keyof T & string; value: string }): Promise<T[]> {
    const filter = where ? ` AND ${snake(where.column)} = {value:String}` : ''
    const rs = await this.client.query({
      query: `SELECT * EXCEPT tenant FROM ${this.spec.table} FINAL
              WHERE tenant = {tenant:String} AND updated_ms > {since:Int64}${filter}`,
      query_params: { tenant: this.tenant, since: sinceMs, ...(where ? { value: where.value } : {}) },
      format: 'JSONEachRow',
    })
    const rows = await rs.json<Record<string, unknown>>()
    return rows.map((row) => this.fromRow(row))
  }

  private fromRow(row: Record<string, unknown>): T {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(row)) out[camel(k)] = v
    for (const k of this.spec.ints) out[k] = Number(out[k])
    for (const k of this.spec.bools) out[k] = Number(out[k]) === 1
    return out as T
  }
}
