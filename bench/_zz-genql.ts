import { createWriteStream } from 'node:fs'
import { syntheticCalls } from '@agner/telephony/testing'
const file = process.argv[2]!
const lines = 10_000_000
const out = createWriteStream(file)
let written = 0
for (const c of syntheticCalls({ start: Date.UTC(2025, 11, 1), calls: Number.MAX_SAFE_INTEGER, agents: 100, queues: ['sales', 'support', 'billing', 'vip', 'callback'], meanGapSec: 10, seed: 21 })) {
  const text = `${c.records.filter((r) => r.queueLog).map((r) => r.queueLog).join('\n')}\n`
  written += c.records.filter((r) => r.queueLog).length
  if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()))
  if (written >= lines) break
}
await new Promise<void>((r) => out.end(() => r()))
console.log('written', written)
