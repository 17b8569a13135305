/**
 * Serves the built web app (web/dist): a file when one matches the path, else index.html for the
 * app's own routes. One public route, so the guard sees every path the server answers.
 */
import { existsSync, statSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'

export const webStatic: FastifyPluginAsync<{ root: string; widgetOrigins?: string[] }> = async (app, { root, widgetOrigins = [] }) => {
  if (!existsSync(`${root}/index.html`)) {
    app.get('/*', { config: { access: 'public' } }, async (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/ws/')) return reply.callNotFound()
      return reply.status(503).type('text/plain').send('The web app is not built; run "npm run build:web" (npm start does it for you).')
    })
    return
  }
  await app.register(fastifyStatic, { root, serve: false })
  // The customers' widget is its own small page, which the center's allowed sites may frame.
  app.get('/widget', { config: { access: 'public' } }, async (_req, reply) => {
    const csp = String(reply.getHeader('content-security-policy') ?? '')
    reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self'${widgetOrigins.map((o) => ` ${o}`).join('')}`))
    reply.removeHeader('x-frame-options')
    return reply.header('cache-control', 'no-cache').sendFile('widget.html')
  })
  app.get('/*', { config: { access: 'public' } }, async (req, reply) => {
    // Unknown API paths get the app's one not-found answer, not the web page.
    if (req.url.startsWith('/api/') || req.url.startsWith('/ws/')) return reply.callNotFound()
    const file = fileFor(root, req.url)
    if (!file) return reply.header('cache-control', 'no-cache').sendFile('index.html')
    // Vite fingerprints everything under assets/, so those never change.
    if (file.startsWith(`assets${sep}`)) reply.header('cache-control', 'public, max-age=31536000, immutable')
    return reply.sendFile(file)
  })
}

function fileFor(root: string, url: string): string | undefined {
  let path: string
  try { path = decodeURIComponent(url.split('?')[0] ?? '/') } catch { return undefined }
  const rel = normalize(path).replace(/^[/\\]+/, '')
  if (!rel || rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) return undefined
  const full = join(root, rel)
  try { return statSync(full).isFile() ? rel : undefined } catch { return undefined }
}
