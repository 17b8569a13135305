/**
 * The recorded prompts IVR menus and messages play (Admin → Center → IVR), for admins (`settings:write`):
 *   GET /api/center/prompts            every prompt: uploaded here, or shipped in AGNER_AUDIO_DIR
 *   GET /api/center/prompts/:name      one, to listen to (audio/ogg)
 *   PUT /api/center/prompts/:name      upload one (body: an Ogg Opus file, up to 10 MB); it plays from the next call on
 * Uploads are kept under AGNER_DATA_DIR/prompts and win over a file of the same name in AGNER_AUDIO_DIR.
 */
import type { FastifyPluginAsync } from 'fastify'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AUDIO_NAME, readOggOpus } from '@agner/telephony'
import type { AuditLog } from '../access/store/audit-log.ts'
import { sayCenter } from '../center/center-sentences.ts'
import { actorOf } from './auth/audit-actor.ts'
import { sentenceBody } from './errors.ts'

export interface PromptRoutesOptions { dir: string; audioDir: string; audit: AuditLog }

const MAX_BYTES = 10 * 1024 * 1024
const NAME_PARAMS = { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 64 } } } as const

function listIn(dir: string): Array<{ name: string; bytes: number }> {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.ogg') && AUDIO_NAME.test(f.slice(0, -4))).map((f) => ({ name: f.slice(0, -4), bytes: statSync(join(dir, f)).size }))
  } catch { return [] }
}

export const promptRoutes: FastifyPluginAsync<PromptRoutesOptions> = async (app, { dir, audioDir, audit }) => {
  const admin = { access: { permission: 'settings:write' } } as const
  app.addContentTypeParser(['audio/ogg', 'audio/opus', 'application/ogg'], { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) => done(null, body))
  const list = () => {
    const uploaded = listIn(dir)
    const shipped = listIn(audioDir).filter((s) => !uploaded.some((u) => u.name === s.name))
    return { prompts: [...uploaded.map((p) => ({ ...p, uploaded: true })), ...shipped.map((p) => ({ ...p, uploaded: false }))].sort((a, b) => a.name.localeCompare(b.name)) }
  }
  const pathOf = (name: string): string | undefined => [dir, audioDir].map((d) => join(d, `${name}.ogg`)).find((p) => { try { return statSync(p).isFile() } catch { return false } })

  app.get('/api/center/prompts', { config: admin }, async () => list())

  app.get('/api/center/prompts/:name', { schema: { params: NAME_PARAMS }, config: admin }, async (req, reply) => {
    const { name } = req.params as { name: string }
    const path = AUDIO_NAME.test(name) ? pathOf(name) : undefined
    if (!path) return reply.status(404).send({ error: `There is no prompt "${name}"; upload it under Center → IVR.` })
    return reply.header('content-type', 'audio/ogg').header('cache-control', 'no-store').send(readFileSync(path))
  })

  app.put('/api/center/prompts/:name', { schema: { params: NAME_PARAMS }, bodyLimit: MAX_BYTES, config: admin }, async (req, reply) => {
    const { name } = req.params as { name: string }
    if (!AUDIO_NAME.test(name)) return reply.status(400).send(sentenceBody(req, sayCenter('promptName')))
    const body = req.body
    if (!Buffer.isBuffer(body)) return reply.status(415).send(sentenceBody(req, sayCenter('promptFormat', { reason: `sent as ${req.headers['content-type'] ?? 'no content type'}` })))
    let reason = ''
    try {
      if (readOggOpus(body).length === 0) reason = 'it holds no audio'
    } catch (err) { reason = (err as Error).message }
    if (reason) return reply.status(400).send(sentenceBody(req, sayCenter('promptFormat', { reason })))
    mkdirSync(dir, { recursive: true })
    const tmp = join(dir, `.${name}.${process.pid}.tmp`)
    writeFileSync(tmp, body)
    renameSync(tmp, join(dir, `${name}.ogg`))
    await audit.record({ ...actorOf(req), action: 'settings.change', target: `prompt ${name}`, ok: true, detail: { bytes: body.length } })
    return list()
  })
}
