/** Serves the built web app (web/dist) with a fallback to index.html for client-side routes. */
import { existsSync } from 'node:fs'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'

export const webStatic: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(`${root}/index.html`)) {
    app.get('/', async (_req, reply) =>
      reply.status(503).type('text/plain').send('The web app is not built; run "npm run build:web" (npm start does it for you).'))
    return
  }
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false })
  app.get('/*', async (req, reply) => {
    // Unknown API paths get the app's one not-found answer, not the web page.
    if (req.url.startsWith('/api/') || req.url.startsWith('/ws/')) return reply.callNotFound()
    return reply.sendFile('index.html')
  })
}
