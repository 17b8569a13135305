/**
 * The route × role matrix. For every route the server registered, every kind of caller gets
 * exactly the answer this table says: the caller's success status when allowed, 401 when nobody
 * is signed in, 403 otherwise. The table is written here by hand, apart from the code's matrix,
 * and the test fails when a route exists that the table does not list (or the other way round).
 * Along the way it collects every response and checks that none carries a password hash or a
 * token's secret (creation answers show their own secret once, and nothing else).
 */
import Fastify from 'fastify'
import cookie from '@fastify/cookie'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { sampleEvent } from '@agner/events/testing'
import { newToken } from '../src/access/tokens.ts'
import { guard } from '../src/server/auth/guard.ts'
import { ROLES, TOKEN_SCOPES, type Role } from '../src/access/permissions.ts'
import { apiToken, signIn } from './support/access.ts'
import { defaultRules } from '../src/wfm/schedule-input.ts'
import { startAccessCenter, type AccessCenter } from './support/access-center.ts'

type Caller = 'anonymous' | Role | 'token' | 'display'
const CALLERS: Caller[] = ['anonymous', ...ROLES, 'token', 'display']
const EVERYONE: Caller[] = CALLERS
const USERS: Caller[] = [...ROLES]

interface Req { path: string; body?: unknown }
interface Row { allow: Caller[]; ok: number; req: () => Promise<Req> | Req; ws?: true }

let c: AccessCenter
const auth = {} as Record<Caller, Record<string, string>>
const secrets: string[] = []
const bodies: Array<{ route: string; caller: Caller; text: string }> = []

beforeAll(async () => {
  c = await startAccessCenter()
  auth.anonymous = {}
  for (const r of ROLES) auth[r] = (await signIn(c.url, c.usernames[r], c.passwords[r])).headers
  const token = await apiToken(c.agner.access.directory, [...TOKEN_SCOPES])
  auth.token = { authorization: `Bearer ${token}` }
  const display = newToken('display', { name: 'matrix TV', boardId: c.boards.sales, createdBy: 'test' })
  await c.agner.access.directory.save('tokens', display.record)
  auth.display = { authorization: `Bearer ${display.token}` }
  secrets.push(token, token.split('.')[1]!, display.token, display.token.split('.')[1]!, ...Object.values(c.passwords))
}, 60_000)
afterAll(async () => { await c?.dispose() })

/** Throwaway records for routes that change or delete one. */
const dir = () => c.agner.access.directory
async function throwawayUser(): Promise<string> {
  const u = await dir().save('users', {
    id: `u-${Math.random().toString(36).slice(2)}`, username: `tmp-${Math.random().toString(36).slice(2)}`, displayName: 'tmp', passwordHash: 'scrypt$1$1$1$x$y',
    role: 'agent', teamIds: [], agentId: '', pii: false, locale: '', theme: '', disabled: false, deleted: false, createdMs: Date.now(), updatedMs: 0,
  })
  return u.id
}
async function throwawayTeam(): Promise<string> {
  return (await dir().save('teams', { id: `t-${Math.random().toString(36).slice(2)}`, name: 'tmp', queueIds: ['sales'], deleted: false, createdMs: Date.now(), updatedMs: 0 })).id
}
async function throwawayBoard(): Promise<string> {
  return (await dir().save('boards', {
    id: `b-${Math.random().toString(36).slice(2)}`, name: 'tmp', teamId: '', queueIds: ['sales'], layout: '{}', deleted: false, createdBy: 'test', createdMs: Date.now(), updatedMs: 0,
  })).id
}
async function throwawayToken(kind: 'api' | 'display'): Promise<string> {
  const t = newToken(kind, { name: 'tmp', scopes: kind === 'api' ? ['live:read'] : [], boardId: kind === 'display' ? c.boards.sales : '', createdBy: 'test' })
  return (await dir().save('tokens', t.record)).id
}

// Who may call what: the permission matrix of the README, restated.
const MATRIX: Record<string, Row> = {
  'GET /healthz': { allow: EVERYONE, ok: 200, req: () => ({ path: '/healthz' }) },
  'GET /readyz': { allow: EVERYONE, ok: 200, req: () => ({ path: '/readyz' }) },
  // Signing in is open to all; with a wrong password the answer is 401 whoever asks.
  'POST /api/auth/login': { allow: EVERYONE, ok: 401, req: () => ({ path: '/api/auth/login', body: { username: `nobody-${Math.random()}`, password: 'wrong' } }) },
  'POST /api/auth/logout': { allow: USERS, ok: 200, req: () => ({ path: '/api/auth/logout' }) },
  'GET /api/me': { allow: USERS, ok: 200, req: () => ({ path: '/api/me' }) },
  'PATCH /api/me': { allow: USERS, ok: 200, req: () => ({ path: '/api/me', body: { theme: 'dark' } }) },
  'POST /api/me/password': { allow: USERS, ok: 400, req: () => ({ path: '/api/me/password', body: { current: 'not it', next: 'a long enough new password' } }) },
  'GET /api/users': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/users' }) },
  'POST /api/users': { allow: ['admin'], ok: 201, req: () => ({ path: '/api/users', body: { username: `new-${Math.random().toString(36).slice(2)}`, role: 'agent' } }) },
  'PATCH /api/users/:id': { allow: ['admin'], ok: 200, req: async () => ({ path: `/api/users/${await throwawayUser()}`, body: { displayName: 'changed' } }) },
  'DELETE /api/users/:id': { allow: ['admin'], ok: 200, req: async () => ({ path: `/api/users/${await throwawayUser()}` }) },
  'GET /api/teams': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/teams' }) },
  'POST /api/teams': { allow: ['admin'], ok: 201, req: () => ({ path: '/api/teams', body: { name: 'Night shift', queueIds: ['support'] } }) },
  'PATCH /api/teams/:id': { allow: ['admin'], ok: 200, req: async () => ({ path: `/api/teams/${await throwawayTeam()}`, body: { name: `renamed ${Math.random().toString(36).slice(2)}` } }) },
  'DELETE /api/teams/:id': { allow: ['admin'], ok: 200, req: async () => ({ path: `/api/teams/${await throwawayTeam()}` }) },
  'GET /api/tokens': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/tokens' }) },
  'POST /api/tokens': { allow: ['admin'], ok: 201, req: () => ({ path: '/api/tokens', body: { name: 'CRM', scopes: ['events:write'] } }) },
  'DELETE /api/tokens/:id': { allow: ['admin'], ok: 200, req: async () => ({ path: `/api/tokens/${await throwawayToken('api')}` }) },
  'GET /api/display-links': { allow: ['supervisor', 'admin'], ok: 200, req: () => ({ path: '/api/display-links' }) },
  'POST /api/display-links': { allow: ['supervisor', 'admin'], ok: 201, req: () => ({ path: '/api/display-links', body: { boardId: c.boards.sales, name: 'TV 2' } }) },
  'DELETE /api/display-links/:id': { allow: ['supervisor', 'admin'], ok: 200, req: async () => ({ path: `/api/display-links/${await throwawayToken('display')}` }) },
  'GET /api/audit': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/audit?limit=5' }) },
  'POST /api/events': { allow: ['admin', 'token'], ok: 202, req: () => ({ path: '/api/events', body: [sampleEvent()] }) },
  'GET /api/live': { allow: [...ROLES, 'token'], ok: 200, req: () => ({ path: '/api/live' }) },
  'GET /ws/live': { allow: [...ROLES, 'token'], ok: 101, ws: true, req: () => ({ path: '/ws/live' }) },
  'GET /api/queues': { allow: [...ROLES, 'token'], ok: 200, req: () => ({ path: '/api/queues' }) },
  'GET /api/contacts': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/contacts' }) },
  'GET /api/contacts/:id/media': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/contacts/c-nobody/media' }) },
  // Recordings are for people (no token scope), each playback audited.
  'GET /api/recordings/:id/audio': { allow: ['supervisor', 'manager', 'admin'], ok: 404, req: () => ({ path: '/api/recordings/r-nobody/audio' }) },
  'GET /api/monitor/calls': { allow: ['supervisor', 'admin'], ok: 200, req: () => ({ path: '/api/monitor/calls' }) },
  'GET /ws/monitor': { allow: ['supervisor', 'admin'], ok: 101, ws: true, req: () => ({ path: '/ws/monitor' }) },
  'GET /api/reports': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/reports' }) },
  'GET /api/reports/:name': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/reports/queue-performance' }) },
  // Nobody has this contact: those who may read contacts get 404; the planner, who may not, 403.
  'GET /api/reports/contacts/:id': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/reports/contacts/c-nobody' }) },
  'GET /api/report-schedules': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/report-schedules' }) },
  // Schedules belong to users: a token may list (nothing) but not own one.
  'POST /api/report-schedules': { allow: ['supervisor', 'manager', 'admin'], ok: 201, req: () => ({ path: '/api/report-schedules', body: { name: 'Daily', report: 'queue-performance', format: 'csv', frequency: 'daily', atTime: '06:00' } }) },
  'DELETE /api/report-schedules/:id': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/report-schedules/nope' }) },
  'POST /api/report-schedules/:id/run': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/report-schedules/nope/run' }) },
  'GET /api/report-runs/:id/file': { allow: ['supervisor', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/report-runs/nope/file' }) },
  'GET /api/wfm/plan': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/plan?queue=sales&weeks=3' }) },
  'POST /api/wfm/forecasts': { allow: ['planner', 'admin'], ok: 201, req: () => ({ path: '/api/wfm/forecasts?queue=sales&weeks=3', body: { name: 'matrix' } }) },
  'GET /api/wfm/forecasts': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/forecasts?queue=sales' }) },
  'GET /api/wfm/forecasts/:id': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/wfm/forecasts/nope' }) },
  'GET /api/wfm/rules': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/rules' }) },
  'PUT /api/wfm/rules': { allow: ['planner', 'admin'], ok: 200, req: () => ({ path: '/api/wfm/rules', body: defaultRules() }) },
  // The matrix center has no history to forecast from: those allowed get the 400 that says so.
  'POST /api/wfm/schedules': { allow: ['planner', 'admin'], ok: 400, req: () => ({ path: '/api/wfm/schedules', body: { week: '2026-11-30', timeLimitSec: 1 } }) },
  'GET /api/wfm/schedules': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/schedules' }) },
  'GET /api/wfm/schedules/:id': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/wfm/schedules/nope' }) },
  'PUT /api/wfm/schedules/:id/agents/:agentId/days/:day': { allow: ['planner', 'admin'], ok: 404, req: () => ({ path: '/api/wfm/schedules/nope/agents/agent-01/days/0', body: { shift: null } }) },
  'POST /api/wfm/schedules/:id/publish': { allow: ['planner', 'admin'], ok: 404, req: () => ({ path: '/api/wfm/schedules/nope/publish' }) },
  'GET /api/wfm/schedules/:id/export': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 404, req: () => ({ path: '/api/wfm/schedules/nope/export?format=xlsx' }) },
  'GET /api/wfm/my-schedule': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/wfm/my-schedule' }) },
  'GET /api/wfm/rta': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/rta' }) },
  'GET /api/wfm/adherence': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/adherence' }) },
  'GET /api/boards': { allow: ['supervisor', 'planner', 'manager', 'admin'], ok: 200, req: () => ({ path: '/api/boards' }) },
  'POST /api/boards': { allow: ['supervisor', 'admin'], ok: 201, req: () => ({ path: '/api/boards', body: { name: `New board ${Math.random().toString(36).slice(2)}`, queueIds: ['sales'] } }) },
  'GET /api/boards/:id': { allow: ['supervisor', 'planner', 'manager', 'admin', 'display'], ok: 200, req: () => ({ path: `/api/boards/${c.boards.sales}` }) },
  'PATCH /api/boards/:id': { allow: ['supervisor', 'admin'], ok: 200, req: async () => ({ path: `/api/boards/${await throwawayBoard()}`, body: { name: `renamed ${Math.random().toString(36).slice(2)}` } }) },
  'DELETE /api/boards/:id': { allow: ['supervisor', 'admin'], ok: 200, req: async () => ({ path: `/api/boards/${await throwawayBoard()}` }) },
  'GET /api/boards/:id/live': { allow: ['supervisor', 'planner', 'manager', 'admin', 'display'], ok: 200, req: () => ({ path: `/api/boards/${c.boards.sales}/live` }) },
  'GET /api/boards/:id/trend': { allow: ['supervisor', 'planner', 'manager', 'admin', 'display'], ok: 200, req: () => ({ path: `/api/boards/${c.boards.sales}/trend?metric=serviceLevel` }) },
  'GET /api/agent': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/agent' }) },
  'POST /api/agent/status': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/agent/status', body: { status: 'aux', reasonCode: 'break' } }) },
  // Nothing is ringing and no contact is connected: the agent may ask, and gets 409 with the reason.
  'POST /api/agent/offers/:offerId/accept': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/offers/o999/accept' }) },
  'POST /api/agent/offers/:offerId/reject': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/offers/o999/reject' }) },
  'POST /api/agent/contacts/:contactId/hold': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/hold' }) },
  'POST /api/agent/contacts/:contactId/resume': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/resume' }) },
  'POST /api/agent/contacts/:contactId/end': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/end' }) },
  'POST /api/agent/contacts/:contactId/wrapup': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/wrapup', body: { dispositionCode: 'x' } }) },
  'POST /api/agent/contacts/:contactId/transfer': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/transfer', body: { queueId: 'support' } }) },
  'POST /api/agent/contacts/:contactId/consult': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/consult', body: { agentId: 'agent-02' } }) },
  'POST /api/agent/contacts/:contactId/consult/complete': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/consult/complete' }) },
  'POST /api/agent/contacts/:contactId/consult/cancel': { allow: ['agent'], ok: 409, req: () => ({ path: '/api/agent/contacts/c999/consult/cancel' }) },
  'POST /api/agent/next-status': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/agent/next-status', body: { status: null } }) },
  'GET /api/agent/desk': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/agent/desk' }) },
  'GET /api/agent/today': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/agent/today' }) },
  // No contact of the agent's: 404 with the reason.
  'GET /api/agent/contacts/:contactId/pop': { allow: ['agent'], ok: 404, req: () => ({ path: '/api/agent/contacts/c999/pop' }) },
  'GET /api/wfm/my-adherence': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/wfm/my-adherence' }) },
  'GET /api/widget/config': { allow: EVERYONE, ok: 200, req: () => ({ path: '/api/widget/config' }) },
  'GET /widget.js': { allow: EVERYONE, ok: 200, req: () => ({ path: '/widget.js' }) },
  'GET /ws/widget': { allow: EVERYONE, ok: 101, ws: true, req: () => ({ path: '/ws/widget?channel=chat&name=Matrix' }) },
  'GET /ws/agent': { allow: ['agent'], ok: 101, ws: true, req: () => ({ path: '/ws/agent' }) },
  'POST /api/agents/:agentId/status': { allow: ['supervisor', 'admin'], ok: 200, req: () => ({ path: '/api/agents/agent-01/status', body: { status: 'aux', reasonCode: 'coaching' } }) },
  'POST /api/acd/contacts': { allow: ['admin', 'token'], ok: 201, req: () => ({ path: '/api/acd/contacts', body: { queueId: 'support', ani: '13800000000' } }) },
  'POST /api/acd/ivr/:ivrId/calls': { allow: ['admin', 'token'], ok: 201, req: () => ({ path: '/api/acd/ivr/main/calls', body: { ani: '13800000000' } }) },
  // A contact that is not in a menu: the adapter may send the key, and gets 409 with the reason.
  'POST /api/acd/contacts/:contactId/dtmf': { allow: ['admin', 'token'], ok: 409, req: async () => ({ path: `/api/acd/contacts/${await c.agner.acd.run((e) => e.arrive({ queueId: 'billing' }))}/dtmf`, body: { digit: '1' } }) },
  'POST /api/acd/contacts/:contactId/callback': {
    allow: ['admin', 'token'], ok: 200, req: async () => ({ path: `/api/acd/contacts/${await c.agner.acd.run((e) => e.arrive({ queueId: 'billing' }))}/callback`, body: { number: '13800000000' } }),
  },
  'POST /api/acd/contacts/:contactId/hangup': {
    allow: ['admin', 'token'], ok: 200, req: async () => ({ path: `/api/acd/contacts/${await c.agner.acd.run((e) => e.arrive({ queueId: 'support' }))}/hangup` }),
  },
  'GET /api/center/config': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/config' }) },
  'PUT /api/center/config': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/config', body: { document: c.agner.center.current().document } }) },
  'GET /api/center/versions': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/versions' }) },
  'GET /api/center/versions/:version': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/center/versions/999' }) },
  'GET /api/center/export': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/export' }) },
  'POST /api/center/import': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/import', body: c.agner.center.current().document }) },
  'GET /api/center/agents': { allow: ['supervisor', 'admin'], ok: 200, req: () => ({ path: '/api/center/agents' }) },
  'PUT /api/center/agents/:agentId/skills': { allow: ['supervisor', 'admin'], ok: 404, req: () => ({ path: '/api/center/agents/nobody/skills', body: { skills: { sales: 1 } } }) },
  'GET /api/alerts': { allow: ['supervisor', 'planner', 'manager', 'admin'], ok: 200, req: () => ({ path: '/api/alerts' }) },
  'POST /api/alerts/seen': { allow: ['supervisor', 'planner', 'manager', 'admin'], ok: 200, req: () => ({ path: '/api/alerts/seen', body: { all: true } }) },
  'GET /api/alerts/history': { allow: ['supervisor', 'planner', 'manager', 'admin'], ok: 200, req: () => ({ path: '/api/alerts/history?from=2026-12-01&to=2026-12-02' }) },
  'GET /api/alert-settings': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/alert-settings' }) },
  'PUT /api/alert-settings': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/alert-settings', body: { rules: [], webhooks: [] } }) },
  'POST /api/alert-settings/webhooks/:id/test': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/alert-settings/webhooks/none/test' }) },
  'GET /api/center/prompts': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/center/prompts' }) },
  'GET /api/center/prompts/:name': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/center/prompts/nothing-here' }) },
  'PUT /api/center/prompts/:name': { allow: ['admin'], ok: 400, req: () => ({ path: '/api/center/prompts/bad.name', body: {} }) },
  'GET /api/wfm/intraday': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/intraday?queue=sales&weeks=3' }) },
  'POST /api/wfm/time-off': { allow: ['agent'], ok: 201, req: () => ({ path: '/api/wfm/time-off', body: { from: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10) } }) },
  'GET /api/wfm/time-off/mine': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/wfm/time-off/mine' }) },
  'POST /api/wfm/time-off/:id/cancel': { allow: ['agent'], ok: 404, req: () => ({ path: '/api/wfm/time-off/none/cancel' }) },
  'GET /api/wfm/time-off': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/time-off?status=pending' }) },
  'POST /api/wfm/time-off/:id/decision': { allow: ['planner', 'admin'], ok: 404, req: () => ({ path: '/api/wfm/time-off/none/decision', body: { approve: true } }) },
  'GET /api/wfm/swaps/colleagues': { allow: ['agent'], ok: 400, req: () => ({ path: '/api/wfm/swaps/colleagues?date=2020-01-06' }) },
  'POST /api/wfm/swaps': { allow: ['agent'], ok: 400, req: () => ({ path: '/api/wfm/swaps', body: { date: '2020-01-06', colleagueId: 'agent-04' } }) },
  'GET /api/wfm/swaps/mine': { allow: ['agent'], ok: 200, req: () => ({ path: '/api/wfm/swaps/mine' }) },
  'POST /api/wfm/swaps/:id/answer': { allow: ['agent'], ok: 404, req: () => ({ path: '/api/wfm/swaps/none/answer', body: { accept: true } }) },
  'POST /api/wfm/swaps/:id/cancel': { allow: ['agent'], ok: 404, req: () => ({ path: '/api/wfm/swaps/none/cancel' }) },
  'GET /api/wfm/swaps': { allow: ['supervisor', 'planner', 'manager', 'admin', 'token'], ok: 200, req: () => ({ path: '/api/wfm/swaps?status=pending' }) },
  'POST /api/wfm/swaps/:id/decision': { allow: ['planner', 'admin'], ok: 404, req: () => ({ path: '/api/wfm/swaps/none/decision', body: { approve: true } }) },
  'GET /api/sources': { allow: ['admin'], ok: 200, req: () => ({ path: '/api/sources' }) },
  'GET /api/sources/:id': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/sources/none' }) },
  'POST /api/sources': { allow: ['admin'], ok: 201, req: () => ({ path: '/api/sources', body: { id: `log-${Math.random().toString(36).slice(2, 8)}`, kind: 'asterisk-queuelog', path: '/nonexistent/queue_log' } }) },
  'PUT /api/sources/:id': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/sources/none', body: { kind: 'asterisk-queuelog', path: '/nonexistent/queue_log' } }) },
  'DELETE /api/sources/:id': { allow: ['admin'], ok: 404, req: () => ({ path: '/api/sources/none' }) },
  // A call no PBX reported: the agent may send a wrap-up, and gets 404 with the reason.
  'POST /api/agent/pbx-calls/:contactId/wrapup': { allow: ['agent'], ok: 404, req: () => ({ path: '/api/agent/pbx-calls/1700000000.1@sales/wrapup', body: { dispositionCode: 'sale' } }) },
  'GET /ws/boards/:id/live': { allow: ['supervisor', 'planner', 'manager', 'admin', 'display'], ok: 101, ws: true, req: () => ({ path: `/ws/boards/${c.boards.sales}/live` }) },
}

async function call(route: string, row: Row, caller: Caller): Promise<number> {
  const method = route.split(' ')[0]!
  const { path, body } = await row.req()
  let headers = auth[caller]
  // Signing out ends the session: use a fresh one so the other rows keep theirs.
  if (route === 'POST /api/auth/logout' && (ROLES as readonly string[]).includes(caller)) {
    headers = (await signIn(c.url, c.usernames[caller as Role], c.passwords[caller as Role])).headers
  }
  if (row.ws) return wsStatus(`${c.url.replace('http', 'ws')}${path}`, headers)
  const res = await fetch(`${c.url}${path}`, {
    method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  bodies.push({ route, caller, text })
  if (res.status === 401 || res.status === 403) expect(JSON.parse(text).error, `${route} as ${caller}`).toMatch(/^[A-Z].+\.$/)
  return res.status
}

function wsStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => { ws.once('close', () => resolve(101)); ws.close() })
    ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); res.resume() })
    ws.once('error', reject)
  })
}

describe('route × role matrix', () => {
  it('every registered route is in the table, and the table names no route that does not exist', () => {
    const registered = new Set(c.agner.app.guardedRoutes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))
    expect([...registered].sort()).toEqual(Object.keys(MATRIX).sort())
  })

  it('a route without declared access cannot be registered', async () => {
    const app = Fastify()
    await app.register(cookie)
    await app.register(guard, { directory: dir(), sessions: c.agner.access.sessions, scopes: c.agner.access.scopes })
    expect(() => app.get('/unguarded', async () => 'open')).toThrow(/GET \/unguarded declares no access/)
    await app.close()
  })

  for (const [route, row] of Object.entries(MATRIX)) {
    it(route, async () => {
      for (const caller of CALLERS) {
        const expected = row.allow.includes(caller) ? row.ok : caller === 'anonymous' ? 401 : 403
        expect(await call(route, row, caller), `${route} as ${caller}`).toBe(expected)
      }
    })
  }

  it('no response carries a password hash or a token secret, except a creation answer showing its own once', async () => {
    // Also read every list once more, now that tokens, links and users were created.
    for (const path of ['/api/users', '/api/tokens', '/api/display-links', '/api/audit?limit=500', '/api/me', '/api/boards', '/api/teams']) {
      bodies.push({ route: `GET ${path}`, caller: 'admin', text: await (await fetch(`${c.url}${path}`, { headers: auth.admin })).text() })
    }
    const hashes = dir().list('users').map((u) => u.passwordHash).concat(dir().list('tokens').map((t) => t.secretHash))
    for (const b of bodies) {
      expect(b.text, `${b.route} as ${b.caller}`).not.toMatch(/scrypt\$|passwordHash|password_hash|secretHash|secret_hash|idHash/)
      for (const h of hashes) expect(b.text.includes(h), `${b.route} as ${b.caller} shows a hash`).toBe(false)
      const creates = b.route === 'POST /api/tokens' || b.route === 'POST /api/display-links' || b.route === 'POST /api/users'
      if (!creates) for (const s of secrets) expect(b.text.includes(s), `${b.route} as ${b.caller} shows a secret`).toBe(false)
    }
  })
})
