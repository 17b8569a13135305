/**
 * The lines of a text file, as written or gzipped, a read's worth at a time: one array per chunk
 * instead of one promise per line (readline's async iterator costs more than parsing a queue_log
 * line). Lines end at LF; a CR before it is dropped; a last line without its newline is given too.
 * `onRead` is told how many bytes of the file (as stored: compressed for a .gz) have been read.
 */
import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'

export async function* fileLines(file: string, onRead?: (bytesRead: number) => void): AsyncGenerator<string[]> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 })
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw
  const decoder = new StringDecoder('utf8')
  let rest = ''
  for await (const chunk of input) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n')
    rest = lines.pop()!
    onRead?.(raw.bytesRead)
    yield withoutCr(lines)
  }
  rest += decoder.end()
  if (rest !== '') yield withoutCr([rest])
}

function withoutCr(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1)
  }
  return lines
}
