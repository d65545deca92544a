// Campaign tables: campaigns, the outbox (campaign_messages), tracked links, history, webhook dedupe,
// early acks and dead letters.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { AudienceSegmentSnapshot, CampaignAudience, FollowUpStep } from './audience-types'
import { contactLists } from './contacts'
import { createdAt, tenantId, updatedAt } from './tenancy'

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'),
    listId: text('list_id').references(() => contactLists.id, { onDelete: 'set null' }),
    /** One or more alternative texts; each may contain {{variables}} and {a|b} variants. */
    texts: text('texts', { mode: 'json' }).$type<string[]>().notNull(),
    mediaKey: text('media_key'),
    mediaType: text('media_type'),
    /** image | document | video | voice (decision 034); null with a media key: an image (older rows). */
    mediaKind: text('media_kind'),
    /** A document's file name as the recipient sees it (sanitised; its extension from its bytes). */
    mediaName: text('media_name'),
    /** WAHA session ids in priority order. */
    sessionIds: text('session_ids', { mode: 'json' }).$type<string[]>().notNull(),
    minDelayS: integer('min_delay_s'),
    maxDelayS: integer('max_delay_s'),
    maxPerMinute: integer('max_per_minute'),
    dailyCap: integer('daily_cap'),
    window: text('window', { mode: 'json' }).$type<{
      days: number[]
      startMinute: number
      endMinute: number
    }>(),
    /** Rest packages of this campaign (null: the sessions' own apply). */
    packageMin: integer('package_min'),
    packageMax: integer('package_max'),
    restMinMin: integer('rest_min_min'),
    restMaxMin: integer('rest_max_min'),
    /** Prefer the session whose number shares the contact's DDD (then state). */
    areaCodeAffinity: integer('area_code_affinity', { mode: 'boolean' }).notNull().default(false),
    simulateTyping: integer('simulate_typing', { mode: 'boolean' }).notNull().default(true),
    linkTracking: integer('link_tracking', { mode: 'boolean' }).notNull().default(false),
    /** WhatsApp's link preview on text messages (sendText `linkPreview`); off as before decision 034. */
    linkPreview: integer('link_preview', { mode: 'boolean' }).notNull().default(false),
    /** A WhatsApp poll (decision 038): the text is the question; null: a plain message. */
    poll: text('poll', { mode: 'json' }).$type<{ options: string[]; multipleAnswers: boolean }>(),
    scheduledAt: integer('scheduled_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    pausedReason: text('paused_reason'),
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    pausedCode: text('paused_code'),
    pausedParams: text('paused_params'),
    /** The app's public origin at launch: tracked links and signed media URLs are built from it. */
    baseUrl: text('base_url'),
    dispatchCursor: integer('dispatch_cursor').notNull().default(0),
    dispatchDone: integer('dispatch_done', { mode: 'boolean' }).notNull().default(false),
    totalCount: integer('total_count').notNull().default(0),
    /**
     * Lists and/or saved segments minus exclusions (decision 039); null: the campaign goes to `listId`
     * alone, as before.
     */
    audience: text('audience', { mode: 'json' }).$type<CampaignAudience>(),
    /** When dispatch froze the audience into `campaign_audience` (decision 039). */
    audienceFrozenAt: integer('audience_frozen_at'),
    /** Each segment used, as it was defined when the audience was frozen (name and definition). */
    audienceSegments: text('audience_segments', { mode: 'json' }).$type<AudienceSegmentSnapshot[]>(),
    /** Follow-up steps after the first message (decision 040); null or [] = none. */
    steps: text('steps', { mode: 'json' }).$type<FollowUpStep[]>(),
    /** Sent once to whoever replies to the first message (decision 040); null = none. */
    confirmation: text('confirmation'),
    /** How many follow-up steps have all their outbox rows (the next is `steps_created + 1`). */
    stepsCreated: integer('steps_created').notNull().default(0),
    /** The step being created: the last previous-step contact id done (pages, like dispatch's cursor). */
    stepCursor: integer('step_cursor').notNull().default(0),
    /** When the next step is due (set once the previous step has settled); null: not known yet. */
    nextStepAt: integer('next_step_at'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('campaigns_tenant_idx').on(t.tenantId, t.createdAt),
    index('campaigns_due_idx').on(t.status, t.scheduledAt),
  ],
)

export const campaignMessages = sqliteTable(
  'campaign_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull(),
    /** 0: the first message; 1..4: a follow-up step; -1: the automatic confirmation (decision 040). */
    step: integer('step').notNull().default(0),
    phoneE164: text('phone_e164').notNull(),
    contactName: text('contact_name'),
    status: text('status').notNull().default('pending'),
    sessionId: text('session_id'),
    attemptId: text('attempt_id'),
    wahaMessageId: text('waha_message_id'),
    renderedText: text('rendered_text'),
    /** Key of the text as the person reads it, before tracked links (decision 019: never the same text twice in 24 h). */
    textKey: text('text_key'),
    queuedAt: integer('queued_at'),
    sendingAt: integer('sending_at'),
    sentAt: integer('sent_at'),
    deliveredAt: integer('delivered_at'),
    readAt: integer('read_at'),
    clickedAt: integer('clicked_at'),
    clickCount: integer('click_count').notNull().default(0),
    repliedAt: integer('replied_at'),
    failedAt: integer('failed_at'),
    error: text('error'),
    errorKind: text('error_kind'),
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    errorCode: text('error_code'),
    errorParams: text('error_params'),
    retryCount: integer('retry_count').notNull().default(0),
    triedSessions: text('tried_sessions', { mode: 'json' }).$type<string[]>(),
    /** `unknown` rows only: when WAHA is next asked whether the send happened; null = not awaiting. */
    reconcileNextAt: integer('reconcile_next_at'),
    /** Times WAHA was asked and could not tell (bounded; then the row stays `unknown` for good). */
    reconcileChecks: integer('reconcile_checks').notNull().default(0),
    /** How reconciliation ended: `confirmed`, `resent` (proved missing, requeued once), `not_sent`, `unconfirmed`. */
    reconciled: text('reconciled'),
    /** Set when a row proved unsent was requeued: a row resent once never goes back to the queue. */
    resentAt: integer('resent_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Every send writes this row four times (created, queued, claimed, sent): an index is kept only
    // for a query that needs it, and holds only the rows that query can find (partial), so most of
    // those writes leave it alone (decision 028, "Indexes").
    // One row per (campaign, contact, step): a redelivered dispatch or step job, or two due jobs at
    // once, create nothing twice (decision 040).
    uniqueIndex('campaign_messages_campaign_contact_step_unique').on(t.campaignId, t.contactId, t.step),
    // Follow-up steps and confirmations (decision 040): a step's rows, by status (the due check and the
    // per-step funnel); first messages (step 0) are not in it, so dispatch's writes leave it alone.
    index('campaign_messages_step_idx').on(t.campaignId, t.step, t.status).where(sql`${t.step} <> 0`),
    // Acks and replies find their row by WhatsApp's id (set once WhatsApp took the message).
    index('campaign_messages_waha_id_idx').on(t.wahaMessageId).where(sql`${t.wahaMessageId} IS NOT NULL`),
    // Protection of the person and first contacts: a phone's rows.
    index('campaign_messages_tenant_phone_idx').on(t.tenantId, t.phoneE164, t.sentAt),
    // The sweeper (stuck sends) and first contacts (sends still in flight): rows `sending` or `unknown`.
    index('campaign_messages_status_sending_idx')
      .on(t.status, t.sendingAt)
      .where(sql`${t.status} IN ('sending', 'unknown')`),
    // The reconcile cron: `unknown` rows due for a look at WAHA's chat (decision 021).
    index('campaign_messages_reconcile_idx')
      .on(t.reconcileNextAt)
      .where(sql`${t.reconcileNextAt} IS NOT NULL`),
    // The reconcile cron: rows resent once (decision 021).
    index('campaign_messages_resent_idx').on(t.queuedAt).where(sql`${t.resentAt} IS NOT NULL`),
    // The report: funnel, per-session split and timeline read only this index (and every query by
    // campaign, or campaign and status).
    index('campaign_messages_report_idx').on(t.campaignId, t.status, t.sessionId, t.sentAt),
    // The report's send rate (decision 041): the campaign's failures of the last minutes. Only rows
    // that failed are in it.
    index('campaign_messages_failed_idx').on(t.campaignId, t.failedAt).where(sql`${t.failedAt} IS NOT NULL`),
    // The dashboard: today's sends and recent replies per tenant. The phone rides along so that a
    // segment's engagement ("received in N days", "never replied") reads the index alone, without a
    // lookup per message (decision 037: 2.5x faster over 300k messages).
    index('campaign_messages_tenant_sent_idx')
      .on(t.tenantId, t.sentAt, t.phoneE164)
      .where(sql`${t.sentAt} IS NOT NULL`),
    index('campaign_messages_tenant_replied_idx')
      .on(t.tenantId, t.repliedAt, t.phoneE164)
      .where(sql`${t.repliedAt} IS NOT NULL`),
    // The number's health and first contacts: one session's recent sends.
    index('campaign_messages_session_sent_idx').on(t.sessionId, t.sentAt).where(sql`${t.sentAt} IS NOT NULL`),
    // The number's health: attempts that never settled (by when they started).
    index('campaign_messages_session_sending_idx')
      .on(t.sessionId, t.sendingAt)
      .where(sql`${t.sendingAt} IS NOT NULL`),
  ],
)

/** One token per (outbox row, link) when link tracking is on. */
export const campaignLinks = sqliteTable(
  'campaign_links',
  {
    token: text('token').primaryKey(),
    tenantId: tenantId(),
    campaignId: text('campaign_id').notNull(),
    messageId: integer('message_id').notNull(),
    url: text('url').notNull(),
    clicks: integer('clicks').notNull().default(0),
    firstClickedAt: integer('first_clicked_at'),
  },
  (t) => [index('campaign_links_message_idx').on(t.messageId)],
)

/** History of a campaign: started, paused (why, by whom), resumed, finished, failover... */
export const campaignEvents = sqliteTable(
  'campaign_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    detail: text('detail'),
    userId: text('user_id'),
    createdAt: createdAt(),
  },
  (t) => [index('campaign_events_campaign_idx').on(t.campaignId, t.createdAt)],
)

/** Webhook envelope ids already accepted (dedupe), pruned after WAHA's retry horizon. */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    sessionId: text('session_id').notNull(),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.eventId] }),
    index('webhook_events_received_idx').on(t.receivedAt),
  ],
)

/** Acks that arrived before our send call returned the WAHA id (a real race); applied once it lands. */
export const pendingAcks = sqliteTable(
  'pending_acks',
  {
    wahaMessageId: text('waha_message_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    ack: integer('ack').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.wahaMessageId, t.ack] })],
)

/** Messages that landed in a dead-letter queue, shown to operators. */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    queue: text('queue').notNull(),
    tenantId: text('tenant_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dead_letters_tenant_idx').on(t.tenantId, t.createdAt)],
)

/**
 * A campaign's audience as frozen when it was released (decision 039): one row per person, written in
 * one statement by dispatch; dispatch then pages over it by person id.
 */
export const campaignAudience = sqliteTable(
  'campaign_audience',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    personId: integer('person_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.personId] })],
)
