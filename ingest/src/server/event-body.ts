/**
 * Reads a POST /api/events body: a JSON array (or one object) or NDJSON, strictly UTF-8.
 * A body that cannot be read at all is a 400; a bad NDJSON line is one rejected item.
 */
export type BodyItem = { index: number; value: unknown } | { index: number; problem: string }
export type ParsedBody = { ok: true; items: BodyItem[] } | { ok: false; error: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

export function parseEventBody(body: Buffer, contentType: string | undefined, maxEvents: number): ParsedBody {
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    return { ok: false, error: 'The body is not valid UTF-8; send the events encoded as UTF-8.' }
  }
  if (text.trim() === '') return { ok: false, error: 'The request body is empty; send a JSON array of events or NDJSON.' }
  const ndjson = (contentType ?? '').includes('ndjson')
  if (ndjson) {
    const items: BodyItem[] = []
    const lines = text.split('\n')
    let index = 0
    for (const [n, line] of lines.entries()) {
      if (line.trim() === '') continue
      if (index >= maxEvents) return { ok: false, error: tooMany(maxEvents) }
      try {
        items.push({ index, value: JSON.parse(line) })
      } catch (err) {
        items.push({ index, problem: `line ${n + 1} is not valid JSON (${(err as Error).message})` })
      }
      index++
    }
    return { ok: true, items }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return { ok: false, error: `The body is not valid JSON (${(err as Error).message}); send a JSON array of events or NDJSON.` }
  }
  const values = Array.isArray(parsed) ? parsed : [parsed]
  if (values.length > maxEvents) return { ok: false, error: tooMany(maxEvents) }
  return { ok: true, items: values.map((value, index) => ({ index, value })) }
}

const tooMany = (max: number): string => `The body holds more than ${max} events; send at most ${max} per request.`
