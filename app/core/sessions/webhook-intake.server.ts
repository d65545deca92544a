// WAHA webhook intake (docs/design.md §3 "Webhooks", CONTRACT §7), behind POST /webhooks/waha/:sessionId.
// Order matters: find the session (unknown -> 404), verify X-Webhook-Hmac over the exact raw bytes
// with that session's secret (-> 401), parse (-> 400), dedupe on the envelope id (a replay -> 200
// and nothing else), then apply: session.status updates the row and the SenderSession DO; message,
// message.any, message.ack and poll votes go to the events queue. Responses never say why a request failed.
// Acks (three per message sent, the bulk of all traffic) skip the dedupe row: applying one is
// idempotent by construction (statuses only move forward, timestamps are COALESCEd, unknown ids are
// kept once in pending_acks), so a replay changes nothing (docs/decisions/011-local-host-and-ack-intake.md).
import { and, eq, lt } from 'drizzle-orm'
import { wahaSessions, webhookEvents } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { toHex } from '../crypto/encoding'
import { atShard, atTenant, routedPlacement, TeamMovingError } from '../db/shards.server'
import type { EventJob } from '../queue-messages'
import { importWebhookKey, parseWahaEventText, verifyWebhookHmac, type WahaEvent } from '../waha/webhook'
import { applySessionStatus } from './live-state.server'
import { openWebhookSecret } from './waha-access.server'

/** Bodies above this are refused as they stream in, never read whole (WAHA events are a few KB). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024
/** WAHA retries for minutes at most; dedupe rows older than this are pruned. */
const WEBHOOK_DEDUPE_HORIZON_MS = 2 * 24 * 60 * 60 * 1000

/** Events handed to the events queue as they are (parsed and normalised). */
const QUEUED_EVENTS = new Set<WahaEvent['type']>([
  'message',
  'message.any',
  'message.ack',
  'message.edited',
  'message.revoked',
  'poll.vote',
  'poll.vote.failed',
])

export interface WebhookRequest {
  sessionId: string
  rawBody: Uint8Array
  /** Value of X-Webhook-Hmac (null when missing). */
  hmac: string | null
}

/** What the route answers; `outcome` and `detail` are for tests and logs only, never sent to WAHA. */
export interface WebhookOutcome {
  status: 200 | 400 | 401 | 404 | 413 | 500 | 503
  /** Why a signed body was refused (field paths, never the body's content). */
  detail?: string
  outcome:
    | 'applied'
    | 'queued'
    | 'ignored'
    | 'replay'
    | 'unknown_session'
    | 'bad_signature'
    | 'malformed'
    | 'too_large'
    | 'moving'
}

const SESSION_ID = /^wses_[0-9a-z]{16}$/

/** True when `id` has the shape of our session ids: anything else is refused before reading the body. */
export function isWahaSessionId(id: string): boolean {
  return SESSION_ID.test(id)
}

async function eventKey(event: WahaEvent, rawBody: Uint8Array): Promise<string> {
  if (event.envelope.id) return event.envelope.id
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(rawBody))
  return `sha256:${toHex(new Uint8Array(digest))}`
}

type SessionRow = typeof wahaSessions.$inferSelect
type Credentials = { row: SessionRow; key: CryptoKey | null; expiresAt: number }

/**
 * Acks arrive in bursts (three per message sent): the session row and its decrypted secret are kept
 * per isolate for a few seconds. A signature that fails against a cached secret is checked again
 * against a fresh read, so a rotated secret or a deleted session takes effect at once for failures
 * and within CREDENTIALS_TTL_MS at worst for successes.
 */
const CREDENTIALS_TTL_MS = 15_000
const credentials = new Map<string, Credentials>()

/**
 * The session's row and secret, read at its team's shard found through `machine_routes` (decision 043).
 * Reading is safe even while the team is being moved (its rows are still where the placement says).
 */
async function loadCredentials(ctx: AppContext, sessionId: string): Promise<Credentials | null> {
  const placement = await routedPlacement(ctx, 'session', sessionId)
  const tenantId = placement?.tenantId
  const row = placement
    ? await atShard(ctx, placement.shard)
        .db.select()
        .from(wahaSessions)
        .where(eq(wahaSessions.id, sessionId))
        .get()
    : undefined
  if (!row || row.tenantId !== tenantId) {
    credentials.delete(sessionId)
    return null
  }
  const secret = await openWebhookSecret(ctx, row)
  // No secret, no valid signature (401), as for a wrong one.
  const key = secret ? await importWebhookKey(secret) : null
  const fresh = { row, key, expiresAt: ctx.clock() + CREDENTIALS_TTL_MS }
  if (credentials.size > 1000) credentials.clear()
  credentials.set(sessionId, fresh)
  return fresh
}

const eventJob = (row: SessionRow, event: WahaEvent): EventJob => ({
  type: 'waha-event',
  v: 1,
  tenantId: row.tenantId,
  sessionId: row.id,
  event,
})

/** Verifies, dedupes and applies one webhook delivery. */
export async function intakeWahaWebhook(ctx: AppContext, req: WebhookRequest): Promise<WebhookOutcome> {
  if (!isWahaSessionId(req.sessionId)) return { status: 404, outcome: 'unknown_session' }
  const cached = credentials.get(req.sessionId)
  let creds = cached && cached.expiresAt > ctx.clock() ? cached : await loadCredentials(ctx, req.sessionId)
  if (!creds) return { status: 404, outcome: 'unknown_session' }
  if (req.rawBody.byteLength > MAX_WEBHOOK_BYTES) return { status: 413, outcome: 'too_large' }

  let valid = await verifyWebhookHmac(req.rawBody, req.hmac, creds.key ?? '')
  if (!valid && creds === cached) {
    creds = await loadCredentials(ctx, req.sessionId)
    if (!creds) return { status: 404, outcome: 'unknown_session' }
    valid = await verifyWebhookHmac(req.rawBody, req.hmac, creds.key ?? '')
  }
  if (!valid) return { status: 401, outcome: 'bad_signature' }
  let row = creds.row

  const text = new TextDecoder('utf-8').decode(req.rawBody)
  const parsed = parseWahaEventText(text)
  if (!parsed.ok) return { status: 400, outcome: 'malformed', detail: parsed.message }
  const { event } = parsed

  // An authentic event of another WAHA session name (e.g. a renamed session) changes nothing here.
  if (event.envelope.session !== row.sessionName) return { status: 200, outcome: 'ignored' }
  if (event.type === 'message.ack') {
    await ctx.env.EVENTS_QUEUE.send(eventJob(row, event))
    return { status: 200, outcome: 'queued' }
  }

  // Everything below writes: at the team's shard as placed now, or a 503 while it moves (WAHA retries).
  let at: AppContext
  try {
    at = await atTenant(ctx, row.tenantId)
  } catch (error) {
    if (error instanceof TeamMovingError) return { status: 503, outcome: 'moving' }
    throw error
  }
  const eventId = await eventKey(event, req.rawBody)
  const inserted = await at.db
    .insert(webhookEvents)
    .values({ sessionId: row.id, eventId, event: event.envelope.event, receivedAt: ctx.clock() })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId })
  if (inserted.length === 0) return { status: 200, outcome: 'replay' }

  try {
    if (event.type === 'session.status') {
      // Status changes are rare and must see the row as it is now.
      row = (await loadCredentials(ctx, row.id))?.row ?? row
      await applySessionStatus(at, row, {
        status: event.status,
        me: event.envelope.me,
        at: event.envelope.timestamp ?? ctx.clock(),
        source: 'webhook',
      })
      return { status: 200, outcome: 'applied' }
    }
    if (QUEUED_EVENTS.has(event.type)) {
      await ctx.env.EVENTS_QUEUE.send(eventJob(row, event))
      return { status: 200, outcome: 'queued' }
    }
    return { status: 200, outcome: 'ignored' }
  } catch (error) {
    // Forget the id so WAHA's retry is applied instead of being dropped as a replay.
    await at.db
      .delete(webhookEvents)
      .where(and(eq(webhookEvents.sessionId, row.id), eq(webhookEvents.eventId, eventId)))
    throw error
  }
}

/** Deletes dedupe rows older than the WAHA retry horizon (2 days). For the cron trigger. */
export async function pruneWebhookEvents(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const cutoff = ctx.clock() - WEBHOOK_DEDUPE_HORIZON_MS
  const result = await ctx.db.delete(webhookEvents).where(lt(webhookEvents.receivedAt, cutoff)).run()
  return result.meta.changes ?? 0
}
