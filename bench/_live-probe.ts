/**
 * Live latency as bench/live-latency.ts measures it, as a function: synthetic traffic at `rate`
 * events/s over 50 queues, and every 50 ms a probe event (an agent whose aux reason carries a
 * sequence number) timed from publish to the first /ws/live frame that shows it.
 */
import WebSocket from 'ws'
import { uuidv7 } from '@agner/events'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import type { Agner } from '../ingest/src/index.ts'
import { newToken } from '../ingest/src/access/tokens.ts'
import { percentile } from './_support.ts'

export async function measureLiveLatency(agner: Agner, o: { rate: number; seconds: number }): Promise<{ p50: number; p99: number; probes: number }> {
  const { record, token } = newToken('api', { name: `bench-${Date.now()}`, scopes: ['live:read'], createdBy: 'bench' })
  await agner.access.directory.save('tokens', record)
  const ws = new WebSocket(`${agner.url.replace('http', 'ws')}/ws/live`, { headers: { authorization: `Bearer ${token}` } })
  await new Promise((r) => ws.once('open', r))
  const sent = new Map<number, number>()
  const latency: number[] = []
  const probe = `probe-${Date.now().toString(36)}`
  let resolved = 0
  ws.on('message', (raw) => {
    const now = performance.now()
    const msg = JSON.parse(raw.toString()) as { agents?: Array<{ agentId: string; reasonCode: string | null }> }
    const a = msg.agents?.find((x) => x.agentId === probe)
    const seq = a?.reasonCode ? Number(a.reasonCode.slice(1)) : -1
    for (let s = resolved + 1; s <= seq; s++) { const t = sent.get(s); if (t !== undefined) latency.push(now - t) }
    if (seq > resolved) resolved = seq
  })
  const model = new TrafficModel(trafficForRate({ eventsPerSecond: o.rate, queues: 50, seed: 3 }), Date.now())
  let seq = 0
  const tick = setInterval(() => { void agner.bus.publish(model.advance(Date.now())) }, 20)
  const probes = setInterval(() => {
    seq++
    sent.set(seq, performance.now())
    void agner.bus.publish([{ id: uuidv7(), type: 'agent.status_changed', time: Date.now(), tenant: agner.config.tenant, source: { kind: 'test', instance: 'bench' }, agentId: probe, data: { status: 'aux', reasonCode: `p${seq}`, origin: 'system' } }])
  }, 50)
  await new Promise((r) => setTimeout(r, o.seconds * 1000))
  clearInterval(tick); clearInterval(probes)
  await new Promise((r) => setTimeout(r, 1000))
  ws.close()
  const sorted = latency.sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), probes: sorted.length }
}
