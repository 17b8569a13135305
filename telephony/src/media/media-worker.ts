/**
 * A media worker thread: runs a MediaEngine and answers the main thread's requests
 * ({id, method, args} → {id, result} or {id, error}); engine events go up as {event}.
 */
import { readlinkSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { MediaEngine } from './media-engine.ts'
import { MediaError, type MediaSettings } from './media-service.ts'

const port = parentPort!
// Linux names each thread under /proc: the main thread reads this worker's own CPU time there.
try { port.postMessage({ thread: `/proc/${readlinkSync('/proc/thread-self')}` }) } catch { /* not Linux: no per-thread CPU */ }
const engine = new MediaEngine(workerData as MediaSettings, (event) => port.postMessage({ event }), (warning) => port.postMessage({ warning }))

type Method = 'open' | 'answer' | 'candidate' | 'restart' | 'hear' | 'record' | 'pauseRecording' | 'stopRecording' | 'close' | 'stats' | 'stop'

port.on('message', (msg: { id: number; method: Method; args: unknown[] }) => {
  // The engine's methods take what the main thread checked and sent; this only dispatches them.
  const fn = (engine[msg.method] as (...a: unknown[]) => unknown).bind(engine)
  Promise.resolve().then(() => fn(...msg.args)).then(
    (result) => port.postMessage({ id: msg.id, result }),
    (err: unknown) => port.postMessage({ id: msg.id, error: { code: err instanceof MediaError ? err.code : 'unavailable', message: (err as Error).message } }),
  )
})
