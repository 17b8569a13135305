import { JetStreamBus } from '@agner/events'
import { NatsServerProcess } from '@agner/events/testing'
import { fixture, rate } from './_support.ts'
const events = fixture(100_000)
for (const w of [500, 2000, 8000]) {
  const nats = await NatsServerProcess.start()
  const js = await JetStreamBus.connect({ servers: nats.url, publishWindow: w })
  const t0 = performance.now()
  await js.publish(events)
  console.log('window', w, 'publish acked ev/s', rate(events.length, performance.now() - t0))
  await js.close(); await nats.dispose()
}
