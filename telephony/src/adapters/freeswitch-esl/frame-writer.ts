/**
 * Event-socket frames as FreeSWITCH writes them (for the fake ESL server of the tests, and for
 * captures): `text/event-json` with a JSON body, or `text/event-plain` with URL-encoded header lines.
 */
export function eslEventFrame(event: Record<string, string>, framing: 'json' | 'plain'): string {
  const body = framing === 'json'
    ? JSON.stringify(event)
    : `${Object.entries(event).map(([k, v]) => `${k}: ${encodeURIComponent(v)}`).join('\n')}\n\n`
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-${framing}\n\n${body}`
}

export function eslReply(contentType: string, headers: Record<string, string> = {}, body = ''): string {
  const h = Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`).join('')
  return body ? `Content-Type: ${contentType}\n${h}Content-Length: ${Buffer.byteLength(body)}\n\n${body}` : `Content-Type: ${contentType}\n${h}\n`
}
