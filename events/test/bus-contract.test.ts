import { afterAll, describe, expect, it } from 'vitest'
import { JetStreamBus, MemoryBus, type Bus, type BusMessage, type DeadLetter } from '../src/index.ts'
import { NatsServerProcess, sampleEvent } from '../src/testing/index.ts'

// Each JetStream case gets its own server, so a new durable (which reads the whole stream) sees only its own events.
const servers: NatsServerProcess[] = []
afterAll(async () => { for (const s of servers) await s.dispose() })

const implementations: Array<[string, () => Promise<Bus>]> = [
  ['in-process', async () => new MemoryBus()],
  ['JetStream', async () => {
    const nats = await NatsServerProcess.start()
    servers.push(nats)
    return JetStreamBus.connect({ servers: nats.url, ackWaitMs: 2000 })
  }],
]

const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms
  while (!cond()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 20)) }
}

describe.each(implementations)('bus contract: %s', (_name, make) => {
  let durable = 0
  const nextDurable = (): string => `t${Date.now()}-${durable++}`

  it('delivers each published event once to the durable consumer and resolves publish only after the ack', async () => {
    const bus = await make()
    const got: string[] = []
    let acked = false
    const consumer = await bus.consume({ durable: nextDurable(), batchSize: 50, maxWaitMs: 20, maxDeliver: 3 }, async (batch) => {
      await new Promise((r) => setTimeout(r, 30))
      for (const m of batch) { got.push(idOf(m)); m.ack() }
      acked = true
    })
    const events = Array.from({ length: 120 }, () => sampleEvent())
    await bus.publish(events)
    if (bus.kind === 'memory') expect(acked).toBe(true)
    await until(() => got.length >= 120)
    expect(new Set(got).size).toBe(120)
    await consumer.stop(); await bus.close()
  })

  it('drops a duplicate id at the door', async () => {
    const bus = await make()
    const got: string[] = []
    const consumer = await bus.consume({ durable: nextDurable(), batchSize: 10, maxWaitMs: 10, maxDeliver: 3 }, async (batch) => {
      for (const m of batch) { got.push(idOf(m)); m.ack() }
    })
    const e = sampleEvent()
    await bus.publish([e, e])
    await bus.publish([e])
    const other = sampleEvent()
    await bus.publish([other])
    await until(() => got.includes(other.id))
    await new Promise((r) => setTimeout(r, 200))
    expect(got.filter((id) => id === e.id)).toHaveLength(1)
    await consumer.stop(); await bus.close()
  })

  it('redelivers a failed batch, then dead-letters it after maxDeliver attempts with the reason', async () => {
    const bus = await make()
    const letters: DeadLetter[] = []
    bus.onDeadLetter((l) => { letters.push(...l) })
    const counts: number[] = []
    const consumer = await bus.consume({ durable: nextDurable(), batchSize: 10, maxWaitMs: 10, maxDeliver: 3 }, async (batch) => {
      counts.push(...batch.map((m) => m.deliveryCount))
      throw new Error('store is down')
    })
    const e = sampleEvent()
    if (bus.kind === 'memory') void bus.publish([e]); else await bus.publish([e])
    await until(() => letters.length >= 1, 20_000)
    expect(counts).toEqual([1, 2, 3])
    expect(letters[0]!.reason).toContain('could not be stored after 3 attempts: store is down')
    expect(letters[0]!.payload).toContain(e.id)
    await consumer.stop(); await bus.close()
  })

  it('feeds taps with every publish, before storage', async () => {
    const bus = await make()
    const seen: string[] = []
    await bus.tap((p) => { const v = p instanceof Uint8Array ? JSON.parse(Buffer.from(p).toString()) : p; seen.push((v as { id: string }).id) })
    const consumer = await bus.consume({ durable: nextDurable(), batchSize: 10, maxWaitMs: 10, maxDeliver: 3 }, async (b) => { for (const m of b) m.ack() })
    const e = sampleEvent()
    await bus.publish([e])
    await until(() => seen.includes(e.id))
    await consumer.stop(); await bus.close()
  })

  it('bounds what is in flight: nothing more is handed over while the consumer is stuck', async () => {
    const bus = bus0(await make())
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    let delivered = 0
    const consumer = await bus.consume({ durable: nextDurable(), batchSize: 5, maxWaitMs: 5, maxDeliver: 3, maxInFlight: 10 }, async (b) => {
      await gate
      delivered += b.length
      for (const m of b) m.ack()
    })
    const p = bus.publish(Array.from({ length: 30 }, () => sampleEvent()))
    await new Promise((r) => setTimeout(r, 300))
    expect(delivered).toBe(0)
    release()
    await p
    await until(() => delivered === 30)
    await consumer.stop(); await bus.close()
  })
})

function bus0(b: Bus): Bus { return b }

function idOf(m: BusMessage): string {
  const v = m.payload instanceof Uint8Array ? JSON.parse(Buffer.from(m.payload).toString()) : m.payload
  return (v as { id: string }).id
}

describe('in-process bus shutdown', () => {
  it('stopping the consumer stores what is still queued (it would not survive the process)', async () => {
    const bus = new MemoryBus()
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const got: string[] = []
    const consumer = await bus.consume({ durable: 'drain', batchSize: 10, maxWaitMs: 5, maxDeliver: 3 }, async (b) => {
      await gate
      for (const m of b) { got.push(idOf(m)); m.ack() }
    })
    const published = bus.publish(Array.from({ length: 35 }, () => sampleEvent()))
    await new Promise((r) => setTimeout(r, 50))
    const stopped = consumer.stop()
    release()
    await stopped
    await published
    expect(got).toHaveLength(35)
  })
})
