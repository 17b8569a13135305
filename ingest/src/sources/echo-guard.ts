/**
 * A status Agner carried to a PBX comes back as the PBX's own event (Asterisk's QueueMemberPause
 * looks exactly like a CLI pause). Agner already recorded the change, so the echo must not count
 * twice: each change sent is expected back once, for a short while. Pure.
 */
import type { CanonicalEvent } from '@agner/events'

interface Expected { agentId: string; status: string; until: number }

export class EchoGuard {
  private expected: Expected[] = []
  constructor(private readonly windowMs = 15_000) {}

  expect(agentId: string, status: string, now: number): void {
    this.expected.push({ agentId, status, until: now + this.windowMs })
  }

  /** The events without the echoes of changes Agner made itself. */
  filter(events: CanonicalEvent[], now: number): CanonicalEvent[] {
    if (this.expected.length === 0) return events
    this.expected = this.expected.filter((x) => x.until > now)
    return events.filter((e) => {
      if (e.type !== 'agent.status_changed') return true
      const i = this.expected.findIndex((x) => x.agentId === e.agentId && x.status === (e.data as { status: string }).status)
      if (i < 0) return true
      this.expected.splice(i, 1)
      return false
    })
  }
}
