/**
 * Sends events to a running Agner over POST /api/events, in chunks that fit the body limit, with
 * an API token holding the `events:write` scope (AGNER_TOKEN).
 */
export interface SinkResult { accepted: number; rejected: number; problems: string[] }

const MAX_CHUNK_BYTES = 900_000
const MAX_CHUNK_EVENTS = 5000

export async function postEvents(url: string, lines: readonly string[], token = process.env.AGNER_TOKEN): Promise<SinkResult> {
  if (!token) throw new Error('set AGNER_TOKEN to an API token with the events:write scope (an admin creates one under Admin → API tokens)')
  const result: SinkResult = { accepted: 0, rejected: 0, problems: [] }
  let chunk: string[] = []
  let bytes = 0
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return
    const body = chunk.join('\n')
    chunk = []; bytes = 0
    let res: Response
    try {
      res = await fetch(new URL('/api/events', url), { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` }, body })
    } catch (err) {
      throw new Error(`could not reach Agner at ${url} (${(err as Error).message}); is it running? start it with npm start`)
    }
    const json = (await res.json().catch(() => ({}))) as { accepted?: number; rejected?: number; error?: string; rejections?: Array<{ problems: string[] }> }
    if (res.status === 401 || res.status === 403) throw new Error(`Agner refused the token (${res.status}: ${json.error ?? 'no reason given'}); set AGNER_TOKEN to an API token with the events:write scope`)
    if (res.status !== 202 && res.status !== 422) throw new Error(`Agner answered ${res.status}: ${json.error ?? 'no reason given'}`)
    result.accepted += json.accepted ?? 0
    result.rejected += json.rejected ?? 0
    for (const r of json.rejections ?? []) if (result.problems.length < 20) result.problems.push(r.problems.join('; '))
  }
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1
    if (chunk.length >= MAX_CHUNK_EVENTS || bytes + size > MAX_CHUNK_BYTES) await flush()
    chunk.push(line); bytes += size
  }
  await flush()
  return result
}
