// POST /webhooks/waha/:sessionId: WAHA's per-session webhook. Thin: raw bytes in, core decides,
// status out (no detail in any answer). Logic: app/core/sessions/webhook-intake.server.ts.
import { Hono } from 'hono'
import { createAppContext } from '../../app/core/context.server'
import { MAX_WEBHOOK_BYTES, intakeWahaWebhook } from '../../app/core/sessions/webhook-intake.server'

export const wahaWebhook = new Hono<{ Bindings: Env }>()

wahaWebhook.post('/:sessionId', async (c) => {
  const declared = Number(c.req.header('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES) {
    console.warn(
      JSON.stringify({
        msg: 'waha webhook refused',
        sessionId: c.req.param('sessionId'),
        status: 413,
        bytes: declared,
      }),
    )
    return c.body(null, 413)
  }
  const rawBody = new Uint8Array(await c.req.arrayBuffer())
  const sessionId = c.req.param('sessionId')
  const result = await intakeWahaWebhook(createAppContext(c.env), {
    sessionId,
    rawBody,
    hmac: c.req.header('x-webhook-hmac') ?? null,
  })
  // Refused deliveries are logged (never the body: it may carry customers' messages). Unknown
  // session ids are not: anyone can probe the URL and the log would only fill with noise.
  if (result.status === 400 || result.status === 401 || result.status === 413) {
    console.warn(
      JSON.stringify({
        msg: 'waha webhook refused',
        sessionId,
        status: result.status,
        outcome: result.outcome,
        bytes: rawBody.byteLength,
        ...(result.detail ? { detail: result.detail } : {}),
      }),
    )
  }
  return result.status === 200 ? c.text('ok', 200) : c.body(null, result.status)
})
