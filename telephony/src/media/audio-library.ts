/**
 * The prompts and music a center plays, read from `<dir>/<name>.ogg` (Ogg Opus): the first folder
 * that has the file wins (prompts uploaded in the app come before the center's audio folder), and
 * a file replaced on disk is read again the next time it is played.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readOggOpus, type OpusPacket } from './ogg-opus.ts'

export const AUDIO_NAME = /^[A-Za-z0-9_-]{1,64}$/

export class AudioLibrary {
  private readonly cache = new Map<string, { packets: OpusPacket[]; path: string; mtimeMs: number }>()
  private readonly dirs: string[]
  constructor(dirs: string | readonly string[]) { this.dirs = typeof dirs === 'string' ? [dirs] : [...dirs] }

  /** The file's packets; an unknown or unreadable file is an empty list (silence), reported once. */
  get(name: string, onMissing?: (reason: string) => void): OpusPacket[] {
    const found = AUDIO_NAME.test(name) ? this.locate(name) : undefined
    const cached = this.cache.get(name)
    if (cached && (!found ? cached.path === '' : cached.path === found.path && cached.mtimeMs === found.mtimeMs)) return cached.packets
    let packets: OpusPacket[] = []
    try {
      if (!AUDIO_NAME.test(name)) throw new Error('the name may use letters, digits, _ and - only')
      if (!found) throw new Error(`there is no ${name}.ogg`)
      packets = readOggOpus(readFileSync(found.path))
    } catch (err) {
      onMissing?.(`audio "${name}" could not be read from ${this.dirs.join(' or ')} (${(err as Error).message}); it plays as silence`)
    }
    this.cache.set(name, { packets, path: found?.path ?? '', mtimeMs: found?.mtimeMs ?? 0 })
    return packets
  }

  private locate(name: string): { path: string; mtimeMs: number } | undefined {
    for (const dir of this.dirs) {
      const path = join(dir, `${name}.ogg`)
      try { return { path, mtimeMs: statSync(path).mtimeMs } } catch { /* not in this folder */ }
    }
    return undefined
  }
}
