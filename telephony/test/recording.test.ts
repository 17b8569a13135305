/**
 * Call recordings written by the media worker: two werift phones talk through the relay (real
 * Opus from the demo's prompts), the recording is a WebM that ffprobe reads as two Opus tracks
 * of the call's length, a paused stretch has no packets and is marked, and a folder that cannot
 * be written fails the recording with a reason while the call's audio carries on.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkerMedia, type MediaEvent } from '../src/index.ts'
import { TestPhone } from '../src/testing.ts'

const audioDir = fileURLToPath(new URL('../../seeds/audio', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function phone(media: WorkerMedia, legId: string, group: string): Promise<TestPhone> {
  const { sdp } = await media.open(legId, group)
  const p = new TestPhone()
  await media.answer(legId, await p.answer(sdp))
  await p.connected()
  return p
}

interface Probe { streams: Array<{ codec_name: string; index: number }>; format: { duration: string } }
const probe = (file: string): Probe => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]).toString()) as Probe
const packetTimes = (file: string, stream: number): number[] =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', String(stream), '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]).toString().trim().split('\n').map(Number)

describe('call recordings', () => {
  let media: WorkerMedia
  let dir: string
  const events: MediaEvent[] = []
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agner-rec-'))
    media = new WorkerMedia({ iceServers: [], audioDir, workers: 1 })
    media.onEvent((e) => events.push(e))
  })
  afterAll(async () => { await media.stop(); rmSync(dir, { recursive: true, force: true }) })

  it('records both parties as two Opus tracks for the length of the talk; a pause leaves a marked gap', async () => {
    const customer = await phone(media, 'c1', 'g1')
    const agent = await phone(media, 'a1', 'g1')
    await media.hear('c1', { leg: 'a1' })
    await media.hear('a1', { leg: 'c1' })
    customer.talk(join(audioDir, 'menu.ogg'))
    agent.talk(join(audioDir, 'hold-music.ogg'))
    const file = join(dir, '2026-12-07', 'r1.webm')
    const asked = Date.now()
    await media.record('c1', 'r1', file)
    const recording = Date.now()
    await sleep(1500)
    await media.pauseRecording('c1', true)
    await sleep(1000)
    await media.pauseRecording('c1', false)
    await sleep(1500)
    const stopping = Date.now()
    const result = (await media.stopRecording('c1'))!
    const stopped = Date.now()
    await customer.close(); await agent.close()
    await media.close('c1'); await media.close('a1')

    expect(result.error).toBeUndefined()
    expect(result.recordingId).toBe('r1')
    // The recording lasts from the start to the stop: at least the time between the two answers,
    // at most the time from the first request to the last answer (the worker's round trips on a
    // busy machine fall in between), within a packet's 20 ms.
    expect(result.durationMs).toBeGreaterThanOrEqual(stopping - recording - 20)
    expect(result.durationMs).toBeLessThanOrEqual(stopped - asked + 20)
    // About 50 packets a second from each side over the 3 s recorded; every one on disk.
    expect(result.packetsRelayed).toBeGreaterThan(2 * 50 * 2.5)
    expect(result.packetsWritten).toBe(result.packetsRelayed)
    expect(result.pauses).toHaveLength(1)
    expect(result.pauses[0]!.endMs - result.pauses[0]!.startMs).toBeGreaterThan(900)
    expect(result.sha256).toBe(execFileSync('sha256sum', [file]).toString().slice(0, 64))
    expect(result.bytes).toBeGreaterThan(10_000)
    expect(events).toContainEqual(expect.objectContaining({ type: 'recorded', legId: 'c1' }))

    const info = probe(file)
    expect(info.streams.map((s) => s.codec_name)).toEqual(['opus', 'opus'])
    expect(Math.abs(Number(info.format.duration) * 1000 - result.durationMs)).toBeLessThan(50)
    // The paused second has no packets on either track; before and after it, packets every 20 ms or so.
    const { startMs, endMs } = result.pauses[0]!
    for (const stream of [0, 1]) {
      const times = packetTimes(file, stream).map((t) => t * 1000)
      expect(times.filter((t) => t > startMs + 40 && t < endMs - 40)).toEqual([])
      expect(times.filter((t) => t < startMs).length).toBeGreaterThan(60)
      expect(times.filter((t) => t > endMs).length).toBeGreaterThan(60)
    }
    // It decodes whole (no errors from the Opus decoder).
    expect(execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:0', '-f', 'null', '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()).toBe('')
  }, 30_000)

  it('a full disk: the recording fails with the reason, the call\'s audio carries on', async () => {
    const customer = await phone(media, 'c2', 'g2')
    const agent = await phone(media, 'a2', 'g2')
    await media.hear('c2', { leg: 'a2' })
    agent.talk(join(audioDir, 'hold-music.ogg'))
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    await media.record('c2', 'r2', '/dev/full')
    await sleep(300)
    const failed = events.find((e) => e.type === 'recording-failed' && e.recordingId === 'r2')
    expect(failed).toMatchObject({ legId: 'c2', reason: 'the disk is full' })
    const before = customer.received.length
    await sleep(400)
    expect(customer.received.length - before).toBeGreaterThan(10)
    const result = (await media.stopRecording('c2'))!
    expect(result.error).toBe((failed as { reason: string }).reason)
    expect(result.packetsWritten).toBe(0)
    await customer.close(); await agent.close()
    await media.close('c2'); await media.close('a2')
  }, 20_000)

  it('a recordings folder that cannot be made (a file in its place) fails with that reason', async () => {
    const customer = await phone(media, 'c3', 'g3')
    writeFileSync(join(dir, 'not-a-folder'), 'x')
    await media.record('c3', 'r3', join(dir, 'not-a-folder', 'r3.webm'))
    const result = (await media.stopRecording('c3'))!
    expect(result.error).toBe('the recordings folder does not exist and could not be made')
    await customer.close(); await media.close('c3')
  }, 20_000)
})
