// The outbox (campaign_messages): the ONLY module that writes its rows, in three files: this one
// (create, queue, claim, record an outcome, skip, settle stuck rows), outbox-events.server.ts (what
// WhatsApp and people tell us afterwards: acks, replies, clicks, erasure) and outbox-reconcile.server.ts
// (the `unknown` rows, decision 021).
// Every status write takes its allowed source statuses from the one table of legal moves
// (campaigns/status.ts: `messageSourcesOf`), so that table is the rule; a test fails if any other file
// writes this table (tests/unit/single-writers.test.ts).
import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm'
import { campaignMessages, pendingAcks } from '../../../db/schema'
import { text } from '../../i18n/text'
import { applyAck, type MessageStatus, messageSourcesOf } from '../campaigns/status'
import type { AppContext } from '../context.server'
import { chunks, D1_BATCH_STATEMENTS, D1_IDS_PER_STATEMENT, D1_MAX_BOUND_PARAMS } from '../db/limits'
import { bindLater } from '../db/prepared.server'
import { errorColumns } from '../stored-text'
import type { AttemptOutcome, NewOutboxRow } from './outbox-types'
import { HOLD_TEXTS, type ProtectionSkip } from './protection'
import { RECONCILE_SAFE_WAIT_MS } from './reconcile-policy'

type Db = Pick<AppContext, 'db'>['db']
type Ctx = Pick<AppContext, 'db' | 'clock'>
const m = campaignMessages

/** `status IN (every status the table lets move to `to`)`. */
export const movableTo = (to: MessageStatus) => inArray(m.status, messageSourcesOf(to))

// ---------------------------------------------------------------------------------------------
// Create and queue (dispatch)

const INSERT_COLUMNS = 14
const ROWS_PER_INSERT = Math.floor(D1_MAX_BOUND_PARAMS / INSERT_COLUMNS)

/**
 * Inserts rows once per (campaign, contact, step): a row that already exists (a redelivered dispatch) keeps
 * its state. Returns the rows created now. Raw SQL with only the columns we set, because D1 binds at
 * most 100 parameters per statement.
 */
export async function createOutboxRows(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  rows: readonly NewOutboxRow[],
): Promise<Array<{ id: number; contactId: number }>> {
  const now = ctx.clock()
  const statements = chunks(rows, ROWS_PER_INSERT).map((chunk) =>
    ctx.db.$client
      .prepare(
        `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, contact_name, status,
         rendered_text, text_key, error, error_code, error_params, error_kind, updated_at, step) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (campaign_id, contact_id, step) DO NOTHING RETURNING id, contact_id`,
      )
      .bind(
        ...chunk.flatMap((r) => {
          const e = errorColumns(r.error)
          return [
            r.tenantId,
            r.campaignId,
            r.contactId,
            r.phoneE164,
            r.contactName,
            r.status,
            r.renderedText,
            r.textKey,
            e.error,
            e.errorCode,
            e.errorParams,
            r.errorKind,
            now,
            r.step ?? 0,
          ]
        }),
      ),
  )
  const created: Array<{ id: number; contactId: number }> = []
  for (const batch of chunks(statements, D1_BATCH_STATEMENTS)) {
    const results = await ctx.db.$client.batch<{ id: number; contact_id: number }>(batch)
    for (const r of results)
      for (const row of r.results) created.push({ id: row.id, contactId: row.contact_id })
  }
  return created
}

/** pending -> queued: the rows were handed to the senders. */
export async function markQueued(ctx: Ctx, ids: readonly number[]): Promise<void> {
  const now = ctx.clock()
  for (const part of chunks(ids, D1_IDS_PER_STATEMENT)) {
    await ctx.db
      .update(m)
      .set({ status: 'queued', queuedAt: now, updatedAt: now })
      .where(and(inArray(m.id, part), eq(m.status, 'pending'), movableTo('queued')))
  }
}

// ---------------------------------------------------------------------------------------------
// Claim and outcome (the sender)

/** The campaign of the row is running (a pause or cancel takes effect before the next message). */
const campaignRunning = sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = campaign_messages.campaign_id
  AND c.tenant_id = campaign_messages.tenant_id AND c.status = 'running')`

/**
 * The claim: waiting -> `sending` with a fresh attempt id, only while its campaign is running, the
 * number has not opted out and no protection of the person holds it back (`held`, decision 019: the
 * check and the claim are this one statement). Returned as a statement so the sender batches it with
 * its other writes. Also returns the contact's cached chat id (`contactChatId`), read in the same
 * statement.
 */
export function claimStatement(
  db: Db,
  job: { messageId: number; tenantId: string },
  sessionId: string,
  attemptId: string,
  now: number,
  held?: SQL,
) {
  return claimQuery(db, { ...job, sessionId, attemptId, now }, held)
}

/**
 * The claim built once for many messages (decision 028): bind `messageId`, `tenantId`, `sessionId`,
 * `attemptId`, `now` and the instants of `held`'s rules (prepareOnce). The same SQL as claimStatement.
 */
export function claimPrepared(db: Db, held?: SQL) {
  return claimQuery(
    db,
    {
      messageId: bindLater('messageId'),
      tenantId: bindLater('tenantId'),
      sessionId: bindLater('sessionId'),
      attemptId: bindLater('attemptId'),
      now: bindLater('now'),
    },
    held,
  )
}

function claimQuery(
  db: Db,
  v: { messageId: number; tenantId: string; sessionId: string; attemptId: string; now: number },
  held?: SQL,
) {
  return db
    .update(m)
    .set({
      status: 'sending',
      attemptId: v.attemptId,
      sessionId: v.sessionId,
      sendingAt: v.now,
      updatedAt: v.now,
    })
    .where(
      and(
        eq(m.id, v.messageId),
        eq(m.tenantId, v.tenantId),
        movableTo('sending'),
        campaignRunning,
        sql`NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = campaign_messages.tenant_id
              AND s.phone_e164 = campaign_messages.phone_e164)`,
        held ? sql`NOT ${held}` : undefined,
      ),
    )
    .returning({
      id: m.id,
      contactId: m.contactId,
      step: m.step,
      phoneE164: m.phoneE164,
      renderedText: m.renderedText,
      triedSessions: m.triedSessions,
      contactChatId: sql<string | null>`(SELECT c.wa_chat_id FROM contacts c WHERE c.id = ${m.contactId})`.as(
        'contact_chat_id',
      ),
    })
}

/**
 * A waiting row a person rule holds back (a recent message, the same text): skipped with the reason,
 * only while that rule still holds (`rule`, the same SQL the claim checked) and its campaign runs.
 * Returns whether the row was skipped now.
 */
export async function skipProtected(
  ctx: Ctx,
  messageId: number,
  reason: ProtectionSkip,
  rule: SQL,
): Promise<boolean> {
  const rows = await ctx.db
    .update(m)
    .set({
      status: 'skipped',
      ...errorColumns(HOLD_TEXTS[reason]),
      errorKind: reason,
      updatedAt: ctx.clock(),
    })
    .where(
      and(
        eq(m.id, messageId),
        inArray(m.status, ['pending', 'queued']),
        movableTo('skipped'),
        campaignRunning,
        rule,
      ),
    )
    .returning({ id: m.id })
  return rows.length > 0
}

/**
 * A waiting row the session's first-contact budget holds back: it stays `queued` and says why (the
 * report counts it); the reason goes away when it is sent, fails or is skipped.
 */
export async function markWaitingForBudget(ctx: Ctx, messageId: number): Promise<void> {
  await ctx.db
    .update(m)
    .set({
      ...errorColumns(HOLD_TEXTS.first_contact_budget),
      errorKind: 'first_contact_budget',
      updatedAt: ctx.clock(),
    })
    .where(and(eq(m.id, messageId), eq(m.status, 'queued')))
}

/** A waiting row whose number opted out meanwhile: skipped, never sent. */
export async function skipOptedOut(ctx: Ctx, messageId: number): Promise<void> {
  await ctx.db
    .update(m)
    .set({
      status: 'skipped',
      ...errorColumns(text('send.suppressed')),
      errorKind: 'suppressed',
      updatedAt: ctx.clock(),
    })
    .where(and(eq(m.id, messageId), inArray(m.status, ['pending', 'queued']), movableTo('skipped')))
}

/** Statements that write an attempt's outcome (batched by the caller with its own writes). */
export function outcomeStatement(
  db: Db,
  messageId: number,
  attemptId: string,
  outcome: AttemptOutcome,
  tried: string[],
  now: number,
) {
  const to: MessageStatus = outcome.kind === 'retry_elsewhere' ? 'queued' : outcome.kind
  switch (outcome.kind) {
    case 'sent':
      return sentQuery(db, { messageId, attemptId, wahaMessageId: outcome.wahaMessageId, tried, now })
    case 'retry_elsewhere':
      return db
        .update(m)
        .set({
          status: 'queued',
          ...errorColumns(outcome.text),
          errorKind: outcome.errorKind,
          triedSessions: tried,
          retryCount: tried.length,
          updatedAt: now,
        })
        .where(owned(messageId, attemptId, to))
    default:
      return db
        .update(m)
        .set({
          status: outcome.kind,
          ...errorColumns(outcome.text),
          errorKind: outcome.errorKind,
          failedAt: outcome.kind === 'failed' ? now : null,
          // An unknown outcome is looked up at WAHA after a safe wait (decision 021).
          reconcileNextAt: outcome.kind === 'unknown' ? now + RECONCILE_SAFE_WAIT_MS : null,
          triedSessions: tried,
          updatedAt: now,
        })
        .where(owned(messageId, attemptId, to))
  }
}

/**
 * The `sent` outcome built once for many messages (decision 028): bind `messageId`, `attemptId`,
 * `wahaMessageId`, `tried` and `now` (prepareOnce). The same SQL as outcomeStatement's `sent`.
 */
export function sentOutcomePrepared(db: Db) {
  return sentQuery(db, {
    messageId: bindLater('messageId'),
    attemptId: bindLater('attemptId'),
    wahaMessageId: bindLater('wahaMessageId'),
    tried: bindLater('tried'),
    now: bindLater('now'),
  })
}

function sentQuery(
  db: Db,
  v: { messageId: number; attemptId: string; wahaMessageId: string | null; tried: string[]; now: number },
) {
  // Acks that raced ahead of the send (kept in pending_acks) come back with the write, in the same
  // statement: only a row this attempt still owned returns them (`earlyAcks`, a JSON array).
  return db
    .update(m)
    .set({
      status: 'sent',
      wahaMessageId: v.wahaMessageId,
      sentAt: v.now,
      ...errorColumns(null),
      errorKind: null,
      triedSessions: v.tried,
      updatedAt: v.now,
    })
    .where(owned(v.messageId, v.attemptId, 'sent'))
    .returning({
      earlyAcks: sql<string>`(SELECT json_group_array(json_object('wahaMessageId', a.waha_message_id,
        'tenantId', a.tenant_id, 'ack', a.ack, 'at', a.at)) FROM pending_acks a
        WHERE a.waha_message_id = ${v.wahaMessageId})`.as('early_acks'),
    })
}

/** The row while this attempt still owns it (and the move to `to` is legal). */
const owned = (messageId: number, attemptId: string, to: MessageStatus) =>
  and(eq(m.id, messageId), eq(m.attemptId, attemptId), eq(m.status, 'sending'), movableTo(to))

/** Acks that raced ahead of our send call (kept in pending_acks) are applied once the send is recorded. */
export async function applyEarlyAcks(
  ctx: Ctx,
  messageId: number,
  wahaMessageId: string,
  acks: Array<typeof pendingAcks.$inferSelect>,
): Promise<void> {
  let status: MessageStatus = 'sent'
  const stamps: Partial<typeof m.$inferInsert> = {}
  for (const a of acks.sort((x, y) => x.ack - y.ack)) {
    status = applyAck(status, a.ack)
    if (a.ack >= 2) stamps.deliveredAt ??= a.at
    if (a.ack >= 3) stamps.readAt ??= a.at
  }
  await ctx.db
    .update(m)
    .set({ status, ...stamps, updatedAt: ctx.clock() })
    .where(and(eq(m.id, messageId), eq(m.status, 'sent'), movableTo(status)))
  await ctx.db.delete(pendingAcks).where(eq(pendingAcks.wahaMessageId, wahaMessageId))
}

// ---------------------------------------------------------------------------------------------
// Campaign-wide moves

/** Cancel: rows still waiting are skipped, never sent. */
export async function skipWaiting(ctx: Ctx, campaignId: string): Promise<void> {
  await ctx.db
    .update(m)
    .set({
      status: 'skipped',
      ...errorColumns(text('send.cancelled')),
      errorKind: 'cancelled',
      updatedAt: ctx.clock(),
    })
    .where(and(eq(m.campaignId, campaignId), inArray(m.status, ['pending', 'queued']), movableTo('skipped')))
}

/** A send never takes this long (WAHA timeout 30 s + typing 8 s, with a wide margin). */
export const STUCK_SENDING_MS = 10 * 60 * 1000

/** Rows stuck in `sending` (the sender died mid-send) become `unknown`: never resent blindly (WAHA is asked first). */
export async function settleStuckSending(ctx: Ctx): Promise<Array<{ campaignId: string }>> {
  const now = ctx.clock()
  return ctx.db
    .update(m)
    .set({
      status: 'unknown',
      ...errorColumns(text('send.stuck')),
      errorKind: 'stuck',
      reconcileNextAt: now + RECONCILE_SAFE_WAIT_MS,
      updatedAt: now,
    })
    .where(
      and(
        eq(m.status, 'sending'),
        // Written out so SQLite can use the partial index of rows in flight (it only holds those).
        sql`${m.status} IN ('sending', 'unknown')`,
        lt(m.sendingAt, now - STUCK_SENDING_MS),
        movableTo('unknown'),
      ),
    )
    .returning({ campaignId: m.campaignId })
}
