/**
 * buildApp(): the Fastify application with every route, given its collaborators. No listening,
 * no process concerns (those live in server.ts), so tests build it and inject requests.
 * The guard is registered first: every route after it must declare its access.
 */
import type { SourcesService } from '../sources/sources-service.ts'
import type { PbxControl } from '../sources/pbx-control.ts'
import { sourceRoutes } from './source-routes.ts'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import websocket from '@fastify/websocket'
import type { Bus } from '@agner/events'
import type { RollupRefresher, Store } from '@agner/analytics'
import type { AccessDirectory } from '../access/directory.ts'
import type { ScopeSources } from '../access/principals.ts'
import type { Sessions } from '../access/sessions.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import type { LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'
import { auditRoutes } from './auth/audit-routes.ts'
import { authRoutes, type LoginLimits } from './auth/auth-routes.ts'
import { guard } from './auth/guard.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'
import { teamsRoutes } from './auth/teams-routes.ts'
import { tokensRoutes } from './auth/tokens-routes.ts'
import { usersRoutes } from './auth/users-routes.ts'
import type { RealtimeAcd } from '@agner/telephony'
import { agentRoutes } from './agent-routes.ts'
import { boardRoutes } from './board-routes.ts'
import { boardLiveRoutes } from './board-live-routes.ts'
import { BoardScreens } from './board-screens.ts'
import { contactsRoutes } from './contacts-routes.ts'
import { reportRoutes } from './report-routes.ts'
import { wfmRoutes } from './wfm-routes.ts'
import { acdConcurrency, scheduleRoutes } from './schedule-routes.ts'
import type { WfmRules } from '../wfm/schedule-types.ts'
import { engineCatalog } from '../reports/catalog.ts'
import { ReportService } from '../reports/service.ts'
import { ReportScheduler } from '../reports/scheduler.ts'
import { reportScheduleRoutes } from './report-schedule-routes.ts'
import { reportCaller } from './report-routes.ts'
import { userPrincipal } from '../access/principals.ts'
import { installErrorHandler } from './errors.ts'
import { refuseUnknownQueryParameters } from './strict-query.ts'
import { eventsRoute } from './events-route.ts'
import type { StoreHealth } from '../store-health.ts'
import type { CenterCodes } from '@agner/events'
import { healthRoutes } from './health-routes.ts'
import { liveRoutes } from './live-routes.ts'
import { webStatic } from './web-static.ts'
import { widgetRoutes } from './widget-routes.ts'
import { deskRoutes } from './desk-routes.ts'
import { recordingRoutes } from './recording-routes.ts'
import { monitorRoutes } from './monitor-routes.ts'
import type { CallDirector } from '../desk/call-director.ts'
import type { IceServer } from '@agner/telephony'
import { centerRoutes } from './center-routes.ts'
import { promptRoutes } from './prompt-routes.ts'
import { alertRoutes } from './alert-routes.ts'
import { timeOffRoutes } from './time-off-routes.ts'
import type { SimulatedFloor } from './agent-routes.ts'
import { shiftSwapRoutes } from './shift-swap-routes.ts'
import type { AlertsService } from '../alerts/alerts-service.ts'
import type { CenterConfig } from '../center/center-config.ts'
import { seesQueue } from '../access/principal.ts'

export interface AccessDeps {
  directory: AccessDirectory
  sessions: Sessions
  audit: AuditLog
  sockets: SocketRegistry
  scopes: ScopeSources
}

export interface SecurityOptions {
  login: LoginLimits
  sessionAbsoluteMs: number
  cookieSecure?: boolean
  corsOrigins: string[]
  trustProxy: boolean
}

export interface AppDeps {
  bus: Bus
  store: Store
  engine: LiveEngine
  feed: LiveFeed
  access: AccessDeps
  security: SecurityOptions
  /** The embedded ACD behind the agent-control API. */
  acd: RealtimeAcd
  /** Report rollups, refreshed before each report. */
  rollups?: RollupRefresher
  tenant: string
  /** The center's zone: report periods and "today". */
  timeZone?: string
  /** Scheduled reports write their files here; none run without it. */
  outboxDir?: string
  /** WFM rules for a center that has saved none (the demo center's contracts). */
  wfmDefaults?: Partial<WfmRules>
  /** POST /api/events bodies; every other route takes at most OTHER_BODY_BYTES. */
  maxBodyBytes: number
  publishTimeoutMs?: number
  /** Whether the store takes writes (a full disk refuses ingestion with a sentence). */
  storeHealth?: StoreHealth
  /** The live demo's simulated floor (its agents' status is set there). */
  simulated?: SimulatedFloor
  /** Alert rules at work (the bell, webhooks). */
  alerts?: AlertsService
  /** IVR prompts: uploaded in the app (dir) and shipped (AGNER_AUDIO_DIR). */
  prompts?: { dir: string; audioDir: string }
  /** The center's configuration, edited in the app (Admin → Center). */
  center?: CenterConfig
  /** The center's own disposition and aux reason codes with their names in both languages. */
  codes?: CenterCodes
  /** PBX sources (Admin → Sources) and the control of agents who live on a PBX. */
  sources?: { service: SourcesService; pbx: PbxControl }
  /** Browser calls and chats: the director, and what the widget offers. */
  desk?: { director: CallDirector; iceServers: IceServer[]; widgetOrigins: string[]; widgetLimits?: { concurrent: number; perMinute: number }; chat: boolean; voice: boolean }
  /** Call recordings: their folder and how many days they are kept. */
  recordings?: { dir: string; days: number }
  webRoot?: string
  logLevel?: string
}

/** Bodies of every route but POST /api/events (forms, boards, rules). */
const OTHER_BODY_BYTES = 1_048_576

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logLevel === 'silent' || !deps.logLevel ? false : { level: deps.logLevel },
    bodyLimit: OTHER_BODY_BYTES,
    trustProxy: deps.security.trustProxy,
    // One log line per request would drown the log at event rates; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  })
  installErrorHandler(app)
  refuseUnknownQueryParameters(app)
  const { directory, sessions, audit, sockets, scopes } = deps.access
  await app.register(cookie)
  // Security headers first, so that refusals (401/403) carry them too.
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null } },
    // The wallboard's display link carries its token in the URL: never send it on as a referrer.
    referrerPolicy: { policy: 'no-referrer' },
  })
  await app.register(guard, { directory, sessions, scopes, corsOrigins: deps.security.corsOrigins })
  // CORS is closed unless origins are configured: browsers on other sites cannot read the API.
  if (deps.security.corsOrigins.length > 0) {
    await app.register(cors, { origin: deps.security.corsOrigins, credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type'] })
  }
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // On shutdown, say goodbye (1001: clients reconnect), and do not wait on a peer that vanished.
    preClose(done) {
      const server = this.websocketServer
      for (const client of server.clients) client.close(1001, 'Agner is stopping; reconnecting')
      setTimeout(() => { for (const client of server.clients) client.terminate() }, 1000).unref()
      server.close(done)
    },
  })

  const knownQueue = (id: string): boolean => deps.engine.hasQueue(id)
  await app.register(healthRoutes, { bus: deps.bus, store: deps.store, storeHealth: deps.storeHealth, sources: deps.sources?.service })
  await app.register(authRoutes, {
    directory, sessions, audit, limits: deps.security.login, absoluteMs: deps.security.sessionAbsoluteMs, secureCookies: deps.security.cookieSecure,
    timeZone: deps.timeZone ?? deps.engine.timeZone, codes: deps.codes,
  })
  await app.register(usersRoutes, { directory, sessions, audit })
  await app.register(teamsRoutes, { directory, audit, knownQueue })
  await app.register(tokensRoutes, { directory, audit })
  await app.register(auditRoutes, { audit })
  await app.register(eventsRoute, { bus: deps.bus, tenant: deps.tenant, maxBodyBytes: deps.maxBodyBytes, publishTimeoutMs: deps.publishTimeoutMs, refusal: () => deps.storeHealth?.refusal() })
  await app.register(liveRoutes, { engine: deps.engine, feed: deps.feed, sockets, codes: deps.codes })
  const screens = new BoardScreens()
  await app.register(boardRoutes, { directory, audit, screens, knownQueue })
  await app.register(boardLiveRoutes, { directory, engine: deps.engine, feed: deps.feed, sockets, screens, store: deps.store, tenant: deps.tenant, codes: deps.codes })
  await app.register(agentRoutes, { acd: deps.acd, sockets, engine: deps.engine, pbx: deps.sources?.pbx, ...(deps.desk ? { director: deps.desk.director } : {}), ...(deps.simulated ? { simulated: deps.simulated } : {}) })
  if (deps.center) await app.register(centerRoutes, { center: deps.center, audit, seesQueue: (p, q) => seesQueue(p.queues, q) })
  if (deps.prompts) await app.register(promptRoutes, { ...deps.prompts, audit })
  if (deps.alerts) {
    await app.register(alertRoutes, { alerts: deps.alerts, audit, timeZone: deps.timeZone ?? deps.engine.timeZone })
  }
  if (deps.sources) await app.register(sourceRoutes, { sources: deps.sources.service, pbx: deps.sources.pbx, audit })
  await app.register(contactsRoutes, { store: deps.store, tenant: deps.tenant, engine: deps.engine })
  await app.register(recordingRoutes, { store: deps.store, tenant: deps.tenant, audit, dir: deps.recordings?.dir ?? '', days: deps.recordings?.days ?? 0, agentName: (id) => deps.engine.agentName(id) })
  const catalog = engineCatalog(deps.engine)
  const reports = new ReportService({
    client: deps.store.client, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, catalog,
    team: (id) => directory.get('teams', id), refresher: deps.rollups, ...(deps.codes ? { codes: deps.codes } : {}),
  })
  await app.register(reportRoutes, { reports, directory, audit, catalog })
  await app.register(deskRoutes, {
    acd: deps.acd, engine: deps.engine, store: deps.store, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, catalog,
    iceServers: deps.desk?.iceServers ?? [], ...(deps.codes ? { codes: deps.codes } : {}), ...(deps.desk ? { director: deps.desk.director } : {}),
    ...(deps.sources ? { onPbx: (id: string) => deps.sources!.pbx.hosts(id) } : {}),
  })
  if (deps.desk) {
    await app.register(monitorRoutes, {
      director: deps.desk.director, audit, sockets, agentName: (id) => deps.engine.agentName(id),
      queueName: (id) => deps.engine.queueList().find((q) => q.id === id)?.name ?? id,
      displayName: (id) => directory.get('users', id)?.displayName,
    })
  }
  if (deps.desk) await app.register(widgetRoutes, { director: deps.desk.director, origins: deps.desk.widgetOrigins, iceServers: deps.desk.iceServers, offers: () => ({ chat: deps.desk!.chat, voice: deps.desk!.voice }), ...(deps.desk.widgetLimits ? { limits: deps.desk.widgetLimits } : {}) })
  await app.register(shiftSwapRoutes, {
    store: deps.store, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, audit, agentName: (id) => deps.engine.agentName(id), agentQueues: (id) => deps.engine.agentQueuesOf(id),
  })
  await app.register(timeOffRoutes, {
    store: deps.store, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, audit, agentName: (id) => deps.engine.agentName(id),
    agentQueues: (id) => deps.engine.agentQueuesOf(id), ...(deps.wfmDefaults ? { defaults: deps.wfmDefaults } : {}),
  })
  await app.register(wfmRoutes, { store: deps.store, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, catalog, audit })
  await app.register(scheduleRoutes, {
    store: deps.store, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, catalog, audit, engine: deps.engine,
    ...(deps.center ? { auxReasons: () => deps.center!.setup.auxReasons ?? [] } : {}),
    defaults: { ...deps.wfmDefaults, concurrency: acdConcurrency(deps.acd, catalog.queueIds()) },
  })
  if (deps.outboxDir) {
    const scheduler = new ReportScheduler({
      client: deps.store.client, tenant: deps.tenant, timeZone: deps.timeZone ?? deps.engine.timeZone, outboxDir: deps.outboxDir, reports, audit,
      callerFor: (ownerId) => {
        const u = directory.get('users', ownerId)
        return u && !u.deleted && !u.disabled ? reportCaller(userPrincipal(u, scopes), directory) : undefined
      },
    })
    await scheduler.load()
    app.addHook('onReady', async () => scheduler.start(30_000, (err) => app.log.error({ err }, 'scheduled reports could not run')))
    app.addHook('onClose', async () => scheduler.stop())
    await app.register(reportScheduleRoutes, { scheduler, reports, directory, audit })
  }
  if (deps.webRoot) await app.register(webStatic, { root: deps.webRoot, widgetOrigins: deps.desk?.widgetOrigins ?? [] })
  return app
}
