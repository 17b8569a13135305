/** The prompts and music a center plays, read once from `<dir>/<name>.ogg` (Ogg Opus) and kept. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readOggOpus, type OpusPacket } from './ogg-opus.ts'

export const AUDIO_NAME = /^[A-Za-z0-9_-]{1,64}$/

export class AudioLibrary {
  private readonly cache = new Map<string, OpusPacket[]>()
  constructor(private readonly dir: string) {}

  /** The file's packets; an unknown or unreadable file is an empty list (silence), reported once. */
  get(name: string, onMissing?: (reason: string) => void): OpusPacket[] {
    let packets = this.cache.get(name)
    if (packets) return packets
    try {
      if (!AUDIO_NAME.test(name)) throw new Error('the name may use letters, digits, _ and - only')
      packets = readOggOpus(readFileSync(join(this.dir, `${name}.ogg`)))
    } catch (err) {
      onMissing?.(`audio "${name}" could not be read from ${this.dir} (${(err as Error).message}); it plays as silence`)
      packets = []
    }
    this.cache.set(name, packets)
    return packets
  }
}
