// Wrangler `main`: one Worker for everything. Hono answers machine routes first (webhooks, links,
// media, API), Remix renders every page. Also the queue consumers, the cron trigger and the
// SenderSession Durable Object class. Entry points stay thin: parse, call app/core, respond.
import { Hono } from 'hono'
import { handleScheduled } from './cron'
import { publicRoutes } from './http/public-routes'
import { remixHandler } from './http/remix'
import { csrfGuard, securityHeaders } from './http/security'
import { wahaWebhook } from './http/waha-webhook'
import { handleQueue } from './queues/router'

export { SenderSession } from './sender-session'

const app = new Hono<{ Bindings: Env }>()
app.use('*', securityHeaders)
app.use('*', csrfGuard)
app.get('/healthz', (c) => c.json({ ok: true }))
app.route('/', publicRoutes)
app.route('/webhooks/waha', wahaWebhook)
app.all('*', remixHandler)

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => handleScheduled(controller, env, ctx),
} satisfies ExportedHandler<Env, unknown>
