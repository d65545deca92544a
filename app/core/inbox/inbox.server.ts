// Respostas' reads (decision 032): the conversations of the team, newest first, with filters (campaign,
// session, open / handled, search), the unread count for the navigation, and one conversation whole:
// what we sent (each campaign message with its status and clicks), what they wrote, our answers and
// whether the number opted out. Reads only; the writes are in state.server.ts and answer.server.ts.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  campaignMessages,
  campaigns,
  conversations,
  inboundMessages,
  inboxAnswers,
  suppressions,
  users,
  wahaSessions,
} from '../../../db/schema'
import { containsText } from '../db/like'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { brazilPhoneVariants } from '../phone/ninth-digit'
import type { InboxState } from './filters'

const INBOX_PAGE_SIZE = 50

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

/** One page of conversations, newest inbound first. */
export async function listConversations(scope: TenantScope, filters: InboxFilters) {
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
  const [rows, total] = await scope.db.batch([
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
      .where(where)
      .orderBy(desc(c.lastInboundAt), desc(c.id))
      .limit(INBOX_PAGE_SIZE),
    scope.db.select({ n: count() }).from(c).where(where),
  ])
  return { rows, total: total[0]?.n ?? 0 }
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

/** One conversation with everything around it. Another tenant's id: NotFoundError. */
export async function loadConversation(scope: TenantScope, id: number) {
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
  const [inbound, sent, answers, optOut, staff] = await scope.db.batch([
    scope.db
      .select()
      .from(inboundMessages)
      .where(ownedBy(scope, inboundMessages, eq(inboundMessages.phoneE164, phone)))
      .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
      .limit(200),
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
      .where(ownedBy(scope, cm, inArray(cm.phoneE164, phones), sql`${cm.sentAt} IS NOT NULL`))
      .orderBy(desc(cm.sentAt))
      .limit(50),
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
      .where(ownedBy(scope, inboxAnswers, eq(inboxAnswers.conversationId, id)))
      .orderBy(desc(inboxAnswers.createdAt))
      .limit(100),
    scope.db
      .select({ reason: suppressions.reason, createdAt: suppressions.createdAt })
      .from(suppressions)
      .where(ownedBy(scope, suppressions, inArray(suppressions.phoneE164, phones))),
    scope.db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(ownedBy(scope, users, eq(users.active, true)))
      .orderBy(asc(users.name)),
  ])
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
    staff: staff.filter((u) => u.role !== 'viewer'),
  }
}
