/**
 * A board's live data, for its screens and the editor's preview:
 *   GET /api/boards/:id/live: the snapshot scoped to the board's queues
 *   WS /ws/boards/:id/live: that snapshot, then deltas, and `board` messages when it is edited
 *   GET /api/boards/:id/trend?metric=&queues=: a metric per 15-minute interval of today so far
 *     (live engine) and of the same weekday last week (store)
 */
import type { CenterCodes } from '@agner/events'
import type { FastifyPluginAsync } from 'fastify'
import { intervalCounters, type Store } from '@agner/analytics'
import { boardVisibleTo } from '../access/boards.ts'
import type { AccessDirectory } from '../access/directory.ts'
import { startOfDayIn } from '../live/day.ts'
import type { LiveEngine } from '../live/engine.ts'
import type { LiveFeed } from '../live/feed.ts'
import { scopedView } from '../live/scope.ts'
import { INTERVAL_MS, seriesOf, TREND_METRICS, type IntervalRow, type TrendMetric, type TrendSeries } from '../live/trend.ts'
import { ID_PARAMS } from './auth/schemas.ts'
import type { SocketRegistry } from './auth/socket-registry.ts'
import { boardView, requestedBoard, TOKEN_QUERY } from './board-routes.ts'
import type { BoardScreens } from './board-screens.ts'
import { streamLive } from './live-stream.ts'

export interface BoardLiveOptions {
  directory: AccessDirectory
  engine: LiveEngine
  feed: LiveFeed
  sockets: SocketRegistry
  screens: BoardScreens
  store: Store
  tenant: string
  codes?: CenterCodes
}

const DAY = 86_400_000
const TREND_QUERY = {
  type: 'object', required: ['metric'],
  properties: { metric: { type: 'string', enum: [...TREND_METRICS] }, queues: { type: 'string', maxLength: 4096 }, access_token: { type: 'string', maxLength: 256 } },
} as const

export const boardLiveRoutes: FastifyPluginAsync<BoardLiveOptions> = async (app, opts) => {
  const { directory, engine } = opts
  const readOrDisplay = { permission: 'boards:read', display: true } as const

  app.get('/api/boards/:id/live', { schema: { params: ID_PARAMS, querystring: TOKEN_QUERY }, config: { access: readOrDisplay } }, async (req, reply) => {
    const board = requestedBoard(directory, req, reply)
    return board ? scopedView(engine.snapshot(Date.now()), new Set(board.queueIds)) : reply
  })

  app.get('/ws/boards/:id/live', { websocket: true, schema: { params: ID_PARAMS, querystring: TOKEN_QUERY }, config: { access: readOrDisplay } }, (socket, req) => {
    const board = directory.get('boards', (req.params as { id: string }).id)
    const p = req.principal!
    if (!board || !boardVisibleTo(p, board)) { socket.close(4403, 'not your board'); return }
    opts.screens.add(board.id, socket)
    streamLive(socket, p.kind === 'display' ? p : { ...p, boardId: board.id }, new Set(board.queueIds), opts, { board: boardView(board) })
  })

  app.get('/api/boards/:id/trend', { schema: { params: ID_PARAMS, querystring: TREND_QUERY }, config: { access: readOrDisplay } }, async (req, reply) => {
    const board = requestedBoard(directory, req, reply)
    if (!board) return reply
    const q = req.query as { metric: TrendMetric; queues?: string }
    const asked = q.queues ? q.queues.split(',').filter(Boolean) : board.queueIds
    const outside = asked.find((id) => !board.queueIds.includes(id))
    if (outside) return reply.status(400).send({ error: `Queue "${outside}" is not on this board; pick from its queues.` })
    const now = Date.now()
    const dayStart = engine.currentDayStart
    const dayEnd = startOfDayIn(dayStart + DAY + 3 * 3_600_000, engine.timeZone) // 23 or 25 h on DST days
    const settings = (id: string) => engine.settingsOf(id)
    const todayRows: IntervalRow[] = asked.flatMap((id) => engine.intervalCounters(id).map((r) => ({ queueId: id, start: r.start, counters: r.counters })))
    const weekAgo = startOfDayIn(dayStart - 7 * DAY + 3 * 3_600_000, engine.timeZone)
    const lastWeekRows = await intervalCounters(opts.store.client, {
      tenant: opts.tenant, fromMs: weekAgo, toMs: weekAgo + (dayEnd - dayStart), queues: asked,
      thresholds: { default: settings(''), byQueue: Object.fromEntries(asked.map((id) => [id, settings(id)])) },
    })
    const today = seriesOf(todayRows, q.metric, dayStart, dayEnd, settings)
    const current = Math.floor((now - dayStart) / INTERVAL_MS)
    for (let i = current + 1; i < today.length; i++) today[i] = null
    const series: TrendSeries = { metric: q.metric, intervalMs: INTERVAL_MS, dayStart, today, lastWeek: seriesOf(lastWeekRows, q.metric, weekAgo, weekAgo + (dayEnd - dayStart), settings) }
    return series
  })

  // A WebSocket upgrade has no reply to send a 403 on: refuse other boards before the upgrade.
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.url === '/ws/boards/:id/live') { if (!requestedBoard(directory, req, reply)) return reply }
  })
}
