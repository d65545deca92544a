// Respostas (decision 032): what contacts wrote to the team's numbers, one conversation state per
// (tenant, phone), and the answers sent from Disparo. An inbound message is unique per tenant and WAHA
// message id, so a redelivered webhook adds nothing; an answer is unique per tenant and the form's
// idempotency key, claimed before WAHA is called, so a double submit never sends twice.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { tenantId } from './tenancy'

export const INBOUND_TYPES = ['text', 'image', 'audio', 'video', 'document', 'location', 'other'] as const
export type InboundType = (typeof INBOUND_TYPES)[number]

/** What WAHA told us about an inbound attachment or location (never the file itself). */
export type InboundMedia = {
  mimetype?: string | null
  filename?: string | null
  /** WAHA's own URL for the file (its path is asked of the session's server), never shown. */
  url?: string | null
  /** Where the copy of the file is in R2 (app/core/inbox/media.server.ts), and its size. */
  key?: string | null
  size?: number | null
  /** Why there is no copy: bigger than the limit, or WAHA could not give it. */
  error?: 'too_large' | 'unavailable' | null
  latitude?: string | null
  longitude?: string | null
  name?: string | null
}

export const inboundMessages = sqliteTable(
  'inbound_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    sessionId: text('session_id').notNull(),
    /** Canonical phone (Brazilian mobiles with the 9th digit); `lid:<n>` when WAHA could not tell. */
    phoneE164: text('phone_e164').notNull(),
    /** The chat id to answer to (the phone's `@c.us`, or the `@lid` when unresolved). */
    chatId: text('chat_id').notNull(),
    contactName: text('contact_name'),
    /** The campaign message this was an answer to (latest to the phone, same session first). */
    campaignMessageId: integer('campaign_message_id'),
    campaignId: text('campaign_id'),
    wahaMessageId: text('waha_message_id').notNull(),
    /** The key part of WAHA's id: edits and revokes name the message by it. */
    messageKey: text('message_key').notNull(),
    type: text('type', { enum: INBOUND_TYPES }).notNull().default('text'),
    body: text('body').notNull().default(''),
    /** The body was longer than we keep (it is cut, and the page says so). */
    truncated: integer('truncated', { mode: 'boolean' }).notNull().default(false),
    media: text('media', { mode: 'json' }).$type<InboundMedia>(),
    /** The first text, kept when the contact edits the message. */
    originalBody: text('original_body'),
    receivedAt: integer('received_at').notNull(),
    editedAt: integer('edited_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('inbound_messages_waha_unique').on(t.tenantId, t.wahaMessageId),
    index('inbound_messages_phone_idx').on(t.tenantId, t.phoneE164, t.receivedAt),
    index('inbound_messages_key_idx').on(t.tenantId, t.messageKey),
  ],
)

export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    phoneE164: text('phone_e164').notNull(),
    chatId: text('chat_id').notNull(),
    contactName: text('contact_name'),
    /** The session the contact wrote to last (answers go out through it by default). */
    sessionId: text('session_id').notNull(),
    unread: integer('unread').notNull().default(0),
    lastInboundAt: integer('last_inbound_at').notNull(),
    lastBody: text('last_body').notNull().default(''),
    handledAt: integer('handled_at'),
    handledBy: text('handled_by'),
    assignedTo: text('assigned_to'),
    lastAnsweredAt: integer('last_answered_at'),
    lastAnsweredBy: text('last_answered_by'),
  },
  (t) => [
    uniqueIndex('conversations_phone_unique').on(t.tenantId, t.phoneE164),
    index('conversations_recent_idx').on(t.tenantId, t.lastInboundAt),
    index('conversations_unread_idx').on(t.tenantId, t.unread),
  ],
)

export const ANSWER_STATUSES = ['sending', 'sent', 'failed', 'unknown'] as const
export type AnswerStatus = (typeof ANSWER_STATUSES)[number]

export const inboxAnswers = sqliteTable(
  'inbox_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    conversationId: integer('conversation_id').notNull(),
    phoneE164: text('phone_e164').notNull(),
    sessionId: text('session_id').notNull(),
    /** From the form: the same submit twice (double click, a retried request) is one answer. */
    idempotencyKey: text('idempotency_key').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ANSWER_STATUSES }).notNull().default('sending'),
    wahaMessageId: text('waha_message_id'),
    errorCode: text('error_code'),
    sentBy: text('sent_by').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('inbox_answers_key_unique').on(t.tenantId, t.idempotencyKey),
    index('inbox_answers_conversation_idx').on(t.tenantId, t.conversationId, t.createdAt),
  ],
)
