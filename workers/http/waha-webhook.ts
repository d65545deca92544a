// POST /webhooks/waha/:sessionId: WAHA's per-session webhook. Thin: raw bytes in, core decides,
// status out (no detail in any answer). Logic: app/core/sessions/webhook-intake.server.ts.
// Cheap refusals come first: a malformed session id answers 404 before a byte of the body is read,
// and the body is read chunk by chunk and dropped (413) as soon as it passes the limit.
import { Hono } from 'hono'
import { createAppContext } from '../../app/core/context.server'
import { readBodyWithin } from '../../app/core/http/body'
import {
  intakeWahaWebhook,
  isWahaSessionId,
  MAX_WEBHOOK_BYTES,
} from '../../app/core/sessions/webhook-intake.server'

export const wahaWebhook = new Hono<{ Bindings: Env }>()

function logRefused(detail: Record<string, unknown>) {
  console.warn(JSON.stringify({ msg: 'waha webhook refused', ...detail }))
}

wahaWebhook.post('/:sessionId', async (c) => {
  const sessionId = c.req.param('sessionId')
  // Unknown session ids are not logged: anyone can probe the URL and the log would only fill with noise.
  if (!isWahaSessionId(sessionId)) return c.body(null, 404)
  const declared = Number(c.req.header('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES) {
    logRefused({ sessionId, status: 413, bytes: declared })
    return c.body(null, 413)
  }
  const rawBody = await readBodyWithin(c.req.raw.body, MAX_WEBHOOK_BYTES)
  if (!rawBody) {
    logRefused({ sessionId, status: 413, bytes: `>${MAX_WEBHOOK_BYTES}` })
    return c.body(null, 413)
  }
  const result = await intakeWahaWebhook(createAppContext(c.env), {
    sessionId,
    rawBody,
    hmac: c.req.header('x-webhook-hmac') ?? null,
  })
  // Refused deliveries are logged (never the body: it may carry customers' messages).
  if (result.status === 400 || result.status === 401 || result.status === 413) {
    logRefused({
      sessionId,
      status: result.status,
      outcome: result.outcome,
      bytes: rawBody.byteLength,
      ...(result.detail ? { detail: result.detail } : {}),
    })
  }
  return result.status === 200 ? c.text('ok', 200) : c.body(null, result.status)
})
