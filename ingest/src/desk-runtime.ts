/**
 * Browser calls and chats in a running Agner: the media relay (worker threads), the chat
 * transcripts, and the director between the ACD, the media, the widget and the desk.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Store } from '@agner/analytics'
import { WorkerMedia, type AcdConfig, type RealtimeAcd } from '@agner/telephony'
import type { Config } from './config.ts'
import type { LiveEngine } from './live/engine.ts'
import { ChatLog } from './desk/chat-log.ts'
import { CallDirector } from './desk/call-director.ts'
import type { AppDeps } from './server/app.ts'
import { RecordingIndex } from './recordings/recording-index.ts'
import { startRetention } from './recordings/retention.ts'

export interface DeskRuntime {
  desk: NonNullable<AppDeps['desk']>
  media: WorkerMedia
  /** The center's configuration changed: the widget's entries follow. */
  reconfigure(setup: AcdConfig): void
  /** Before the server closes its sockets: a closing socket is then not a customer hanging up. */
  halt(): Promise<void>
  close(): Promise<void>
}

export function startDesk(config: Config, acd: RealtimeAcd, setup: AcdConfig, store: Store, engine: LiveEngine): DeskRuntime {
  const m = config.media
  const warn = (msg: string) => console.warn(`agner media: ${msg}`)
  const media = new WorkerMedia({ iceServers: m.iceServers, audioDir: m.audioDir, promptsDir: promptsFolder(config), ...(m.portRange ? { portRange: m.portRange } : {}), ...(m.announcedAddress ? { announcedAddress: m.announcedAddress } : {}), ...(m.workers ? { workers: m.workers } : {}) }, warn)
  const recordingsDir = recordingsFolder(config)
  const index = new RecordingIndex(store, config.tenant, (err) => console.error(`agner: a recording waits to be indexed (${err.message}); retrying`))
  const stopRetention = config.recordings.enabled ? startRetention({ store, tenant: config.tenant, dir: recordingsDir, days: config.recordings.days }, (msg) => console.warn(msg)) : () => undefined
  const chat = new ChatLog(store, config.tenant, (err) => console.error(`agner: chat messages wait to be stored (${err.message}); retrying`))
  const entries = widgetEntries(setup)
  const director = new CallDirector({
    acd, media, chat, ...entries,
    ...(existsSync(join(m.audioDir, 'welcome.ogg')) ? { greeting: 'welcome' } : {}),
    agentName: (id) => acd.engine.findAgent(id)?.name ?? engine.agentName(id),
    ahtMs: (queueId) => {
      if (!engine.hasQueue(queueId)) return undefined
      const c = engine.todayCounters(queueId)
      return c.handled > 0 ? (c.talkMs + c.holdMs + c.wrapMs) / c.handled : undefined
    },
    warn,
    ...(config.recordings.enabled ? { recordings: { dir: recordingsDir, save: (row) => index.save(row), alert: (msg) => console.error(`agner ALERT: ${msg}`) } } : {}),
  })
  const desk: DeskRuntime['desk'] = { director, iceServers: m.iceServers, widgetOrigins: m.widgetOrigins, widgetLimits: m.widgetLimits, chat: !!entries.chatQueueId, voice: !!entries.voiceEntry }
  return {
    media,
    desk,
    reconfigure: (next) => {
      const e = widgetEntries(next)
      director.retarget(e)
      desk.chat = !!e.chatQueueId
      desk.voice = !!e.voiceEntry
    },
    halt: () => director.stop(),
    close: async () => { stopRetention(); await director.stop(); await chat.stop(); await media.stop(); await index.stop() },
  }
}

/** Where a caller from the web widget starts: the IVR `main` (else the first), else the first voice queue; chats go to the first chat queue. */
function widgetEntries(setup: AcdConfig): { voiceEntry?: { ivrId: string } | { queueId: string }; chatQueueId?: string } {
  const ivrIds = (setup.ivrs as Array<{ id?: string }>).map((f) => f.id).filter((id): id is string => !!id)
  const voiceQueue = setup.queues.find((q) => q.channel === 'voice')
  const chatQueue = setup.queues.find((q) => q.channel === 'chat')
  const voiceEntry = ivrIds.length > 0 ? { ivrId: ivrIds.includes('main') ? 'main' : ivrIds[0]! } : voiceQueue ? { queueId: voiceQueue.id } : undefined
  return { ...(voiceEntry ? { voiceEntry } : {}), ...(chatQueue ? { chatQueueId: chatQueue.id } : {}) }
}

/** Where prompts uploaded in the app live: AGNER_DATA_DIR/prompts (they win over AGNER_AUDIO_DIR's). */
export function promptsFolder(config: Config): string {
  return resolve(join(config.dataDir, 'prompts'))
}

/** Where recordings live: AGNER_RECORDINGS_DIR, else AGNER_DATA_DIR/recordings. */
export function recordingsFolder(config: Config): string {
  return resolve(config.recordings.dir ?? join(config.dataDir, 'recordings'))
}
