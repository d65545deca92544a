// One attempt of an outbound webhook delivery (the `disparo-webhooks` consumer, decision 033): claim
// the row if it is due, POST the stored payload with the Standard Webhooks headers through safeFetch
// (outbound URL rules, a timeout, no redirects, a cap on what is read back), log the attempt, then
// succeed, schedule the next attempt (backoff.ts) or exhaust; an endpoint failing for 24 hours is
// disabled with the reason shown on its page.
import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import type { AppContext } from '../context.server'
import { safeFetch } from '../net/safe-fetch'
import { openSecret } from '../tenants/secrets.server'
import { nextAttemptAt, RETRY_WINDOW_MS } from './backoff'
import { queueDeliveries } from './emit.server'
import { signWebhook } from './signing'

/** How long an attempt holds its row (longer than any timeout). */
const CLAIM_MS = 60_000
/** What is read of an answer, and what is kept of it. */
const READ_CAP_BYTES = 64 * 1024
const SNIPPET_CHARS = 1024

export type AttemptResult =
  | { kind: 'not_due' }
  | { kind: 'succeeded'; httpStatus: number }
  | { kind: 'failed'; httpStatus: number | null; error: Text | null; nextAt: number | null }

type Answer = { ok: boolean; httpStatus: number | null; error: Text | null; snippet: string | null }

async function post(
  ctx: AppContext,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<Answer> {
  const res = await safeFetch(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Disparo-Webhooks/1', ...headers },
      body,
    },
    {
      allowPrivate: ctx.config.allowPrivateUrls,
      timeoutMs: ctx.config.webhookTimeoutMs,
      maxBytes: READ_CAP_BYTES,
    },
  )
  if (!res.ok) return { ok: false, httpStatus: null, error: res.error.text, snippet: null }
  const status = res.response.status
  const read = await res.response.readText()
  const snippet = read.ok ? read.value.slice(0, SNIPPET_CHARS) : null
  const ok = status >= 200 && status < 300
  return {
    ok,
    httpStatus: status,
    error: ok ? null : text('webhooks.attempt.httpStatus', { status }),
    snippet,
  }
}

/** Attempts one delivery if it is due and not in flight elsewhere. */
export async function attemptDelivery(ctx: AppContext, deliveryId: string): Promise<AttemptResult> {
  const now = ctx.clock()
  const d = webhookDeliveries
  const [row] = await ctx.db
    .update(d)
    .set({ claimedUntil: now + CLAIM_MS })
    .where(
      and(
        eq(d.id, deliveryId),
        eq(d.status, 'pending'),
        lte(d.nextAttemptAt, now),
        or(isNull(d.claimedUntil), lt(d.claimedUntil, now)),
      ),
    )
    .returning()
  if (!row) return { kind: 'not_due' }
  const endpoint = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, row.endpointId), eq(webhookEndpoints.tenantId, row.tenantId)))
    .get()
  if (!endpoint?.enabled) {
    // Switched off meanwhile: this delivery stops here (a person can redeliver it once it is on again).
    await ctx.db
      .update(d)
      .set({ status: 'failed', claimedUntil: null, nextAttemptAt: null, updatedAt: now })
      .where(eq(d.id, row.id))
    return { kind: 'failed', httpStatus: null, error: text('webhooks.attempt.endpointOff'), nextAt: null }
  }
  const secret = await openSecret(ctx, row.tenantId, endpoint.id, 'signing_secret', endpoint.secretEnc)
  const headers = await signWebhook(secret, row.eventId, now, row.payload)
  const started = Date.now()
  const answer = await post(ctx, endpoint.url, headers, row.payload)
  const durationMs = Date.now() - started
  const attempts = row.attempts + 1
  const nextAt = answer.ok ? null : nextAttemptAt(attempts, row.createdAt, now)
  const status = answer.ok ? 'succeeded' : nextAt === null ? 'exhausted' : 'pending'
  await ctx.db.batch([
    ctx.db.insert(webhookAttempts).values({
      deliveryId: row.id,
      at: now,
      httpStatus: answer.httpStatus,
      errorCode: answer.error?.code ?? null,
      errorParams: answer.error?.params ? JSON.stringify(answer.error.params) : null,
      durationMs,
      responseSnippet: answer.snippet,
    }),
    ctx.db
      .update(d)
      .set({ status, attempts, nextAttemptAt: nextAt, claimedUntil: null, updatedAt: now })
      .where(eq(d.id, row.id)),
    answer.ok
      ? ctx.db
          .update(webhookEndpoints)
          .set({ failureStreak: 0, failingSince: null, lastSuccessAt: now })
          .where(eq(webhookEndpoints.id, endpoint.id))
      : ctx.db
          .update(webhookEndpoints)
          .set({
            failureStreak: sql`${webhookEndpoints.failureStreak} + 1`,
            failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${now})`,
          })
          .where(eq(webhookEndpoints.id, endpoint.id)),
  ])
  if (answer.ok) return { kind: 'succeeded', httpStatus: answer.httpStatus ?? 200 }
  await disableIfFailingTooLong(ctx, endpoint.id, now)
  if (nextAt !== null)
    await queueDeliveries(ctx.env, [{ tenantId: row.tenantId, deliveryId: row.id }], (nextAt - now) / 1000)
  return { kind: 'failed', httpStatus: answer.httpStatus, error: answer.error, nextAt }
}

/**
 * Sustained failure: every attempt to the endpoint failed for 24 hours (the retry window of one
 * delivery) → it is disabled with the reason, and its page tells the admins.
 */
async function disableIfFailingTooLong(ctx: AppContext, endpointId: string, now: number): Promise<void> {
  const e = webhookEndpoints
  const [off] = await ctx.db
    .update(e)
    .set({
      enabled: false,
      disabledAt: now,
      disabledCode: 'webhooks.disabled.failing',
      disabledParams: sql`json_object('since', ${e.failingSince})`,
      updatedAt: now,
    })
    .where(and(eq(e.id, endpointId), eq(e.enabled, true), lte(e.failingSince, now - RETRY_WINDOW_MS)))
    .returning({ id: e.id, tenantId: e.tenantId, url: e.url })
  if (off)
    console.warn(
      JSON.stringify({ msg: 'webhook endpoint disabled after 24 h of failures', endpoint: off.id }),
    )
}

/** Cron: pending deliveries whose queue message was lost (due for over a minute, not in flight) go back on the queue. */
export async function requeueOverdueDeliveries(
  ctx: Pick<AppContext, 'db' | 'clock' | 'env'>,
): Promise<number> {
  const now = ctx.clock()
  const d = webhookDeliveries
  const rows = await ctx.db
    .select({ id: d.id, tenantId: d.tenantId })
    .from(d)
    .where(
      and(
        eq(d.status, 'pending'),
        lte(d.nextAttemptAt, now - 60_000),
        or(isNull(d.claimedUntil), lt(d.claimedUntil, now)),
      ),
    )
    .limit(500)
  await queueDeliveries(
    ctx.env,
    rows.map((r) => ({ tenantId: r.tenantId, deliveryId: r.id })),
  )
  return rows.length
}
