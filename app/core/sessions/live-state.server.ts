// The one writer of a session's status (decision 026): applies what WAHA says, from webhooks, polls and
// page actions (session-truth.ts says what its answers mean), to the D1 row (status, phone,
// last_connected_at, last_error, a pause the session not working caused), the truth every page, the
// router, the sender and the guard read. Then it records in the SenderSession Durable Object what D1
// does not hold: the QR code and the instant of the last status applied (older webhooks are ignored,
// stale state is polled), and wakes its alarm when the session stops working. Polls run while a page
// watches a session that is starting or showing a QR (webhooks may be silent then), or when the live
// state is older than a minute.

import { and, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import { wahaSessions } from '../../../db/schema'
import type { Text } from '../../i18n/text'
import type { AppContext } from '../context.server'
import { ownedRow } from '../db/tenant.server'
import { evaluateSessionHealth } from '../health/guard.server'
import { recordSessionEvent } from '../health/measure.server'
import { lastErrorColumns, lastErrorText } from '../stored-text'
import type { WahaClient } from '../waha/client'
import { emitWebhookEvent } from '../webhooks/emit.server'
import { isTransitional, type LiveView } from './session-form'
import {
  CURED_BY_WORKING,
  FAILED_MESSAGE,
  FAILED_TEXT,
  NOT_FOUND_MESSAGE,
  NOT_FOUND_STATUS,
  NOT_FOUND_TEXT,
} from './session-truth'
import { phoneFromMeId, qrDataUrl } from './waha-values'

export type { LiveView }

import { clientForSession, type WahaDeps, type WahaSessionRow } from './waha-access.server'

/** Live state older than this is refreshed from WAHA when a page looks at the session. */
const STALE_AFTER_MS = 60_000
/** Polls must not hold a page: a short timeout. */
const POLL_TIMEOUT_MS = 5_000

/** A status change to apply. `qr` undefined keeps the stored QR while SCAN_QR_CODE. */
export interface StatusUpdate {
  status: string
  me?: { id: string } | null
  qr?: string | null
  /** When WAHA reported it (webhook envelope) or when we observed it (poll), ms. */
  at: number
  /** Webhooks may arrive out of order; older ones are ignored. Polls and actions always apply. */
  source: 'webhook' | 'poll' | 'action'
}

const liveStub = (ctx: Pick<AppContext, 'env'>, sessionId: string) =>
  ctx.env.SENDER_SESSION.getByName(sessionId)

/** SQL: the session's pause reason is one a WORKING status cures (by its stored code). */
const pauseCuredByWorking = () => inArray(wahaSessions.pausedCode, [...CURED_BY_WORKING])

/** SQL: the last error is not already the text `code` (none, cleared, or another one). */
const lastErrorIsNot = (code: string) =>
  or(isNull(wahaSessions.lastError), isNull(wahaSessions.lastErrorCode), ne(wahaSessions.lastErrorCode, code))

/**
 * Applies a status to the D1 row and the Durable Object; returns false when it was out of date.
 * FAILED and NOT_FOUND record why as the last error (NOT_FOUND keeps the time it was first seen).
 * WORKING lifts a pause the session not working caused and clears the last error, unless the session
 * is still paused for another reason (that reason is then the last error).
 */
export async function applySessionStatus(
  ctx: AppContext,
  row: WahaSessionRow,
  update: StatusUpdate,
): Promise<boolean> {
  const stub = liveStub(ctx, row.id)
  // The status log feeds the health guard's flaps; keyed by (status, instant), so a repeated or late
  // webhook adds nothing, and an out-of-order one still lands in its place (countFlaps sorts).
  await recordSessionEvent(ctx, {
    tenantId: row.tenantId,
    sessionId: row.id,
    kind: 'status',
    key: `${update.status}@${update.at}`,
    at: update.at,
    detail: update.status,
  })
  // A webhook or a poll older than what the session already knows changes nothing (a poll's `at` is
  // when WAHA was asked, so a webhook that arrived while the answer travelled wins). A command's own
  // answer is taken as it is.
  if (update.source !== 'action') {
    const live = await stub.getState()
    if (live.updatedAt !== null && update.at < live.updatedAt) return false
  }
  const now = ctx.clock()
  const phone = phoneFromMeId(update.me?.id)
  const failed = update.status === 'FAILED'
  const missing = update.status === NOT_FOUND_STATUS
  const working = update.status === 'WORKING'
  const thisRow = ownedRow({ tenantId: row.tenantId }, wahaSessions, row.id)
  const apply = ctx.db
    .update(wahaSessions)
    .set({
      status: update.status,
      updatedAt: now,
      ...(phone ? { phone } : {}),
      ...(working
        ? {
            lastConnectedAt: update.at,
            firstConnectedAt: sql`COALESCE(${wahaSessions.firstConnectedAt}, ${update.at})`,
          }
        : {}),
      ...(failed ? { ...lastErrorColumns(FAILED_TEXT), lastErrorAt: update.at } : {}),
    })
    .where(thisRow)
  // One batch (one transaction): a pause the sender records meanwhile is never half-cleared.
  if (missing) {
    await ctx.db.batch([
      apply,
      ctx.db
        .update(wahaSessions)
        .set({ ...lastErrorColumns(NOT_FOUND_TEXT), lastErrorAt: update.at })
        .where(and(thisRow, lastErrorIsNot(NOT_FOUND_TEXT.code))),
    ])
  } else if (working) {
    await ctx.db.batch([
      apply,
      ctx.db
        .update(wahaSessions)
        .set({ pausedUntil: null, pausedReason: null })
        .where(and(thisRow, pauseCuredByWorking())),
      ctx.db
        .update(wahaSessions)
        .set({ lastError: null, lastErrorAt: null })
        .where(and(thisRow, or(isNull(wahaSessions.pausedUntil), lte(wahaSessions.pausedUntil, now)))),
    ])
  } else {
    await apply
  }
  await stub.setState(
    {
      status: update.status,
      ...(update.status === 'SCAN_QR_CODE'
        ? update.qr !== undefined
          ? { qr: update.qr }
          : {}
        : { qr: null }),
      ...(failed ? { lastError: FAILED_MESSAGE } : {}),
      ...(missing ? { lastError: NOT_FOUND_MESSAGE } : {}),
      ...(working ? { lastError: null } : {}),
    },
    update.at,
  )
  if (update.status !== row.status)
    await emitWebhookEvent(ctx, row.tenantId, 'session.status_changed', {
      sessionId: row.id,
      name: row.displayName,
      status: update.status,
      previous: row.status,
      at: update.at,
    })
  if (update.status !== row.status) await evaluateAfterStatus(ctx, row.id)
  return true
}

/** A deleted session's Durable Object forgets its QR and last status (its D1 row is gone). */
export async function forgetLiveState(ctx: Pick<AppContext, 'env' | 'clock'>, sessionId: string) {
  await liveStub(ctx, sessionId).setState({ status: 'STOPPED', qr: null, lastError: null }, ctx.clock())
}

/** A status change can block a number (logged out) or end a flap streak: the guard looks at once. */
async function evaluateAfterStatus(ctx: AppContext, sessionId: string): Promise<void> {
  try {
    await evaluateSessionHealth(ctx, sessionId, { force: true })
  } catch (error) {
    console.warn('health evaluation after a status change failed', sessionId, error)
  }
}

/**
 * Asks WAHA whether it still knows the session; when it answers that it does not, records NOT_FOUND
 * (the router and the sender then leave the session alone). Returns the client's answer.
 */
export async function checkSessionOnWaha(ctx: AppContext, row: WahaSessionRow, client: WahaClient) {
  const asked = ctx.clock()
  const found = await client.findSession(row.sessionName)
  if (found.ok && found.value === null) {
    await applySessionStatus(ctx, row, { status: NOT_FOUND_STATUS, at: asked, source: 'poll' })
  }
  return { ...found, asked }
}

function viewOf(row: WahaSessionRow, qr: string | null, pollError: Text | null): LiveView {
  return {
    status: row.status,
    qr: row.status === 'SCAN_QR_CODE' ? qr : null,
    phone: row.phone,
    lastError: lastErrorText(row),
    lastErrorAt: row.lastErrorAt,
    lastConnectedAt: row.lastConnectedAt,
    pollError,
  }
}

/**
 * The live state of a session for a page. Asks WAHA (getSession, and the QR while SCAN_QR_CODE)
 * when the session is starting / waiting for the QR, when the live state is stale, or when forced;
 * updates D1 and the Durable Object with what it learns.
 */
export async function refreshLiveState(
  ctx: AppContext,
  row: WahaSessionRow,
  deps: WahaDeps = {},
  opts: { force?: boolean } = {},
): Promise<LiveView> {
  const stub = liveStub(ctx, row.id)
  const live = await stub.getState()
  const stale = live.updatedAt === null || ctx.clock() - live.updatedAt > STALE_AFTER_MS
  if (!opts.force && !isTransitional(row.status) && !stale) {
    return viewOf(row, live.qr, null)
  }
  const client = await clientForSession(ctx, row, { timeoutMs: POLL_TIMEOUT_MS, ...deps })
  const info = await checkSessionOnWaha(ctx, row, client)
  if (!info.ok) return viewOf(row, live.qr, info.error.text)
  if (info.value === null) return viewOf(await reread(ctx, row), null, null)
  let qr: string | null | undefined
  if (info.value.status === 'SCAN_QR_CODE') {
    const code = await client.qrBase64(row.sessionName)
    qr = code.ok ? qrDataUrl(code.value.mimetype, code.value.data) : undefined
  }
  // What WAHA answered was true at some instant after it was asked: the status is placed at the asking,
  // so a status webhook that came in meanwhile (a pairing that just finished) is not overwritten by
  // the older answer, and the guard's log does not see a QR code after it (a false flap).
  await applySessionStatus(ctx, row, {
    status: info.value.status,
    me: info.value.me,
    qr,
    at: info.asked,
    source: 'poll',
  })
  return viewOf(await reread(ctx, row), qr === undefined ? live.qr : qr, null)
}

/** The row as stored now (after a status was applied); the given one if it was deleted meanwhile. */
async function reread(ctx: AppContext, row: WahaSessionRow): Promise<WahaSessionRow> {
  return (
    (await ctx.db
      .select()
      .from(wahaSessions)
      .where(ownedRow({ tenantId: row.tenantId }, wahaSessions, row.id))
      .get()) ?? row
  )
}
