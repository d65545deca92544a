/**
 * GET /api/files/{session}/{file}: the files contacts sent, as WAHA serves its downloaded media (behind
 * the API key like the rest of /api; the URL is the one in the `message` event's `media.url`).
 */
import type { Hono } from 'hono'
import { mediaFileName } from './delivery'
import type { Sim } from './sim-state'

export function registerFileRoutes(app: Hono, sim: Sim) {
  app.get('/api/files/:session/:file', (c) => {
    const session = sim.sessions.get(c.req.param('session'))
    const file = c.req.param('file')
    const message = session?.messages.find(
      (m) => !m.fromMe && m.media && mediaFileName(m.id, m.media.mimetype) === file,
    )
    const stored = message && !message.revoked ? sim.media.get(message.id) : undefined
    if (!stored) return c.json({ statusCode: 404, message: 'File not found', error: 'Not Found' }, 404)
    return c.body(new Uint8Array(stored.bytes), 200, { 'content-type': stored.mimetype })
  })
}
