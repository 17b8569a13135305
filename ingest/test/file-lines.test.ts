import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, expect, it } from 'vitest'
import { fileLines } from '../src/cli/file-lines.ts'

const dir = mkdtempSync(join(tmpdir(), 'agner-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function all(file: string): Promise<string[]> {
  const out: string[] = []
  for await (const lines of fileLines(file)) out.push(...lines)
  return out
}

it('gives every line once: CRLF endings, a character split between reads, a last line without its newline, gzipped too', async () => {
  // The first line is 1 MiB − 1 byte of ASCII then "队列": the read boundary (1 MiB) falls inside the first character's three bytes.
  const long = `${'a'.repeat((1 << 20) - 1)}队列`
  const text = `${long}\r\nsecond|行\r\n\r\nthird\nlast without newline`
  const plain = join(dir, 'queue_log')
  writeFileSync(plain, text)
  const expected = [long, 'second|行', '', 'third', 'last without newline']
  expect(await all(plain)).toEqual(expected)
  const gz = join(dir, 'queue_log.1.gz')
  writeFileSync(gz, gzipSync(Buffer.from(text)))
  expect(await all(gz)).toEqual(expected)
})

it('an empty file gives no lines', async () => {
  const empty = join(dir, 'empty')
  writeFileSync(empty, '')
  expect(await all(empty)).toEqual([])
})
