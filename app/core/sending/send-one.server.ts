// Sends ONE outbox row through one WAHA session (docs/design.md §3 "Send", steps 3–5). The claim
// (`UPDATE … SET status='sending' WHERE status IN ('pending','queued')`) makes this safe to run for
// duplicated jobs: only one attempt ever owns a row, and a row that left `sending` is never resent
// (except once by the reconcile cron, after WAHA's chat proved it missing: decision 021).
// A `sent` outcome may wait in an OutcomeCarry and ride in the same D1 round trip as the next claim
// (decision 028): until then the row is `sending`, which every rule already reads as "wrote".
import { and, eq, sql } from 'drizzle-orm'
import { campaignMessages, campaigns, contacts, type pendingAcks, suppressions } from '../../../db/schema'
import { ptText } from '../../i18n'
import { text } from '../../i18n/text'
import { stepMessage } from '../campaigns/steps'
import type { AppContext } from '../context.server'
import { randomToken } from '../crypto/secrets'
import { bindLater, prepareOnce } from '../db/prepared.server'
import type { WahaError } from '../waha/errors'
import { sendCampaignMessage } from './message-payload.server'
import {
  applyEarlyAcks,
  claimPrepared,
  markWaitingForBudget,
  outcomeStatement,
  sentOutcomePrepared,
  skipOptedOut,
  skipProtected,
} from './outbox.server'
import { type ClaimedRow, claimedRows, earlyAckRows } from './outbox-types'
import { decideOnError, type SendDecision, typingDurationMs } from './outcome'
import { type OutcomeCarry, type PendingOutcome, writeNow } from './outcome-carry.server'
import { budgetDay, holdReasonOf, type ProtectionSkip } from './protection'
import {
  type BudgetSession,
  firstContactBudgetSpent,
  protectionHoldsPrepared,
  protectionValues,
  recentMessageToPerson,
  sameTextToPerson,
} from './protection.server'
import type { SenderSessionConfig } from './session-config.server'

export type SendOneResult =
  | { kind: 'dropped'; why: 'missing' | 'not_running' | 'not_waiting' | 'claimed_elsewhere' }
  | { kind: 'skipped'; reason: 'suppressed' | ProtectionSkip }
  /** The session's first-contact budget is spent for the day: the row waits (decision 019). */
  | { kind: 'held'; until: number }
  | (SendDecision & { tried: string[]; attemptId: string })

export type SendOneDeps = {
  ctx: Pick<AppContext, 'db' | 'env' | 'config' | 'clock'>
  session: SenderSessionConfig
  sleep: (ms: number) => Promise<void>
  /** The job's campaign as the loop read it this tick (else read with the claim). */
  campaign?: Campaign
  /** Where a `sent` outcome waits for the next claim's round trip (else it is written at once). */
  carry?: OutcomeCarry
  /** The statements built once for this session's tick (else built for this message). */
  statements?: SendStatements
}

/**
 * The statements every message runs (claim, `sent` outcome, chat-id cache), built once per tick for
 * one session and bound per message (decision 028): drizzle builds no SQL per message.
 */
export function prepareSendStatements(db: SendOneDeps['ctx']['db'], session: SenderSessionConfig) {
  const guard = budgetSessionOf(session)
  return {
    guard,
    claim: prepareOnce(db, claimPrepared(db, protectionHoldsPrepared(guard)), claimedRows),
    sent: prepareOnce(db, sentOutcomePrepared(db), earlyAckRows),
    cacheChatId: prepareOnce(
      db,
      db
        .update(contacts)
        .set({ waChatId: bindLater<string>('chatId') })
        .where(eq(contacts.id, bindLater<number>('contactId'))),
    ),
  }
}

type SendStatements = ReturnType<typeof prepareSendStatements>

type Campaign = typeof campaigns.$inferSelect

/** Processes one send job end to end. Never throws for expected WAHA failures. */
export async function sendOne(
  deps: SendOneDeps,
  job: { messageId: number; tenantId: string; campaignId: string },
  retries = 0,
): Promise<SendOneResult> {
  const { ctx, session } = deps
  const now = ctx.clock()
  const attemptId = randomToken(9)
  const statements = deps.statements ?? prepareSendStatements(ctx.db, session)
  const guard = statements.guard
  // One round trip: the previous message's outcome (if it waits), then the claim of this row — only
  // if it is still waiting, its campaign is running (a pause takes effect before the next message),
  // the number has not opted out and no protection of the person holds it back — with the contact's
  // cached chat id, and the campaign unless the loop read it this tick.
  const known = deps.campaign
  const [claimed, campaignRows] = (await writeNow(
    ctx.db,
    [
      statements.claim({
        messageId: job.messageId,
        tenantId: session.row.tenantId,
        sessionId: session.row.id,
        attemptId,
        ...protectionValues(guard, now),
      }),
      ...(known
        ? []
        : [
            ctx.db
              .select()
              .from(campaigns)
              .where(and(eq(campaigns.id, job.campaignId), eq(campaigns.tenantId, session.row.tenantId))),
          ]),
    ],
    deps.carry?.take() ?? null,
  )) as [Array<ClaimedRow>, Campaign[] | undefined]
  const msg = claimed[0]
  const campaign =
    known && known.id === job.campaignId && known.tenantId === session.row.tenantId
      ? known
      : campaignRows?.[0]
  if (!msg || !campaign) {
    const why = await explainUnclaimed(ctx, guard, session.row.tenantId, job.messageId, now)
    // A rule that held the row a moment ago no longer does (the other send failed before WhatsApp
    // took it): claim again, a bounded number of times.
    if (why === 'again')
      return retries < MAX_CLAIM_RETRIES
        ? sendOne(deps, job, retries + 1)
        : { kind: 'dropped', why: 'claimed_elsewhere' }
    return why
  }
  const tried = [...new Set([...(msg.triedSessions ?? []), session.row.id])]
  const { decision, resolvedChatId } = await attempt(deps, { msg, campaign, chatId: msg.contactChatId })
  const outcome = outcomeWrites(ctx, statements, msg, attemptId, decision, tried, resolvedChatId)
  // Only a send WhatsApp took may wait for the next claim; anything else is written now, because what
  // follows (a requeue to another number, a pause) must find the row already moved.
  if (decision.kind === 'sent' && deps.carry) deps.carry.put(outcome)
  else await writeNow(ctx.db, [], outcome)
  return { ...decision, tried, attemptId }
}

const MAX_CLAIM_RETRIES = 2

/** The claiming session, as the first-contact rule reads it. */
function budgetSessionOf(session: SenderSessionConfig): BudgetSession {
  return {
    id: session.row.id,
    firstContactDailyBudget: session.row.firstContactDailyBudget,
    dailyCap: session.row.dailyCap,
    timeZone: session.pacing.timeZone,
  }
}

/**
 * Why a row could not be claimed (rare path): gone, not running, taken, opted out (-> skipped), a person
 * rule (-> skipped with its reason, decision 019) or the session's first-contact budget (-> held until
 * the next local day). `again` when nothing holds it any more.
 */
async function explainUnclaimed(
  ctx: SendOneDeps['ctx'],
  guard: BudgetSession,
  tenantId: string,
  messageId: number,
  now: number,
): Promise<SendOneResult | 'again'> {
  const flag = (cond: ReturnType<typeof recentMessageToPerson>) =>
    sql<number>`CASE WHEN ${cond} THEN 1 ELSE 0 END`
  const row = await ctx.db
    .select({
      status: campaignMessages.status,
      campaignStatus: campaigns.status,
      suppressedId: suppressions.id,
      recentMessage: flag(recentMessageToPerson(now)),
      sameText: flag(sameTextToPerson(now)),
      budgetSpent: flag(firstContactBudgetSpent(guard, now)),
    })
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .leftJoin(
      suppressions,
      and(
        eq(suppressions.tenantId, campaignMessages.tenantId),
        eq(suppressions.phoneE164, campaignMessages.phoneE164),
      ),
    )
    .where(and(eq(campaignMessages.id, messageId), eq(campaignMessages.tenantId, tenantId)))
    .get()
  if (!row) return { kind: 'dropped', why: 'missing' }
  if (row.campaignStatus !== 'running') return { kind: 'dropped', why: 'not_running' }
  if (row.status !== 'pending' && row.status !== 'queued')
    return { kind: 'dropped', why: 'claimed_elsewhere' }
  if (row.suppressedId !== null) {
    await skipOptedOut(ctx, messageId)
    return { kind: 'skipped', reason: 'suppressed' }
  }
  const reason = holdReasonOf({
    recentMessage: Number(row.recentMessage) === 1,
    sameText: Number(row.sameText) === 1,
    budgetSpent: Number(row.budgetSpent) === 1,
  })
  if (reason === 'first_contact_budget') {
    await markWaitingForBudget(ctx, messageId)
    return { kind: 'held', until: budgetDay(now, guard.timeZone).end }
  }
  if (reason !== null) {
    const rule = reason === 'recent_message' ? recentMessageToPerson(now) : sameTextToPerson(now)
    if (await skipProtected(ctx, messageId, reason, rule)) return { kind: 'skipped', reason }
  }
  return 'again'
}

type Loaded = {
  msg: ClaimedRow
  campaign: Campaign
  chatId: string | null
}

async function attempt(
  deps: SendOneDeps,
  { msg, campaign, chatId }: Loaded,
): Promise<{ decision: SendDecision; resolvedChatId: string | null }> {
  const { session } = deps
  const name = session.row.sessionName
  const client = session.client
  const now = () => deps.ctx.clock()
  let target = chatId
  let resolvedChatId: string | null = null
  if (!target) {
    const exists = await client.checkExists(name, msg.phoneE164)
    if (!exists.ok) return { decision: decideOnLookupError(exists.error, now()), resolvedChatId }
    if (!exists.value.numberExists || !exists.value.chatId) {
      return {
        decision: { kind: 'failed', ...NOT_ON_WHATSAPP, errorKind: 'not_on_whatsapp' },
        resolvedChatId,
      }
    }
    target = exists.value.chatId
    resolvedChatId = target
  }
  const text = msg.renderedText ?? ''
  if (campaign.simulateTyping) {
    await client.sendSeen({ session: name, chatId: target })
    await client.startTyping({ session: name, chatId: target })
    await deps.sleep(typingDurationMs(text))
    await client.stopTyping({ session: name, chatId: target })
  }
  const result = await sendCampaignMessage(
    { ctx: deps.ctx, client, sessionName: name, mediaMode: session.row.mediaMode },
    stepMessage(campaign, msg.step),
    target,
    text,
  )
  if (result.ok) return { decision: { kind: 'sent', messageId: result.value.messageId }, resolvedChatId }
  return { decision: decideOnError(result.error, now()), resolvedChatId }
}

/** A failed number lookup sent nothing: even an ambiguous one is safe to retry elsewhere. */
function decideOnLookupError(error: WahaError, now: number): SendDecision {
  const decision = decideOnError(error, now)
  if (decision.kind === 'unknown') {
    return {
      kind: 'retry_elsewhere',
      error: error.message,
      text: error.text,
      errorKind: error.kind,
      session: { pause: false, countsAsFailure: true },
    }
  }
  return decision
}

const NOT_ON_WHATSAPP = { text: text('send.not_on_whatsapp'), error: ptText('send.not_on_whatsapp') }

/**
 * The statements that write the attempt's outcome (only if this attempt still owns the row), with the
 * chat id check-exists resolved cached on the contact, and for a send, a look for acks that raced
 * ahead of it (applied once the send is recorded).
 */
function outcomeWrites(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  statements: SendStatements,
  msg: ClaimedRow,
  attemptId: string,
  d: SendDecision,
  tried: string[],
  resolvedChatId: string | null,
): PendingOutcome {
  const now = ctx.clock()
  const cacheChatId = resolvedChatId
    ? [statements.cacheChatId({ chatId: resolvedChatId, contactId: msg.contactId })]
    : []
  if (d.kind !== 'sent') {
    const write = outcomeStatement(ctx.db, msg.id, attemptId, d, tried, now)
    return { statements: [write, ...cacheChatId], after: async () => {} }
  }
  const write = statements.sent({
    messageId: msg.id,
    attemptId,
    wahaMessageId: d.messageId,
    tried,
    now,
  })
  return {
    statements: [write, ...cacheChatId],
    after: async ([written]) => {
      // The send's write returns the acks that raced ahead of it (only when it owned the row).
      const early = (written as Array<{ earlyAcks: string | null }>)[0]?.earlyAcks
      const acks = early ? (JSON.parse(early) as Array<typeof pendingAcks.$inferSelect>) : []
      if (d.messageId && acks.length > 0) await applyEarlyAcks(ctx, msg.id, d.messageId, acks)
    },
  }
}
