// POST /webhooks/waha/:sessionId: WAHA's per-session webhook. Thin: raw bytes in, core decides,
// status out (no detail in any answer). Logic: app/core/sessions/webhook-intake.server.ts.
import { Hono } from 'hono'
import { createAppContext } from '../../app/core/context.server'
import { MAX_WEBHOOK_BYTES, intakeWahaWebhook } from '../../app/core/sessions/webhook-intake.server'

export const wahaWebhook = new Hono<{ Bindings: Env }>()

wahaWebhook.post('/:sessionId', async (c) => {
  const declared = Number(c.req.header('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES) return c.body(null, 413)
  const rawBody = new Uint8Array(await c.req.arrayBuffer())
  const result = await intakeWahaWebhook(createAppContext(c.env), {
    sessionId: c.req.param('sessionId'),
    rawBody,
    hmac: c.req.header('x-webhook-hmac') ?? null,
  })
  return result.status === 200 ? c.text('ok', 200) : c.body(null, result.status)
})
