// The `events` consumer's core (docs/design.md §3 "Events"): applies a batch of WAHA events at once.
// - message.ack -> the outbox row by WAHA message id, monotonic (acks only move forward); an ack for
//   an id we do not know yet is kept in pending_acks (it may have raced our send call) and applied
//   when the send is recorded — never dropped.
// - message.any from our own device -> reconciles rows left `unknown` (sent after all).
// - message from a contact -> replied_at on their latest campaign message; a plain opt-out request
//   (opt-out.ts) -> the tenant's opt-out list at once (every running campaign checks it before each
//   send); a doubtful one -> "Possíveis opt-outs" for a person to confirm (decision 031); every
//   message, and its later edits and revokes, is kept for Respostas (app/core/inbox, decision 032).
// - poll.vote -> poll_votes on the poll's outbox row (app/core/polls, decision 038); poll.vote.failed
//   (WhatsApp could not decrypt the vote) is counted and logged: there is nothing to store.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { campaignMessages, pendingAcks, suppressions, tenants } from '../../../db/schema'
import { queueConfirmation } from '../campaigns/confirmation.server'
import { applyAck, type MessageStatus } from '../campaigns/status'
import { recordPossibleOptOut, settlePossibleOptOuts } from '../contacts/possible-optouts.server'
import type { AppContext } from '../context.server'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { applyInboxChange, recordInbound } from '../inbox/record.server'
import { brazilPhoneVariants, canonicalPhone } from '../phone/ninth-digit'
import { recordPollVote } from '../polls/votes.server'
import type { EventJob } from '../queue-messages'
import { type AckMove, markReplied, writeAckMoves } from '../sending/outbox-events.server'
import { reconcileSent } from '../sending/outbox-reconcile.server'
import { chatIdKind, chatIdToPhone } from '../waha/chat-id'
import type { WahaAck, WahaEvent, WahaMessage } from '../waha/webhook'
import { emitAckMoves, emitIncoming } from '../webhooks/message-events.server'
import { optOutIntent } from './opt-out'

export type EventsResult = {
  acksApplied: number
  acksPending: number
  reconciled: number
  replies: number
  optOuts: string[]
  /** Poll votes stored; votes for polls we never sent; votes WhatsApp could not decrypt. */
  votes: number
  votesUnmatched: number
  votesFailed: number
}

/** A result where nothing happened yet. */
export function noEvents(): EventsResult {
  return {
    acksApplied: 0,
    acksPending: 0,
    reconciled: 0,
    replies: 0,
    optOuts: [],
    votes: 0,
    votesUnmatched: 0,
    votesFailed: 0,
  }
}

export type EventDeps = {
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'env'>
  /** Resolves a `@lid` sender to a phone chat id through the session's WAHA (null if unknown). */
  resolveLid?: (tenantId: string, sessionId: string, lid: string) => Promise<string | null>
  /** Sends the tenant's opt-out confirmation reply (optional). */
  confirmOptOut?: (tenantId: string, sessionId: string, chatId: string, text: string) => Promise<void>
}

/** The instants an ack of this status proves (READ proves the delivery too). */
const ACK_STAMPS: Partial<Record<MessageStatus, ReadonlyArray<keyof AckMove['stamps']>>> = {
  sent: ['sentAt'],
  delivered: ['deliveredAt'],
  read: ['deliveredAt', 'readAt'],
  failed: ['failedAt'],
}

/** Applies a batch of events. Throws only on infrastructure errors (the batch is then retried). */
export async function applyEvents(deps: EventDeps, jobs: EventJob[]): Promise<EventsResult> {
  const result = noEvents()
  const acks: Array<{ tenantId: string; ack: WahaAck; at: number }> = []
  // Our own messages the outbox already knows by id (nearly all of them: the send recorded it) prove
  // nothing new; only the others are looked up as possible `unknown` sends, one query per event.
  const ownIds = jobs.flatMap((job) => {
    const event = job.event as WahaEvent
    return event?.type === 'message.any' && event.message.fromMe && event.message.id ? [event.message.id] : []
  })
  const known = new Set(
    (await outboxRowsByWahaId(deps.ctx, ownIds)).map((r) => `${r.tenantId}|${r.wahaMessageId}`),
  )
  for (const job of jobs) {
    const event = job.event as WahaEvent
    if (!event || typeof event !== 'object') continue
    if (event.type === 'message.ack' && event.ack.fromMe !== false) {
      acks.push({ tenantId: job.tenantId, ack: event.ack, at: event.envelope.timestamp ?? deps.ctx.clock() })
    } else if (event.type === 'message.any' && event.message.fromMe) {
      if (known.has(`${job.tenantId}|${event.message.id}`)) continue
      result.reconciled += await reconcileOwnMessage(deps, job.tenantId, job.sessionId, event.message)
    } else if (event.type === 'message' && !event.message.fromMe) {
      const outcome = await applyIncoming(deps, job.tenantId, job.sessionId, event.message)
      await emitIncoming(deps.ctx, job.tenantId, job.sessionId, event.message, outcome)
      if (outcome.replied) result.replies++
      if (outcome.optedOut) result.optOuts.push(outcome.optedOut)
    } else if (event.type === 'message.edited' || event.type === 'message.revoked') {
      await applyInboxChange(deps.ctx, job.tenantId, job.sessionId, event)
    } else if (event.type === 'poll.vote') {
      const outcome = await recordPollVote(deps, job.tenantId, job.sessionId, event.vote, event.envelope.id)
      if (outcome === 'recorded') result.votes++
      else if (outcome === 'unknown_poll') result.votesUnmatched++
    } else if (event.type === 'poll.vote.failed') {
      result.votesFailed++
    }
  }
  const applied = await applyAcks(deps.ctx, acks)
  result.acksApplied = applied.applied
  result.acksPending = applied.pending
  return result
}

/** The outbox rows (of any tenant: callers match the tenant) with these WhatsApp ids, in one round trip. */
async function outboxRowsByWahaId(ctx: Pick<AppContext, 'db'>, wahaIds: string[]) {
  const ids = [...new Set(wahaIds)]
  if (ids.length === 0) return []
  const m = campaignMessages
  const reads = chunks(ids, D1_IDS_PER_STATEMENT).map((part) =>
    ctx.db
      .select({ id: m.id, tenantId: m.tenantId, status: m.status, wahaMessageId: m.wahaMessageId })
      .from(m)
      .where(inArray(m.wahaMessageId, part)),
  )
  return (await ctx.db.batch(reads as [(typeof reads)[number], ...typeof reads])).flat()
}

/** Acks of one batch: one read for all ids, then the conditional writes of the rows that move (grouped by shape). */
async function applyAcks(ctx: EventDeps['ctx'], acks: Array<{ tenantId: string; ack: WahaAck; at: number }>) {
  const usable = acks.filter((a) => a.ack.ack !== null && a.ack.messageId)
  if (usable.length === 0) return { applied: 0, pending: 0 }
  const rows = await outboxRowsByWahaId(
    ctx,
    usable.map((a) => a.ack.messageId),
  )
  const byId = new Map(rows.map((r) => [`${r.tenantId}|${r.wahaMessageId}`, r]))
  const updates = new Map<number, { from: MessageStatus } & AckMove>()
  const pending: (typeof pendingAcks.$inferInsert)[] = []
  for (const { tenantId, ack, at } of usable) {
    const row = byId.get(`${tenantId}|${ack.messageId}`)
    if (!row) {
      pending.push({ wahaMessageId: ack.messageId, tenantId, ack: ack.ack!, at })
      continue
    }
    const current = updates.get(row.id) ?? {
      from: row.status as MessageStatus,
      to: row.status as MessageStatus,
      stamps: {},
    }
    const next = applyAck(current.to, ack.ack!)
    // The instants an ack proves date the row whether or not it moves it (a DEVICE behind a READ of
    // the same batch still dates the delivery); the first instant of each wins. ERROR dates a failure
    // only when the row does fail, and nothing else is dated on a failing row.
    const proves = applyAck('sending', ack.ack!)
    if (proves === 'failed' ? next === 'failed' : next !== 'failed')
      for (const stamp of ACK_STAMPS[proves] ?? [])
        current.stamps[stamp] = Math.min(current.stamps[stamp] ?? at, at)
    current.to = next
    updates.set(row.id, current)
  }
  const moves = new Map([...updates].filter(([, u]) => u.to !== u.from))
  const applied = await writeAckMoves(ctx, moves)
  await emitAckMoves(
    ctx,
    rows.flatMap((r) => (moves.has(r.id) ? [{ ...r, to: moves.get(r.id)!.to }] : [])),
  )
  for (let i = 0; i < pending.length; i += 20) {
    await ctx.db
      .insert(pendingAcks)
      .values(pending.slice(i, i + 20))
      .onConflictDoNothing()
  }
  return { applied, pending: pending.length }
}

function phonesOf(chatId: string | null): string[] {
  if (!chatId || chatIdKind(chatId) !== 'user') return []
  const phone = chatIdToPhone(chatId)
  return phone ? brazilPhoneVariants(phone) : []
}

/** Our own message seen on the device: a row left `unknown` (or sent without an id) was sent. */
async function reconcileOwnMessage(
  deps: EventDeps,
  tenantId: string,
  sessionId: string,
  message: WahaMessage,
): Promise<number> {
  const phones = phonesOf(message.chatId)
  if (phones.length === 0) return 0
  const { db } = deps.ctx
  const candidates = await db
    .select({
      id: campaignMessages.id,
      status: campaignMessages.status,
      text: campaignMessages.renderedText,
      wahaId: campaignMessages.wahaMessageId,
    })
    .from(campaignMessages)
    .where(
      and(
        eq(campaignMessages.tenantId, tenantId),
        inArray(campaignMessages.phoneE164, phones),
        eq(campaignMessages.sessionId, sessionId),
        inArray(campaignMessages.status, ['unknown', 'sent', 'sending']),
      ),
    )
    .orderBy(desc(campaignMessages.id))
    .limit(20)
  const match = candidates.find(
    (c) => (c.status === 'unknown' || c.wahaId === null) && (c.text ?? '').trim() === message.body.trim(),
  )
  if (!match) return 0
  const sentAt = (message.timestamp ?? 0) * 1000 || deps.ctx.clock()
  return (await reconcileSent(deps.ctx, match, message.id, sentAt)) ? 1 : 0
}

/** A contact wrote to us: mark the reply, and honour an opt-out at once. */
async function applyIncoming(deps: EventDeps, tenantId: string, sessionId: string, message: WahaMessage) {
  if (message.isGroup) return { replied: false, optedOut: null }
  let chatId = message.chatId ?? message.senderId
  if (chatId && chatIdKind(chatId) === 'lid' && deps.resolveLid)
    chatId = (await deps.resolveLid(tenantId, sessionId, chatId)) ?? chatId
  // Respostas keeps every message, matched or not (decision 032).
  await recordInbound(deps.ctx, tenantId, sessionId, message, chatId)
  const phones = phonesOf(chatId)
  if (phones.length === 0) return { replied: false, optedOut: null }
  const { db } = deps.ctx
  const now = deps.ctx.clock()
  const latest = await db
    .select({ id: campaignMessages.id })
    .from(campaignMessages)
    .where(
      and(
        eq(campaignMessages.tenantId, tenantId),
        inArray(campaignMessages.phoneE164, phones),
        isNotNull(campaignMessages.sentAt),
      ),
    )
    // `+sent_at`: ordering by the bare column made SQLite walk the tenant's sends backwards through
    // (tenant_id, sent_at) until one matched the phone (449 rows read per reply in bench:rowsize,
    // more as the tenant sends); this way it seeks each phone variant in (tenant_id, phone_e164,
    // sent_at) and sorts the few rows it finds.
    .orderBy(desc(sql`+${campaignMessages.sentAt}`))
    .limit(1)
    .get()
  const replied = latest ? await markReplied(deps.ctx, latest.id) : false
  const intent = optOutIntent(message.body)
  if (intent.decision === 'none') {
    // A reply to a first message gets the campaign's confirmation, once (decision 040).
    if (latest) await queueConfirmation(deps.ctx, tenantId, latest.id)
    return { replied, optedOut: null }
  }
  // The opt-out list stores the canonical form we import (Brazilian mobiles with the 9th digit).
  const phone = canonicalPhone(phones[0]!)
  if (intent.decision === 'doubtful') {
    // Not plain enough to drop the person: a member of the team confirms it (decision 031).
    await recordPossibleOptOut(deps.ctx, {
      tenantId,
      phoneE164: phone,
      wahaMessageId: message.id,
      sessionId,
      messageId: latest?.id ?? null,
      body: message.body,
      rule: intent.rule,
    })
    return { replied, optedOut: null }
  }
  const inserted = await db
    .insert(suppressions)
    .values({
      tenantId,
      phoneE164: phone,
      reason: 'opt_out',
      source: message.body.trim().slice(0, 40),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: suppressions.id })
  if (inserted.length > 0) await settlePossibleOptOuts(deps.ctx, tenantId, phone)
  if (inserted.length > 0 && deps.confirmOptOut && chatId) {
    const tenant = await db
      .select({ reply: tenants.optOutReply })
      .from(tenants)
      .where(eq(tenants.id, tenantId))
      .get()
    if (tenant?.reply) await deps.confirmOptOut(tenantId, sessionId, chatId, tenant.reply)
  }
  return { replied, optedOut: phone }
}
