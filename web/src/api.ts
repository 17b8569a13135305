/**
 * The one way the web app calls the server: JSON in and out, the session's CSRF token on every
 * change, and the server's one-sentence error as the thrown message.
 */
let csrfToken = ''
export function setCsrfToken(token: string): void { csrfToken = token }

export class ApiError extends Error {
  /** `body`: the server's whole JSON answer, for details beyond its sentence (a schedule edit's violations). */
  constructor(readonly status: number, message: string, readonly retryAfterSeconds?: number, readonly body?: unknown) { super(message) }
}

/** Called when the server says the session is gone (401): the router sends the user to sign in. */
let onSignedOut: (() => void) | undefined
export function whenSignedOut(handler: () => void): void { onSignedOut = handler }

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) })
}

/** A file as the request body (an IVR prompt's audio), with its content type. */
export async function apiUpload<T>(method: Method, path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>(method, path, { type: contentType, data: file })
}

async function send<T>(method: Method, path: string, body?: { type: string; data: BodyInit }): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = body.type
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: body.data } : {}) })
  } catch {
    throw new ApiError(0, 'network')
  }
  const text = await res.text()
  const json: unknown = text ? safeParse(text) : undefined
  if (!res.ok) {
    const message = (json as { error?: string } | undefined)?.error ?? `${res.status} ${res.statusText}`
    if (res.status === 401 && !path.startsWith('/api/auth/login')) onSignedOut?.()
    const retry = Number(res.headers.get('retry-after'))
    throw new ApiError(res.status, message, Number.isFinite(retry) && retry > 0 ? retry : undefined, json)
  }
  return json as T
}

function safeParse(text: string): unknown {
  try { return JSON.parse(text) } catch { return undefined }
}
