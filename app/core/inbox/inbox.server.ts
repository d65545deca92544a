// Respostas' reads (decision 032): the conversations of the team, newest first, with filters (campaign,
// session, open / handled, search), the unread count for the navigation, and one conversation whole:
// what we sent (each campaign message with its status and clicks), what they wrote, our answers,
// whether the number opted out, and replies that may ask to (possible opt-outs waiting for a decision).
// Reads only; the writes are in state.server.ts and answer.server.ts.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  campaignMessages,
  campaigns,
  conversations,
  inboundMessages,
  inboxAnswers,
  possibleOptOuts,
  suppressions,
  users,
  wahaSessions,
} from '../../../db/schema'
import { containsText } from '../db/like'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { brazilPhoneVariants } from '../phone/ninth-digit'
import type { InboxState } from './filters'

const INBOX_PAGE_SIZE = 50

/** Where a page of conversations starts: older than this conversation (keyset, so pages never skip). */
export type InboxCursor = { at: number; id: number }

/** `<lastInboundAt>-<id>` in the address; anything else is the first page. */
export function parseInboxCursor(raw: string | null): InboxCursor | null {
  const m = /^(\d{1,15})-(\d{1,16})$/.exec(raw ?? '')
  return m ? { at: Number(m[1]), id: Number(m[2]) } : null
}

export function formatInboxCursor(c: InboxCursor): string {
  return `${c.at}-${c.id}`
}

export type InboxFilters = {
  campaignId?: string | null
  sessionId?: string | null
  state?: InboxState
  q?: string
}

/** Conversations with unread messages (the navigation's badge). */
export async function unreadConversations(scope: Pick<TenantScope, 'db' | 'tenantId'>): Promise<number> {
  const row = await scope.db
    .select({ n: count() })
    .from(conversations)
    .where(ownedBy(scope, conversations, sql`${conversations.unread} > 0`))
    .get()
  return row?.n ?? 0
}

/**
 * One page of conversations, newest inbound first, starting after `before` (null: the newest). `next`
 * is the cursor of the following page, null on the last one; `total` counts every match.
 */
export async function listConversations(
  scope: TenantScope,
  filters: InboxFilters,
  before: InboxCursor | null = null,
) {
  const c = conversations
  const im = inboundMessages
  const has = (cond: ReturnType<typeof eq>) =>
    sql`EXISTS (SELECT 1 FROM ${im} WHERE ${im.tenantId} = ${c.tenantId} AND ${im.phoneE164} = ${c.phoneE164} AND ${cond})`
  const q = (filters.q ?? '').trim()
  const where = ownedBy(
    scope,
    c,
    filters.state === 'open' ? sql`${c.handledAt} IS NULL` : undefined,
    filters.state === 'handled' ? sql`${c.handledAt} IS NOT NULL` : undefined,
    filters.campaignId ? has(eq(im.campaignId, filters.campaignId)) : undefined,
    filters.sessionId ? has(eq(im.sessionId, filters.sessionId)) : undefined,
    q
      ? sql`(${containsText(c.phoneE164, q)} OR ${containsText(c.contactName, q)} OR ${has(
          containsText(im.body, q) as ReturnType<typeof eq>,
        )})`
      : undefined,
  )
  const page = before
    ? sql`(${c.lastInboundAt} < ${before.at} OR (${c.lastInboundAt} = ${before.at} AND ${c.id} < ${before.id}))`
    : undefined
  const [fetched, total] = await scope.db.batch([
    scope.db
      .select({
        id: c.id,
        phoneE164: c.phoneE164,
        contactName: c.contactName,
        unread: c.unread,
        lastInboundAt: c.lastInboundAt,
        lastBody: c.lastBody,
        handledAt: c.handledAt,
        assignedName: users.name,
        sessionName: wahaSessions.displayName,
        campaignName: sql<string | null>`(SELECT ${campaigns.name} FROM ${im} JOIN ${campaigns}
          ON ${campaigns.id} = ${im.campaignId} AND ${campaigns.tenantId} = ${im.tenantId}
          WHERE ${im.tenantId} = ${c.tenantId} AND ${im.phoneE164} = ${c.phoneE164}
          ORDER BY ${im.receivedAt} DESC LIMIT 1)`,
      })
      .from(c)
      .leftJoin(users, and(eq(users.id, c.assignedTo), eq(users.tenantId, c.tenantId)))
      .leftJoin(wahaSessions, and(eq(wahaSessions.id, c.sessionId), eq(wahaSessions.tenantId, c.tenantId)))
      .where(page ? and(where, page) : where)
      .orderBy(desc(c.lastInboundAt), desc(c.id))
      .limit(INBOX_PAGE_SIZE + 1),
    scope.db.select({ n: count() }).from(c).where(where),
  ])
  const rows = fetched.slice(0, INBOX_PAGE_SIZE)
  const last = rows.at(-1)
  const next = fetched.length > INBOX_PAGE_SIZE && last ? { at: last.lastInboundAt, id: last.id } : null
  return { rows, total: total[0]?.n ?? 0, next }
}

/** The campaigns and sessions the filters offer (the team's, by name). */
export async function inboxFilterOptions(scope: TenantScope) {
  const [campaignRows, sessionRows] = await scope.db.batch([
    scope.db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(ownedBy(scope, campaigns))
      .orderBy(desc(campaigns.createdAt))
      .limit(200),
    scope.db
      .select({ id: wahaSessions.id, name: wahaSessions.displayName, status: wahaSessions.status })
      .from(wahaSessions)
      .where(ownedBy(scope, wahaSessions))
      .orderBy(asc(wahaSessions.displayName)),
  ])
  return { campaigns: campaignRows, sessions: sessionRows }
}

/** Items of a conversation per page (the contact's messages, our campaign messages and answers). */
const CONVERSATION_PAGE = 100

/**
 * One conversation with everything around it: the newest CONVERSATION_PAGE items before `before` (ms;
 * null: the newest), and `older`, the cursor of the page before it (null: nothing older). Items sharing
 * the page's oldest instant all stay on it, so paging never skips one. Another tenant's id:
 * NotFoundError.
 */
export async function loadConversation(scope: TenantScope, id: number, before: number | null = null) {
  const conversation = found(
    await scope.db
      .select()
      .from(conversations)
      .where(ownedRow(scope, conversations, id))
      .get(),
    'conversation',
  )
  const phone = conversation.phoneE164
  const phones = phone.startsWith('+') ? brazilPhoneVariants(phone) : [phone]
  const cm = campaignMessages
  const until = before ?? Number.MAX_SAFE_INTEGER
  const [inboundPage, sentPage, answersPage, optOut, staff, possible] = await scope.db.batch([
    scope.db
      .select()
      .from(inboundMessages)
      .where(
        ownedBy(
          scope,
          inboundMessages,
          eq(inboundMessages.phoneE164, phone),
          sql`${inboundMessages.receivedAt} < ${until}`,
        ),
      )
      .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
      .limit(CONVERSATION_PAGE + 1),
    scope.db
      .select({
        id: cm.id,
        campaignName: campaigns.name,
        text: cm.renderedText,
        status: cm.status,
        sentAt: cm.sentAt,
        clickedAt: cm.clickedAt,
        clickCount: cm.clickCount,
        sessionId: cm.sessionId,
      })
      .from(cm)
      .innerJoin(campaigns, and(eq(campaigns.id, cm.campaignId), eq(campaigns.tenantId, cm.tenantId)))
      .where(ownedBy(scope, cm, inArray(cm.phoneE164, phones), sql`${cm.sentAt} < ${until}`))
      .orderBy(desc(cm.sentAt))
      .limit(CONVERSATION_PAGE + 1),
    scope.db
      .select({
        id: inboxAnswers.id,
        body: inboxAnswers.body,
        status: inboxAnswers.status,
        errorCode: inboxAnswers.errorCode,
        createdAt: inboxAnswers.createdAt,
        sentAt: inboxAnswers.sentAt,
        sentByName: users.name,
      })
      .from(inboxAnswers)
      .leftJoin(users, and(eq(users.id, inboxAnswers.sentBy), eq(users.tenantId, inboxAnswers.tenantId)))
      .where(
        ownedBy(
          scope,
          inboxAnswers,
          eq(inboxAnswers.conversationId, id),
          sql`${inboxAnswers.createdAt} < ${until}`,
        ),
      )
      .orderBy(desc(inboxAnswers.createdAt))
      .limit(CONVERSATION_PAGE + 1),
    scope.db
      .select({ reason: suppressions.reason, createdAt: suppressions.createdAt })
      .from(suppressions)
      .where(ownedBy(scope, suppressions, inArray(suppressions.phoneE164, phones))),
    scope.db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(ownedBy(scope, users, eq(users.active, true)))
      .orderBy(asc(users.name)),
    // Replies that may ask to stop (decision 031), still waiting for a person's decision.
    scope.db
      .select({
        id: possibleOptOuts.id,
        body: possibleOptOuts.body,
        rule: possibleOptOuts.rule,
        receivedAt: possibleOptOuts.receivedAt,
      })
      .from(possibleOptOuts)
      .where(
        ownedBy(
          scope,
          possibleOptOuts,
          inArray(possibleOptOuts.phoneE164, phones),
          eq(possibleOptOuts.status, 'pending'),
        ),
      )
      .orderBy(desc(possibleOptOuts.receivedAt))
      .limit(20),
  ])
  // The newest CONVERSATION_PAGE instants of the three streams; everything at or after the oldest one.
  const instants = [
    ...inboundPage.map((m) => m.receivedAt),
    ...sentPage.map((m) => m.sentAt ?? 0),
    ...answersPage.map((a) => a.createdAt),
  ].sort((a, b) => b - a)
  const cutoff = instants.length > CONVERSATION_PAGE ? instants[CONVERSATION_PAGE - 1]! : null
  const keep = (at: number) => cutoff === null || at >= cutoff
  const inbound = inboundPage.filter((m) => keep(m.receivedAt))
  const sent = sentPage.filter((m) => keep(m.sentAt ?? 0))
  const answers = answersPage.filter((a) => keep(a.createdAt))
  const nameOf = (userId: string | null) => staff.find((u) => u.id === userId)?.name ?? null
  return {
    conversation: {
      ...conversation,
      assignedName: nameOf(conversation.assignedTo),
      handledByName: nameOf(conversation.handledBy),
      lastAnsweredByName: nameOf(conversation.lastAnsweredBy),
    },
    inbound,
    sent,
    answers,
    optOut: optOut[0] ?? null,
    possibleOptOuts: possible,
    // A page before this one exists when something fetched is older than the cutoff, or a stream was
    // cut by its limit (more of it lies beyond).
    older:
      cutoff !== null &&
      (instants.some((at) => at < cutoff) ||
        [inboundPage, sentPage, answersPage].some((rows) => rows.length > CONVERSATION_PAGE))
        ? cutoff
        : null,
    staff: staff.filter((u) => u.role !== 'viewer'),
  }
}
