/**
 * Wallboards' configuration, saved per team: GET/POST /api/boards, GET/PATCH/DELETE /api/boards/:id.
 * A layout is saved only if it can render (@agner/boards checkLayout, against the board's queues);
 * a change is pushed at once to every screen showing the board (board-live-routes.ts). A display
 * link reaches its own board and nothing else.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { uuidv7 } from '@agner/events'
import { checkLayout, defaultLayout, LayoutError } from '@agner/boards'
import { SaidError, sentences } from '@agner/events'
import { refusalBody } from './errors.ts'
import { boardVisibleTo } from '../access/boards.ts'
import type { AccessDirectory } from '../access/directory.ts'
import { seesAllOf, type Principal } from '../access/principal.ts'
import type { BoardRecord } from '../access/records.ts'
import type { AuditLog } from '../access/store/audit-log.ts'
import { actorOf } from './auth/audit-actor.ts'
import { ID_PARAMS, QUEUE_IDS } from './auth/schemas.ts'
import type { BoardScreens } from './board-screens.ts'

export interface BoardRoutesOptions {
  directory: AccessDirectory
  audit: AuditLog
  screens: BoardScreens
  knownQueue: (id: string) => boolean
}

const FIELDS = {
  name: { type: 'string', minLength: 1, maxLength: 128 },
  teamId: { type: 'string', maxLength: 64 },
  queueIds: QUEUE_IDS,
  layout: { type: 'string', maxLength: 262_144 },
} as const
export const TOKEN_QUERY = { type: 'object', properties: { access_token: { type: 'string', maxLength: 256 } } } as const

interface BoardInput { name?: string; teamId?: string; queueIds?: string[]; layout?: string }

const sayBoard = sentences({
  noQueue: { en: 'There is no queue "{queue}"; pick queues from the list.', 'zh-CN': '没有队列“{queue}”；请从列表中选择队列。' },
  notYourQueues: { en: 'A board can only show queues of your teams.', 'zh-CN': '看板只能显示您所在团队的队列。' },
  noTeam: { en: 'There is no team "{team}"; pick one of yours.', 'zh-CN': '没有团队“{team}”；请选择您自己的团队。' },
  notYourTeam: { en: 'You can only save boards for your own teams.', 'zh-CN': '您只能为自己的团队保存看板。' },
  nameTaken: { en: 'There is already a board named "{name}"; choose another name.', 'zh-CN': '已有名为“{name}”的看板；请换一个名称。' },
})

export const boardRoutes: FastifyPluginAsync<BoardRoutesOptions> = async (app, opts) => {
  const { directory, audit } = opts
  const read = { permission: 'boards:read' } as const
  const readOrDisplay = { permission: 'boards:read', display: true } as const
  const write = { permission: 'boards:write' } as const
  const boardFor = (req: FastifyRequest, reply: FastifyReply): BoardRecord | undefined => requestedBoard(directory, req, reply)

  function inputProblem(p: Principal, body: BoardInput, current?: BoardRecord): SaidError | undefined {
    // Names are unique among live boards, so an import or a copy never makes a silent twin.
    const name = body.name?.trim()
    if (name && directory.list('boards').some((b) => !b.deleted && b.id !== current?.id && b.name.trim().toLowerCase() === name.toLowerCase())) {
      return new SaidError(sayBoard('nameTaken', { name: name.slice(0, 128) }))
    }
    const unknown = body.queueIds?.find((q) => !opts.knownQueue(q))
    if (unknown) return new SaidError(sayBoard('noQueue', { queue: unknown.slice(0, 64) }))
    if (body.queueIds && !seesAllOf(p.queues, body.queueIds)) return new SaidError(sayBoard('notYourQueues'))
    if (body.teamId) {
      const team = directory.get('teams', body.teamId)
      if (!team || team.deleted) return new SaidError(sayBoard('noTeam', { team: body.teamId.slice(0, 64) }))
      const user = directory.get('users', p.id)
      if (p.queues !== 'all' && !user?.teamIds.includes(body.teamId)) return new SaidError(sayBoard('notYourTeam'))
    }
    // The layout must render with the board's queues (the new ones when they change too).
    const queues = new Set(body.queueIds ?? current?.queueIds ?? [])
    const layout = body.layout ?? (body.queueIds && current ? current.layout : undefined)
    if (layout !== undefined) {
      try { checkLayout(layout, (q) => queues.has(q)) } catch (err) {
        if (err instanceof LayoutError) return err
        throw err
      }
    }
    return undefined
  }

  app.get('/api/boards', { config: { access: read } }, async (req) => ({
    boards: directory.list('boards').filter((b) => boardVisibleTo(req.principal!, b)).sort((a, b) => a.name.localeCompare(b.name)).map(boardView),
  }))

  app.post('/api/boards', {
    schema: { body: { type: 'object', required: ['name', 'queueIds'], additionalProperties: false, properties: FIELDS } },
    config: { access: write },
  }, async (req, reply) => {
    const body = req.body as Required<Pick<BoardInput, 'name' | 'queueIds'>> & BoardInput
    const problem = inputProblem(req.principal!, body)
    if (problem) return reply.status(problem.said.code === 'nameTaken' ? 409 : 400).send(refusalBody(req, problem))
    const board = await directory.save('boards', {
      id: uuidv7(), name: body.name.trim(), teamId: body.teamId ?? '', queueIds: body.queueIds, layout: body.layout ?? JSON.stringify(defaultLayout()),
      deleted: false, createdBy: req.principal!.name, createdMs: Date.now(), updatedMs: 0,
    })
    await audit.record({ ...actorOf(req), action: 'board.create', target: board.name, ok: true, detail: { id: board.id, queueIds: board.queueIds } })
    return reply.status(201).send({ board: boardView(board) })
  })

  app.get('/api/boards/:id', { schema: { params: ID_PARAMS, querystring: TOKEN_QUERY }, config: { access: readOrDisplay } }, async (req, reply) => {
    const board = boardFor(req, reply)
    return board ? { board: boardView(board) } : reply
  })

  app.patch('/api/boards/:id', {
    schema: { params: ID_PARAMS, body: { type: 'object', additionalProperties: false, minProperties: 1, properties: FIELDS } },
    config: { access: write },
  }, async (req, reply) => {
    const board = boardFor(req, reply)
    if (!board) return reply
    const body = req.body as BoardInput
    const problem = inputProblem(req.principal!, body, board)
    if (problem) return reply.status(problem.said.code === 'nameTaken' ? 409 : 400).send(refusalBody(req, problem))
    const saved = await directory.save('boards', { ...board, ...body })
    opts.screens.changed(board, saved, boardView)
    await audit.record({ ...actorOf(req), action: 'board.update', target: saved.name, ok: true, detail: { id: saved.id, changed: Object.keys(body) } })
    return { board: boardView(saved) }
  })

  app.delete('/api/boards/:id', { schema: { params: ID_PARAMS }, config: { access: write } }, async (req, reply) => {
    const board = boardFor(req, reply)
    if (!board) return reply
    await directory.save('boards', { ...board, deleted: true })
    for (const t of directory.list('tokens')) if (t.kind === 'display' && t.boardId === board.id && t.revokedMs === 0) await directory.save('tokens', { ...t, revokedMs: Date.now() })
    opts.screens.deleted(board.id)
    await audit.record({ ...actorOf(req), action: 'board.delete', target: board.name, ok: true, detail: { id: board.id } })
    return { ok: true }
  })
}

/** The board the caller asked for (params.id), or undefined with the reply already sent. */
export function requestedBoard(directory: AccessDirectory, req: FastifyRequest, reply: FastifyReply): BoardRecord | undefined {
  const { id } = req.params as { id: string }
  const p = req.principal!
  if (p.kind === 'display' && p.boardId !== id) { void reply.status(403).send({ error: 'A display link opens its own wallboard only.' }); return undefined }
  const board = directory.get('boards', id)
  if (!board || board.deleted) { void reply.status(404).send({ error: 'There is no such board; it may have been deleted.' }); return undefined }
  if (!boardVisibleTo(p, board)) { void reply.status(403).send({ error: 'This board shows queues outside your teams; ask an admin.' }); return undefined }
  return board
}

export function boardView(b: BoardRecord): Omit<BoardRecord, 'deleted' | 'updatedMs'> & { updatedMs: number } {
  const { deleted: _d, ...rest } = b
  return rest
}
