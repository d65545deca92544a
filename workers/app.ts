// Wrangler `main`: one Worker for everything. Hono answers machine routes first (webhooks, links,
// media, API), Remix renders every page. Also the queue consumers, the cron trigger and the
// SenderSession Durable Object class. Entry points stay thin: parse, call app/core, respond.
import { Hono } from 'hono'
import { meteredEnv } from '../app/core/db/meter.server'
import { handleScheduled } from './cron'
import { apiV1 } from './http/api/app'
import { benchMeter } from './http/bench-meter'
import { ops } from './http/ops'
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
app.route('/', benchMeter)
app.route('/', publicRoutes)
app.route('/webhooks/waha', wahaWebhook)
app.route('/api/v1', apiV1)
app.route('/ops', ops)
app.all('*', remixHandler)

// meteredEnv is the env itself unless a bench meters D1 (BENCH_D1_METER, app/core/db/meter.server.ts).
export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, meteredEnv(env), ctx),
  queue: (batch, env, ctx) => handleQueue(batch, meteredEnv(env), ctx),
  scheduled: (controller, env, ctx) => handleScheduled(controller, meteredEnv(env), ctx),
} satisfies ExportedHandler<Env, unknown>
