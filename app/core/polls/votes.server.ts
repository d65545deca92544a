// Poll votes (decision 038): a poll.vote event becomes a row of poll_votes on the outbox row the poll
// went out as. The poll is found by the id WAHA gave our send (exact, indexed); when the vote names it
// differently (another engine's form, the chat as an @lid), by the voter: their @lid resolved to a phone
// and both Brazilian forms of it (with and without the 9th digit), as replies are matched, then the
// message key. Every change is kept; the vote with the latest time is `current`. A redelivered event
// (same envelope id) inserts nothing. A vote for a poll we never sent is counted and left alone.
// A stored vote is also a `poll.vote` event for the tenant's outbound webhooks (decision 033).
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { campaignMessages, campaigns, pollVotes } from '../../../db/schema'
import { matchVote } from '../campaigns/poll'
import type { AppContext } from '../context.server'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { brazilPhoneVariants } from '../phone/ninth-digit'
import { chatIdKind, chatIdToPhone } from '../waha/chat-id'
import { parseMessageId } from '../waha/message-id'
import type { WahaPollVote } from '../waha/webhook'
import { emitWebhookEvent } from '../webhooks/emit.server'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'env'>

export type VoteOutcome = 'recorded' | 'duplicate' | 'unknown_poll' | 'not_ours'

export type VoteDeps = {
  ctx: Ctx
  resolveLid?: (tenantId: string, sessionId: string, lid: string) => Promise<string | null>
}

type PollRow = {
  id: number
  campaignId: string
  contactId: number
  phoneE164: string
  wahaMessageId: string | null
  poll: { options: string[]; multipleAnswers: boolean } | null
}

const keyOf = (id: string) => parseMessageId(id)?.key ?? id

/** Stores one vote. Never throws for a vote it cannot place (only for database errors). */
export async function recordPollVote(
  deps: VoteDeps,
  tenantId: string,
  sessionId: string,
  vote: WahaPollVote,
  eventId: string | null,
): Promise<VoteOutcome> {
  if (!vote.pollFromMe) return 'not_ours'
  const row = await findPollRow(deps, tenantId, sessionId, vote)
  if (!row?.poll) return 'unknown_poll'
  const votedAt = vote.votedAt ?? deps.ctx.clock()
  const { options } = matchVote(row.poll, vote.selected)
  const eventKey = eventId ?? `${votedAt}|${vote.selected.join('\u001f')}`
  const inserted = await deps.ctx.db
    .insert(pollVotes)
    .values({
      tenantId,
      campaignId: row.campaignId,
      messageId: row.id,
      contactId: row.contactId,
      options,
      votedAt,
      eventKey,
      current: false,
      createdAt: deps.ctx.clock(),
    })
    .onConflictDoNothing()
    .returning({ id: pollVotes.id })
  if (inserted.length === 0) return 'duplicate'
  // The latest vote wins, whatever order the events arrived in (ties: the one stored last).
  await deps.ctx.db.run(sql`UPDATE poll_votes SET current = (id = (
      SELECT id FROM poll_votes WHERE message_id = ${row.id} ORDER BY voted_at DESC, id DESC LIMIT 1
    )) WHERE message_id = ${row.id}`)
  // Outbound webhooks (decision 033): the vote as received (a later one may still supersede it).
  await emitWebhookEvent(deps.ctx, tenantId, 'poll.vote', {
    campaignId: row.campaignId,
    messageId: row.id,
    contactId: row.contactId,
    phone: row.phoneE164,
    options,
    votedAt,
  })
  return 'recorded'
}

const columns = {
  id: campaignMessages.id,
  campaignId: campaignMessages.campaignId,
  contactId: campaignMessages.contactId,
  phoneE164: campaignMessages.phoneE164,
  wahaMessageId: campaignMessages.wahaMessageId,
  poll: campaigns.poll,
}

async function findPollRow(
  deps: VoteDeps,
  tenantId: string,
  sessionId: string,
  vote: WahaPollVote,
): Promise<PollRow | null> {
  const { db } = deps.ctx
  const exact = await db
    .select(columns)
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .where(and(eq(campaignMessages.wahaMessageId, vote.pollId), eq(campaignMessages.tenantId, tenantId)))
    .get()
  if (exact) return exact
  // The voter's phone (an @lid resolved through the session's WAHA), then the poll's key among their rows.
  let voter = vote.voterId
  if (voter && chatIdKind(voter) === 'lid' && deps.resolveLid)
    voter = (await deps.resolveLid(tenantId, sessionId, voter)) ?? voter
  const chatPhone = parseMessageId(vote.pollId)?.chatId
  const phones = new Set<string>()
  for (const id of [voter, chatPhone]) {
    if (!id || chatIdKind(id) !== 'user') continue
    const phone = chatIdToPhone(id)
    if (phone) for (const p of brazilPhoneVariants(phone)) phones.add(p)
  }
  if (phones.size === 0) return null
  const key = keyOf(vote.pollId)
  const candidates = await db
    .select(columns)
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .where(
      and(
        eq(campaignMessages.tenantId, tenantId),
        inArray(campaignMessages.phoneE164, [...phones]),
        isNotNull(campaignMessages.wahaMessageId),
      ),
    )
    .orderBy(desc(campaignMessages.id))
    .limit(50)
  return candidates.find((c) => c.wahaMessageId !== null && keyOf(c.wahaMessageId) === key) ?? null
}

/** LGPD erase (optouts.server.ts erasePerson): the person's votes go; the poll's counts lose them. */
export function erasePollVotesStatement(scope: TenantScope, phoneE164: string) {
  const mine = scope.db
    .select({ id: campaignMessages.id })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.tenantId, scope.tenantId), eq(campaignMessages.phoneE164, phoneE164)))
  return scope.db.delete(pollVotes).where(ownedBy(scope, pollVotes, inArray(pollVotes.messageId, mine)))
}
