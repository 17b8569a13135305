/** A center's ACD file: a queue's music on hold is a file name, checked at load. */
import { describe, expect, it } from 'vitest'
import { AcdConfigError, loadAcdConfig } from '../src/index.ts'

const base = (queue: Record<string, unknown>) => ({
  queues: [{ id: 'support', channel: 'voice', requiredSkills: { support: 1 }, ...queue }],
  agents: [{ id: 'a1', skills: { support: 5 } }],
})

describe('loadAcdConfig: holdMusic', () => {
  it('keeps a queue\'s music on hold and leaves it unset by default', () => {
    expect(loadAcdConfig(base({ holdMusic: 'jazz-loop' })).queues[0]!.holdMusic).toBe('jazz-loop')
    expect(loadAcdConfig(base({})).queues[0]!.holdMusic).toBeUndefined()
  })
  it('refuses a name that is not a plain file name, saying what it must be', () => {
    expect(() => loadAcdConfig(base({ holdMusic: '../etc/passwd' }))).toThrow(AcdConfigError)
    expect(() => loadAcdConfig(base({ holdMusic: '../etc/passwd' }))).toThrow(/"holdMusic" must be a file name/)
  })
})
