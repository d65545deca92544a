// Keeps a session's D1 row (status, phone, last_connected_at, last_error) and its SenderSession
// Durable Object (live status + QR) in step with WAHA, from webhooks and from polls. Polls run
// while a page watches a session that is starting or showing a QR (webhooks may be silent then),
// or when the live state is older than a minute.
import { sql } from 'drizzle-orm'
import { wahaSessions } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { ownedRow } from '../db/tenant.server'
import { type LiveView, isTransitional } from './session-form'
import { phoneFromMeId, qrDataUrl } from './waha-values'

export type { LiveView }
import { type WahaDeps, type WahaSessionRow, clientForSession } from './waha-access.server'

/** pt-BR text stored as last_error when WAHA reports FAILED. */
export const FAILED_MESSAGE =
  'A sessão falhou no WAHA (o WhatsApp pode ter desconectado o aparelho). Reinicie a sessão; se continuar falhando, desconecte e escaneie o QR code de novo.'

/** Live state older than this is refreshed from WAHA when a page looks at the session. */
export const STALE_AFTER_MS = 60_000
/** Polls must not hold a page: a short timeout. */
export const POLL_TIMEOUT_MS = 5_000

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

/** Applies a status to the D1 row and the Durable Object; returns false when it was out of date. */
export async function applySessionStatus(
  ctx: AppContext,
  row: WahaSessionRow,
  update: StatusUpdate,
): Promise<boolean> {
  const stub = liveStub(ctx, row.id)
  if (update.source === 'webhook') {
    const live = await stub.getState()
    if (live.updatedAt !== null && update.at < live.updatedAt) return false
  }
  const now = ctx.clock()
  const phone = phoneFromMeId(update.me?.id)
  const failed = update.status === 'FAILED'
  await ctx.db
    .update(wahaSessions)
    .set({
      status: update.status,
      updatedAt: now,
      ...(phone ? { phone } : {}),
      ...(update.status === 'WORKING'
        ? { lastConnectedAt: update.at, firstConnectedAt: sql`COALESCE(${wahaSessions.firstConnectedAt}, ${update.at})` }
        : {}),
      ...(failed ? { lastError: FAILED_MESSAGE, lastErrorAt: update.at } : {}),
    })
    .where(ownedRow({ tenantId: row.tenantId }, wahaSessions, row.id))
  await stub.setState(
    {
      status: update.status,
      ...(update.status === 'SCAN_QR_CODE'
        ? update.qr !== undefined
          ? { qr: update.qr }
          : {}
        : { qr: null }),
      ...(failed ? { lastError: FAILED_MESSAGE } : {}),
    },
    update.at,
  )
  return true
}

function viewOf(row: WahaSessionRow, qr: string | null, pollError: string | null): LiveView {
  return {
    status: row.status,
    qr: row.status === 'SCAN_QR_CODE' ? qr : null,
    phone: row.phone,
    lastError: row.lastError,
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
  opts: { force?: boolean; allowStale?: boolean } = {},
): Promise<LiveView> {
  const stub = liveStub(ctx, row.id)
  const live = await stub.getState()
  const stale = live.updatedAt === null || ctx.clock() - live.updatedAt > STALE_AFTER_MS
  if (!opts.force && !isTransitional(row.status) && !(stale && !opts.allowStale)) {
    return viewOf(row, live.qr, null)
  }
  const client = await clientForSession(ctx, row, { timeoutMs: POLL_TIMEOUT_MS, ...deps })
  const info = await client.getSession(row.sessionName)
  if (!info.ok) return viewOf(row, live.qr, info.error.message)
  let qr: string | null | undefined
  if (info.value.status === 'SCAN_QR_CODE') {
    const code = await client.qrBase64(row.sessionName)
    qr = code.ok ? qrDataUrl(code.value.mimetype, code.value.data) : undefined
  }
  const at = ctx.clock()
  await applySessionStatus(ctx, row, { status: info.value.status, me: info.value.me, qr, at, source: 'poll' })
  const phone = phoneFromMeId(info.value.me?.id) ?? row.phone
  const next: WahaSessionRow = {
    ...row,
    status: info.value.status,
    phone,
    lastConnectedAt: info.value.status === 'WORKING' ? at : row.lastConnectedAt,
    ...(info.value.status === 'FAILED' ? { lastError: FAILED_MESSAGE, lastErrorAt: at } : {}),
  }
  return viewOf(next, qr === undefined ? live.qr : qr, null)
}
