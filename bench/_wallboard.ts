/**
 * Shared by the wallboard benchmarks: a server on embedded defaults with the web app built, a
 * board over 50 queues and ~500 agents (queue table, agent grid, KPI tiles, waiting list, gauge,
 * trend, clock), opened by its display link in headless Chromium at 1080p, synthetic traffic at a
 * given rate, and a probe queue whose waiting count a KPI tile shows.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { BoardLayout } from '@agner/boards'
import { uuidv7, type CanonicalEvent } from '@agner/events'
import { freePort } from '@agner/events/testing'
import { TrafficModel, trafficForRate } from '@agner/telephony'
import { loadConfig, startAgner, type Agner } from '../ingest/src/index.ts'
import { ROOT } from './_support.ts'

const root = ROOT

export interface WallboardRig {
  agner: Agner
  browser: Browser
  page: Page
  boardId: string
  queues: number
  agents: number
  /** Starts (true) or stops the synthetic traffic at the rig's rate. */
  traffic(on: boolean): void
  published(): number
  /** Publishes a probe event setting the probe queue's waiting count to 0 or 1. */
  probe(waiting: 0 | 1): void
  close(): Promise<void>
}

export async function wallboardRig(rate: number): Promise<WallboardRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'agner-bench-board-'))
  const webRoot = join(dataDir, 'web')
  await build({ root: join(root, 'web'), logLevel: 'silent', build: { outDir: webRoot, emptyOutDir: true, minify: process.env.BENCH_MINIFY !== '0' } })
  const agner = await startAgner(loadConfig({ AGNER_LIVE_FRAME_MS: process.env.AGNER_LIVE_FRAME_MS }, { demo: false, dataDir, port: await freePort(), logLevel: 'silent', timeZone: 'UTC', adminPassword: 'bench admin password' }), { webRoot })
  // Talk time chosen so that about 500 agents carry `rate` events/s.
  let cfg = trafficForRate({ eventsPerSecond: rate, queues: 50, seed: 5, meanTalkMs: 1000, meanWrapMs: 1000 })
  for (let talk = 1000; talk <= 120_000 && cfg.agents.length < 500; talk += 250) cfg = trafficForRate({ eventsPerSecond: rate, queues: 50, seed: 5, meanTalkMs: talk, meanWrapMs: 1000 })
  // trafficForRate staffs for 90 % occupancy; with breaks that overloads the center and queues
  // grow without end. Shorter calls on the same staff keep it near 65 %, like a real center.
  cfg = { ...cfg, meanTalkMs: Math.round(cfg.meanTalkMs * 0.7) }
  const queueIds = [...cfg.queues.map((q) => q.id), 'probe']
  const layout: BoardLayout = {
    version: 1, theme: 'dark', rotateSeconds: 0, alerts: { mute: true, minGapSeconds: 60 },
    pages: [{
      id: 'main', widgets: [
        { id: 'probe', type: 'kpi', x: 0, y: 0, w: 2, h: 2, metric: 'waiting', queues: ['probe'] },
        { id: 'offered', type: 'kpi', x: 2, y: 0, w: 2, h: 2, metric: 'offered' },
        { id: 'sl', type: 'sl-gauge', x: 4, y: 0, w: 2, h: 2, metric: 'serviceLevel', thresholds: { amber: 80, red: 70, flash: true } },
        { id: 'clock', type: 'clock', x: 6, y: 0, w: 2, h: 2 },
        { id: 'waiting', type: 'waiting-list', x: 8, y: 0, w: 4, h: 5 },
        { id: 'trend', type: 'trend', x: 0, y: 2, w: 8, h: 3, metric: 'offered' },
        { id: 'queues', type: 'queue-table', x: 0, y: 5, w: 6, h: 7, metric: 'waiting', thresholds: { amber: 5, red: 10, flash: true } },
        { id: 'agents', type: 'agent-grid', x: 6, y: 5, w: 6, h: 7 },
      ],
    }],
  }
  const login = await agner.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'bench admin password' } })
  const headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken as string }
  // Queues become known to the server when their events arrive: announce each once.
  const t0 = Date.now()
  const announce: CanonicalEvent[] = queueIds.map((q, i) => ({ id: uuidv7(), type: 'contact.queued', time: t0, tenant: 'default', source: { kind: 'test', instance: 'bench' }, channel: 'voice', contactId: `init-${i}`, queueId: q, data: { priority: 0 } }) as CanonicalEvent)
  announce.push(...queueIds.map((q, i) => ({ id: uuidv7(), type: 'contact.dequeued', time: t0 + 1, tenant: 'default', source: { kind: 'test', instance: 'bench' }, channel: 'voice', contactId: `init-${i}`, queueId: q, data: { waitMs: 1, outcome: 'answered' } }) as CanonicalEvent))
  await agner.bus.publish(announce)
  for (let i = 0; i < 100 && !queueIds.every((q) => agner.engine.hasQueue(q)); i++) await new Promise((r) => setTimeout(r, 50))
  const board = await agner.app.inject({ method: 'POST', url: '/api/boards', headers, payload: { name: 'Bench board', queueIds, layout: JSON.stringify(layout) } })
  if (board.statusCode !== 201) throw new Error(`board: ${board.body}`)
  const boardId = board.json().board.id as string
  const link = (await agner.app.inject({ method: 'POST', url: '/api/display-links', headers, payload: { boardId, name: 'bench' } })).json() as { path: string }

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info', '--js-flags=--expose-gc'] })
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await page.goto(`${agner.url}${link.path}`)
  await page.waitForSelector('[data-widget=queues] tbody tr')

  const model = new TrafficModel(cfg, Date.now())
  let published = 0
  let timer: NodeJS.Timeout | undefined
  let probeSeq = 0
  return {
    agner, browser, page, boardId, queues: cfg.queues.length, agents: cfg.agents.length,
    traffic(on: boolean): void {
      clearInterval(timer)
      if (!on) return
      model.advance(Date.now()) // skip what would have happened while stopped
      timer = setInterval(() => {
        const events = model.advance(Date.now())
        published += events.length
        void agner.bus.publish(events)
      }, 20)
    },
    published: () => published,
    probe(waiting: 0 | 1): void {
      probeSeq++
      const e = { id: uuidv7(), time: Date.now(), tenant: 'default', source: { kind: 'test', instance: 'probe' }, channel: 'voice', contactId: `probe-${waiting === 1 ? probeSeq : probeSeq - 1}`, queueId: 'probe' }
      void agner.bus.publish([(waiting === 1 ? { ...e, type: 'contact.queued', data: { priority: 0 } } : { ...e, type: 'contact.dequeued', data: { waitMs: 100, outcome: 'answered' } }) as CanonicalEvent])
    },
    async close(): Promise<void> {
      clearInterval(timer)
      await browser.close()
      await agner.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
