// The reconcile cron task (decision 021): every minute, `unknown` rows whose safe wait is over are
// looked up in WAHA's chat (the session that attempted them, our own messages since the attempt).
// Found -> sent with WAHA's id (acks that waited for it attach); proven missing -> requeued once (or
// failed when it was already resent, or its campaign is over); WAHA cannot tell -> asked again later,
// RECONCILE_MAX_CHECKS times, then `unknown` for good. Each row is leased first, so concurrent runs
// never look at, settle or resend the same row twice.
import { and, eq, inArray } from 'drizzle-orm'
import { campaignMessages, campaigns, contacts, pendingAcks } from '../../../db/schema'
import { finishIfDone } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'
import { applyEarlyAcks } from './outbox.server'
import {
  confirmUnknownSent,
  deferUnknown,
  failProvenMissing,
  type LeasedRow,
  leaseDueUnknown,
  nudgeLostResends,
  RECONCILE_MESSAGES,
  requeueUnknownOnce,
} from './outbox-reconcile.server'
import {
  attemptSinceSeconds,
  type ChatVerdict,
  judgeChat,
  nextCheckAt,
  RECONCILE_HISTORY_LIMIT,
  RECONCILE_MAX_CHECKS,
  RECONCILE_PER_RUN,
  RECONCILE_WAHA_TIMEOUT_MS,
} from './reconcile-policy'
import { enqueueSends, sendJobs } from './send-jobs'
import { loadSenderSession } from './session-config.server'

type Ctx = Pick<AppContext, 'db' | 'env' | 'config' | 'clock'>

/** What one run did: rows looked at and how each ended. */
export type ReconcileRun = {
  looked: number
  confirmed: number
  resent: number
  /** Proven missing but not resendable: failed. */
  notSent: number
  /** WAHA could not tell; asked again later. */
  deferred: number
  /** WAHA could not tell for the last time: `unknown` for good. */
  unconfirmed: number
  /** Another run or writer settled the row meanwhile. */
  lost: number
  /** Resent rows whose send job was handed out again (an earlier queue write may have failed). */
  nudged: number
}

export type ReconcileDeps = { fetch?: typeof fetch; limit?: number }

type Sessions = Map<string, Awaited<ReturnType<typeof loadSenderSession>>>

type Context = { campaignStatus: string | null; withMedia: boolean; chatId: string | null }

/** One cron run over at most `limit` due rows. */
export async function reconcileUnknownSends(ctx: Ctx, deps: ReconcileDeps = {}): Promise<ReconcileRun> {
  const run: ReconcileRun = {
    looked: 0,
    confirmed: 0,
    resent: 0,
    notSent: 0,
    deferred: 0,
    unconfirmed: 0,
    lost: 0,
    nudged: 0,
  }
  const lost = await nudgeLostResends(ctx, deps.limit ?? RECONCILE_PER_RUN)
  if (lost.length > 0) {
    await enqueueSends(
      ctx.env.SEND_QUEUE,
      sendJobs(lost.map((r) => ({ messageId: r.id, tenantId: r.tenantId, campaignId: r.campaignId }))),
    )
    run.nudged = lost.length
  }
  const rows = await leaseDueUnknown(ctx, deps.limit ?? RECONCILE_PER_RUN)
  if (rows.length === 0) return run
  const context = await loadContext(ctx, rows)
  const touched = new Set<string>()
  const sessions: Sessions = new Map()
  for (const row of rows) {
    run.looked++
    const here = context.get(row.id) ?? { campaignStatus: null, withMedia: false, chatId: null }
    const verdict = await lookAtWaha(ctx, deps, sessions, row, here)
    const outcome = await settle(ctx, row, here, verdict)
    run[outcome]++
    if (outcome !== 'lost') touched.add(row.campaignId)
  }
  for (const campaignId of touched) await finishIfDone(ctx, campaignId)
  return run
}

/** Campaign status, whether it sent an image, and the contact's chat id, for every leased row. */
async function loadContext(ctx: Ctx, rows: readonly LeasedRow[]): Promise<Map<number, Context>> {
  const found = await ctx.db
    .select({
      id: campaignMessages.id,
      campaignStatus: campaigns.status,
      mediaKey: campaigns.mediaKey,
      chatId: contacts.waChatId,
    })
    .from(campaignMessages)
    .innerJoin(
      campaigns,
      and(eq(campaigns.id, campaignMessages.campaignId), eq(campaigns.tenantId, campaignMessages.tenantId)),
    )
    .leftJoin(
      contacts,
      and(eq(contacts.id, campaignMessages.contactId), eq(contacts.tenantId, campaignMessages.tenantId)),
    )
    .where(
      inArray(
        campaignMessages.id,
        rows.map((r) => r.id),
      ),
    )
  return new Map(
    found.map((f) => [
      f.id,
      { campaignStatus: f.campaignStatus, withMedia: f.mediaKey !== null, chatId: f.chatId },
    ]),
  )
}

/** Asks the session that attempted the row for the chat's own messages since the attempt. */
async function lookAtWaha(
  ctx: Ctx,
  deps: ReconcileDeps,
  sessions: Sessions,
  row: LeasedRow,
  here: Context,
): Promise<ChatVerdict> {
  if (!row.sessionId || row.sendingAt === null)
    return { kind: 'cannot_tell', why: 'sem sessão ou horário da tentativa' }
  // The text was erased (LGPD): nothing left to match against, and nothing to resend.
  if (row.renderedText === null && row.wahaMessageId === null)
    return { kind: 'cannot_tell', why: 'o texto da mensagem foi apagado' }
  // The sender's own client (API key opened), with the shorter timeout of a background look; one
  // per session and run.
  let session = sessions.get(row.sessionId)
  if (session === undefined) {
    const config = {
      ...ctx.config,
      wahaTimeoutMs: Math.min(ctx.config.wahaTimeoutMs, RECONCILE_WAHA_TIMEOUT_MS),
    }
    session = await loadSenderSession({ db: ctx.db, config, clock: ctx.clock }, row.sessionId, deps.fetch)
    sessions.set(row.sessionId, session)
  }
  if (!session || session.row.tenantId !== row.tenantId)
    return { kind: 'cannot_tell', why: 'a sessão que tentou o envio não existe mais' }
  const waha = session.client
  const name = session.row.sessionName
  let chatId = here.chatId
  if (!chatId) {
    const exists = await waha.checkExists(name, row.phoneE164)
    if (!exists.ok || !exists.value.numberExists || !exists.value.chatId)
      return { kind: 'cannot_tell', why: 'conversa não encontrada' }
    chatId = exists.value.chatId
  }
  const listing = await waha.chatMessages(name, chatId, {
    limit: RECONCILE_HISTORY_LIMIT,
    fromMe: true,
    sinceSeconds: attemptSinceSeconds(row.sendingAt),
  })
  if (!listing.ok) return { kind: 'cannot_tell', why: listing.error.message }
  const ids = listing.value.map((msg) => msg.id)
  const taken = ids.length
    ? await ctx.db
        .select({ id: campaignMessages.wahaMessageId })
        .from(campaignMessages)
        .where(inArray(campaignMessages.wahaMessageId, ids.slice(0, RECONCILE_HISTORY_LIMIT)))
    : []
  const attempt = {
    wahaMessageId: row.wahaMessageId,
    text: row.renderedText ?? '',
    withMedia: here.withMedia,
    sendingAt: row.sendingAt,
  }
  return judgeChat(
    attempt,
    listing.value,
    RECONCILE_HISTORY_LIMIT,
    new Set(taken.map((t) => t.id).filter((id): id is string => id !== null && id !== row.wahaMessageId)),
  )
}

/** Writes the verdict; returns which counter it adds to. */
async function settle(
  ctx: Ctx,
  row: LeasedRow,
  here: Context,
  verdict: ChatVerdict,
): Promise<Exclude<keyof ReconcileRun, 'looked'>> {
  switch (verdict.kind) {
    case 'found': {
      if (!(await confirmUnknownSent(ctx, row, verdict.wahaMessageId, verdict.sentAt))) return 'lost'
      // Acks that arrived while the id was unknown to us waited in pending_acks: they attach now.
      const early = await ctx.db
        .select()
        .from(pendingAcks)
        .where(eq(pendingAcks.wahaMessageId, verdict.wahaMessageId))
      if (early.length > 0) await applyEarlyAcks(ctx, row.id, verdict.wahaMessageId, early)
      return 'confirmed'
    }
    case 'missing': {
      const open = here.campaignStatus === 'running' || here.campaignStatus === 'paused'
      if (row.resentAt === null && open) {
        if (!(await requeueUnknownOnce(ctx, row))) return 'lost'
        await enqueueSends(
          ctx.env.SEND_QUEUE,
          sendJobs([{ messageId: row.id, tenantId: row.tenantId, campaignId: row.campaignId }]),
        )
        return 'resent'
      }
      const why = row.resentAt !== null ? RECONCILE_MESSAGES.alreadyResent : RECONCILE_MESSAGES.campaignOver
      return (await failProvenMissing(ctx, row, why)) ? 'notSent' : 'lost'
    }
    case 'cannot_tell': {
      const last = row.reconcileChecks + 1 >= RECONCILE_MAX_CHECKS
      const next = last ? null : nextCheckAt(row.reconcileChecks + 1, ctx.clock())
      if (!(await deferUnknown(ctx, row, next))) return 'lost'
      return last ? 'unconfirmed' : 'deferred'
    }
  }
}
