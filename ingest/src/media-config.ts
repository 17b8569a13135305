/**
 * Call media and web-widget settings from the environment:
 *   AGNER_ICE_SERVERS     STUN/TURN servers for browsers and the relay: comma-separated URLs, or a JSON
 *                         array of {urls, username, credential} (TURN needs the credentials)
 *   AGNER_MEDIA_PORTS     UDP port range for call media, e.g. 40000-40999 (default: any free port)
 *   AGNER_MEDIA_ADDRESS   the address announced to browsers behind NAT (the machine's public IP)
 *   AGNER_MEDIA_WORKERS   worker threads relaying calls (default: cores − 1, 1–4)
 *   AGNER_AUDIO_DIR       the folder of IVR prompts and music on hold (Ogg Opus; default: the demo's)
 *   AGNER_WIDGET_ORIGINS  other sites allowed to embed the widget, e.g. https://www.example.com
 *   AGNER_WIDGET_SESSIONS_PER_ADDRESS, AGNER_WIDGET_STARTS_PER_MINUTE
 *                         widget conversations one address may hold at once (4) and start a minute (20)
 */
import { fileURLToPath } from 'node:url'
import { isIP } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { IceServer } from '@agner/telephony'

export interface MediaConfig {
  iceServers: IceServer[]
  portRange?: [number, number]
  announcedAddress?: string
  workers?: number
  audioDir: string
  widgetOrigins: string[]
  widgetLimits: { concurrent: number; perMinute: number }
}

type Env = Record<string, string | undefined>

/** The demo center's prompts and music, shipped in seeds/audio. */
export function demoAudioDir(): string {
  try { return join(dirname(createRequire(import.meta.url).resolve('@agner/seeds/package.json')), 'audio') } catch {
    return fileURLToPath(new URL('../../seeds/audio', import.meta.url))
  }
}

export function mediaConfig(env: Env, origins: (name: string) => string[], fail: (msg: string) => never): MediaConfig {
  const c: MediaConfig = {
    iceServers: iceServers(env.AGNER_ICE_SERVERS, fail), audioDir: env.AGNER_AUDIO_DIR || demoAudioDir(), widgetOrigins: origins('AGNER_WIDGET_ORIGINS'),
    widgetLimits: { concurrent: count(env, 'AGNER_WIDGET_SESSIONS_PER_ADDRESS', 4, fail), perMinute: count(env, 'AGNER_WIDGET_STARTS_PER_MINUTE', 20, fail) },
  }
  const ports = env.AGNER_MEDIA_PORTS
  if (ports) {
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(ports.trim())
    const [lo, hi] = m ? [Number(m[1]), Number(m[2])] : [0, 0]
    if (!m || lo < 1024 || hi > 65535 || hi - lo < 1) fail(`AGNER_MEDIA_PORTS "${ports}" must be a UDP port range such as 40000-40999 (from 1024 to 65535, at least two ports: each call leg takes one).`)
    c.portRange = [lo, hi]
  }
  const address = env.AGNER_MEDIA_ADDRESS
  if (address) {
    if (!isIP(address)) fail(`AGNER_MEDIA_ADDRESS "${address}" must be an IP address (the public address browsers reach this machine on).`)
    c.announcedAddress = address
  }
  const workers = env.AGNER_MEDIA_WORKERS
  if (workers) {
    const n = Number(workers)
    if (!Number.isInteger(n) || n < 1 || n > 64) fail(`AGNER_MEDIA_WORKERS "${workers}" must be a whole number from 1 to 64.`)
    c.workers = n
  }
  return c
}

function count(env: Env, name: string, fallback: number, fail: (msg: string) => never): number {
  const raw = env[name]
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 100_000) fail(`${name} "${raw}" must be a whole number from 1 to 100000.`)
  return n
}

function iceServers(raw: string | undefined, fail: (msg: string) => never): IceServer[] {
  if (!raw) return []
  const list: unknown = raw.trim().startsWith('[') ? (() => { try { return JSON.parse(raw) } catch { return fail('AGNER_ICE_SERVERS is not valid JSON; use e.g. [{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}] or stun:stun.example.com:3478.') } })()
    : raw.split(',').map((u) => ({ urls: u.trim() })).filter((s) => s.urls)
  if (!Array.isArray(list)) fail('AGNER_ICE_SERVERS must be a list of servers.')
  return (list as Array<{ urls?: unknown; username?: unknown; credential?: unknown }>).map((s) => {
    const urls = typeof s.urls === 'string' ? s.urls : Array.isArray(s.urls) && typeof s.urls[0] === 'string' ? s.urls[0] as string : ''
    if (!/^(stun|stuns|turn|turns):[^\s]+$/.test(urls)) fail(`AGNER_ICE_SERVERS: "${String(urls).slice(0, 80)}" is not a stun: or turn: URL.`)
    if (urls.startsWith('turn') && (typeof s.username !== 'string' || typeof s.credential !== 'string')) fail(`AGNER_ICE_SERVERS: the TURN server ${urls} needs "username" and "credential".`)
    return { urls, ...(typeof s.username === 'string' ? { username: s.username } : {}), ...(typeof s.credential === 'string' ? { credential: s.credential } : {}) }
  })
}
