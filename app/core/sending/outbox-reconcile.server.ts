// The outbox's second file (one owner: tests/unit/single-writers.test.ts lists both): the writes that
// settle `unknown` rows (decision 021). Each write takes its source statuses from the table of legal
// moves (campaigns/status.ts) and is conditional on the lease token the cron run took, so two runs
// never both settle, or both resend, the same row.

import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { campaignMessages } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import { type MessageStatus, messageSourcesOf } from '../campaigns/status'
import type { AppContext } from '../context.server'
import { errorColumns } from '../stored-text'
import { RECONCILE_LEASE_MS } from './reconcile-policy'

type Ctx = Pick<AppContext, 'db' | 'clock'>
export type OutboxRow = typeof campaignMessages.$inferSelect
const m = campaignMessages

const movableTo = (to: MessageStatus) => inArray(m.status, messageSourcesOf(to))

/** Stored reasons of reconciliation outcomes (texts `send.reconcile.*`). */
export const RECONCILE_MESSAGES = {
  alreadyResent: text('send.reconcile.alreadyResent'),
  campaignOver: text('send.reconcile.campaignOver'),
  cannotTell: text('send.reconcile.cannotTell'),
} as const

/** A row leased for one look at WAHA; `lease` is the token every settling write checks. */
export type LeasedRow = OutboxRow & { lease: number }

/**
 * Takes up to `limit` `unknown` rows whose look at WAHA is due, for RECONCILE_LEASE_MS. The UPDATE is
 * the claim: a concurrent run finds them leased (reconcile_next_at in the future) and skips them.
 */
export async function leaseDueUnknown(ctx: Ctx, limit: number): Promise<LeasedRow[]> {
  const now = ctx.clock()
  const due = and(eq(m.status, 'unknown'), isNotNull(m.reconcileNextAt), lte(m.reconcileNextAt, now))
  const ids = await ctx.db.select({ id: m.id }).from(m).where(due).orderBy(m.reconcileNextAt).limit(limit)
  if (ids.length === 0) return []
  const lease = now + RECONCILE_LEASE_MS
  const rows = await ctx.db
    .update(m)
    .set({ reconcileNextAt: lease })
    .where(
      and(
        inArray(
          m.id,
          ids.map((r) => r.id),
        ),
        due,
      ),
    )
    .returning()
  return rows.map((r) => ({ ...r, lease }))
}

const leased = (row: Pick<LeasedRow, 'id' | 'lease'>) =>
  and(eq(m.id, row.id), eq(m.status, 'unknown'), eq(m.reconcileNextAt, row.lease))

/**
 * Found in the chat: unknown -> sent with WAHA's id (so acks attach), unless another row already owns
 * that id. Returns false when the lease was lost or the id is taken.
 */
export async function confirmUnknownSent(
  ctx: Ctx,
  row: Pick<LeasedRow, 'id' | 'lease'>,
  wahaMessageId: string,
  sentAt: number,
): Promise<boolean> {
  const changed = await ctx.db
    .update(m)
    .set({
      status: 'sent',
      wahaMessageId,
      sentAt: sql`COALESCE(${m.sentAt}, ${sentAt})`,
      error: null,
      errorKind: null,
      reconciled: 'confirmed',
      reconcileNextAt: null,
      updatedAt: ctx.clock(),
    })
    .where(
      and(
        leased(row),
        movableTo('sent'),
        sql`NOT EXISTS (SELECT 1 FROM campaign_messages o WHERE o.waha_message_id = ${wahaMessageId} AND o.id <> ${row.id})`,
      ),
    )
    .returning({ id: m.id })
  return changed.length > 0
}

/**
 * Proven missing: unknown -> queued for ONE more attempt, only if it was never resent and its campaign
 * can still send (running, or paused: the resume re-queues it). Returns true when this call requeued it.
 */
export async function requeueUnknownOnce(ctx: Ctx, row: Pick<LeasedRow, 'id' | 'lease'>): Promise<boolean> {
  const now = ctx.clock()
  const changed = await ctx.db
    .update(m)
    .set({
      status: 'queued',
      queuedAt: now,
      resentAt: now,
      attemptId: null,
      error: null,
      errorKind: null,
      reconciled: 'resent',
      reconcileNextAt: null,
      updatedAt: now,
    })
    .where(
      and(
        leased(row),
        isNull(m.resentAt),
        movableTo('queued'),
        sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = campaign_messages.campaign_id
              AND c.tenant_id = campaign_messages.tenant_id AND c.status IN ('running', 'paused'))`,
      ),
    )
    .returning({ id: m.id })
  return changed.length > 0
}

/** A resent row still `queued` this long may have lost its send job (the queue write failed). */
export const RESEND_NUDGE_AFTER_MS = 10 * 60 * 1000

/**
 * Resent rows of running campaigns still `queued` RESEND_NUDGE_AFTER_MS after they were last handed
 * out: stamps them handed out again (so a row is nudged at most once per period, also under concurrent
 * runs) and returns them for a new send job. A duplicate job is harmless: the sender's claim lets one
 * attempt own the row.
 */
export async function nudgeLostResends(
  ctx: Ctx,
  limit: number,
): Promise<Array<Pick<OutboxRow, 'id' | 'tenantId' | 'campaignId'>>> {
  const now = ctx.clock()
  const stale = and(
    eq(m.status, 'queued'),
    isNotNull(m.resentAt),
    lte(m.queuedAt, now - RESEND_NUDGE_AFTER_MS),
  )
  const ids = await ctx.db
    .select({ id: m.id })
    .from(m)
    .where(
      and(
        stale,
        sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = campaign_messages.campaign_id
              AND c.tenant_id = campaign_messages.tenant_id AND c.status = 'running')`,
      ),
    )
    .limit(limit)
  if (ids.length === 0) return []
  return ctx.db
    .update(m)
    .set({ queuedAt: now })
    .where(
      and(
        inArray(
          m.id,
          ids.map((r) => r.id),
        ),
        stale,
      ),
    )
    .returning({ id: m.id, tenantId: m.tenantId, campaignId: m.campaignId })
}

/** Proven missing but not resendable (resent once already, or the campaign is over): failed, with why. */
export async function failProvenMissing(
  ctx: Ctx,
  row: Pick<LeasedRow, 'id' | 'lease'>,
  error: Text,
): Promise<boolean> {
  const now = ctx.clock()
  const changed = await ctx.db
    .update(m)
    .set({
      status: 'failed',
      failedAt: now,
      ...errorColumns(error),
      errorKind: 'not_sent',
      reconciled: 'not_sent',
      reconcileNextAt: null,
      updatedAt: now,
    })
    .where(and(leased(row), movableTo('failed')))
    .returning({ id: m.id })
  return changed.length > 0
}

/**
 * WAHA could not tell: count the look and ask again at `nextAt`, or (null) stay `unknown` for good.
 * Returns false when the lease was lost.
 */
export async function deferUnknown(
  ctx: Ctx,
  row: Pick<LeasedRow, 'id' | 'lease' | 'reconcileChecks'>,
  nextAt: number | null,
): Promise<boolean> {
  const changed = await ctx.db
    .update(m)
    .set({
      reconcileChecks: row.reconcileChecks + 1,
      reconcileNextAt: nextAt,
      ...(nextAt === null
        ? {
            reconciled: 'unconfirmed',
            ...errorColumns(RECONCILE_MESSAGES.cannotTell),
            errorKind: 'unconfirmed',
          }
        : {}),
      updatedAt: ctx.clock(),
    })
    .where(leased(row))
    .returning({ id: m.id })
  return changed.length > 0
}

/** Our own message seen on the device (message.any): a row left `unknown` (or sent without an id) was sent. */
export async function reconcileSent(
  ctx: Ctx,
  row: { id: number; status: string },
  wahaMessageId: string,
  sentAt: number,
): Promise<boolean> {
  const wasUnknown = row.status === 'unknown'
  const to: MessageStatus = wasUnknown ? 'sent' : (row.status as MessageStatus)
  const changed = await ctx.db
    .update(m)
    .set({
      status: to,
      wahaMessageId: sql`COALESCE(${m.wahaMessageId}, ${wahaMessageId})`,
      sentAt: sql`COALESCE(${m.sentAt}, ${sentAt})`,
      error: null,
      errorKind: null,
      ...(wasUnknown ? { reconciled: 'confirmed', reconcileNextAt: null } : {}),
      updatedAt: ctx.clock(),
    })
    .where(and(eq(m.id, row.id), eq(m.status, row.status), to === row.status ? sql`1 = 1` : movableTo(to)))
    .returning({ id: m.id })
  return changed.length > 0
}
