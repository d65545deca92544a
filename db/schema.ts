// Disparo's data model (DESIGN.md §2) as drizzle tables. snake_case columns, camelCase properties.
// Every tenant-owned table carries tenant_id; queries go through app/core/db/tenant.server.ts helpers.
// Times are unix epoch milliseconds (integer) so the DO, queues and D1 agree without time-zone games.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

const now = sql`(unixepoch('subsec') * 1000)`
const createdAt = () => integer('created_at').notNull().default(now)
const updatedAt = () => integer('updated_at').notNull().default(now)
const tenantId = () =>
  text('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' })

/** Singleton row: the first-run setup closes for good once completed. */
export const instance = sqliteTable('instance', {
  id: integer('id').primaryKey(),
  setupCompletedAt: integer('setup_completed_at'),
})

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowInternational: integer('allow_international', { mode: 'boolean' }).notNull().default(false),
  optOutReply: text('opt_out_reply'),
  createdAt: createdAt(),
})

export { USER_ROLES, type UserRole } from '../app/core/auth/role-names'
import { USER_ROLES } from '../app/core/auth/role-names'

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    locale: text('locale'),
    lastLoginAt: integer('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_tenant_idx').on(t.tenantId)],
)

/** Server-side login sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
)

/** Failed login counters per key ("email:<addr>" or "ip:<addr>") in a sliding window. */
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: integer('locked_until'),
})

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    userId: text('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_tenant_idx').on(t.tenantId, t.createdAt)],
)

export const AI_PLATFORMS = ['groq', 'openrouter', 'deepseek', 'mistral', 'qwen', 'ollama', 'openai-compatible'] as const

export const aiProviders = sqliteTable(
  'ai_providers',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    platform: text('platform', { enum: AI_PLATFORMS }).notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    model: text('model'),
    apiKeyEnc: text('api_key_enc'),
    apiKeyTail: text('api_key_tail'),
    status: text('status', { enum: ['untested', 'active', 'error'] })
      .notNull()
      .default('untested'),
    lastTestedAt: integer('last_tested_at'),
    lastError: text('last_error'),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('ai_providers_tenant_idx').on(t.tenantId)],
)

export const wahaSessions = sqliteTable(
  'waha_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    displayName: text('display_name').notNull(),
    serverUrl: text('server_url').notNull(),
    apiKeyEnc: text('api_key_enc'),
    apiKeyTail: text('api_key_tail'),
    sessionName: text('session_name').notNull(),
    phone: text('phone'),
    status: text('status').notNull().default('STOPPED'),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    failoverEnabled: integer('failover_enabled', { mode: 'boolean' }).notNull().default(true),
    failoverPriority: integer('failover_priority').notNull().default(1),
    maxPerMinute: integer('max_per_minute').notNull().default(10),
    minDelayS: integer('min_delay_s').notNull().default(30),
    maxDelayS: integer('max_delay_s').notNull().default(60),
    dailyCap: integer('daily_cap').notNull().default(500),
    /** Days of week allowed (0 = Sunday), comma separated, São Paulo time. */
    windowDays: text('window_days').notNull().default('1,2,3,4,5,6'),
    windowStartMin: integer('window_start_min').notNull().default(8 * 60),
    windowEndMin: integer('window_end_min').notNull().default(20 * 60),
    mediaMode: text('media_mode', { enum: ['url', 'base64'] })
      .notNull()
      .default('url'),
    webhookSecretEnc: text('webhook_secret_enc').notNull(),
    lastConnectedAt: integer('last_connected_at'),
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at'),
    pausedUntil: integer('paused_until'),
    pausedReason: text('paused_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('waha_sessions_tenant_idx').on(t.tenantId),
    uniqueIndex('waha_sessions_server_name_unique').on(t.tenantId, t.serverUrl, t.sessionName),
  ],
)

export const LIST_STATUSES = ['uploaded', 'mapping', 'importing', 'ready', 'failed'] as const

export const contactLists = sqliteTable(
  'contact_lists',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    status: text('status', { enum: LIST_STATUSES }).notNull().default('ready'),
    sourceKey: text('source_key'),
    fileName: text('file_name'),
    fileSize: integer('file_size'),
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    mapping: text('mapping', { mode: 'json' }).$type<Record<string, unknown>>(),
    cursorByte: integer('cursor_byte').notNull().default(0),
    cursorLine: integer('cursor_line').notNull().default(1),
    totalRows: integer('total_rows').notNull().default(0),
    validCount: integer('valid_count').notNull().default(0),
    invalidCount: integer('invalid_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    suppressedCount: integer('suppressed_count').notNull().default(0),
    landlineCount: integer('landline_count').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by'),
    importFinishedAt: integer('import_finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_lists_tenant_idx').on(t.tenantId, t.createdAt)],
)

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    listId: text('list_id')
      .notNull()
      .references(() => contactLists.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    phoneE164: text('phone_e164').notNull(),
    phoneKind: text('phone_kind', { enum: ['mobile', 'landline'] })
      .notNull()
      .default('mobile'),
    waChatId: text('wa_chat_id'),
    email: text('email'),
    company: text('company'),
    extra: text('extra', { mode: 'json' }).$type<Record<string, string>>(),
    consentSource: text('consent_source'),
    consentAt: integer('consent_at'),
    sourceLine: integer('source_line'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contacts_list_phone_unique').on(t.listId, t.phoneE164),
    index('contacts_tenant_phone_idx').on(t.tenantId, t.phoneE164),
  ],
)

export const importRowsRejected = sqliteTable(
  'import_rows_rejected',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    listId: text('list_id')
      .notNull()
      .references(() => contactLists.id, { onDelete: 'cascade' }),
    lineNumber: integer('line_number').notNull(),
    raw: text('raw').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('import_rejects_list_line_unique').on(t.listId, t.lineNumber)],
)

export const SUPPRESSION_REASONS = ['opt_out', 'manual', 'erased', 'import'] as const

export const suppressions = sqliteTable(
  'suppressions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    phoneE164: text('phone_e164').notNull(),
    reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
    source: text('source'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('suppressions_tenant_phone_unique').on(t.tenantId, t.phoneE164)],
)

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
    /** WAHA session ids in priority order. */
    sessionIds: text('session_ids', { mode: 'json' }).$type<string[]>().notNull(),
    minDelayS: integer('min_delay_s'),
    maxDelayS: integer('max_delay_s'),
    maxPerMinute: integer('max_per_minute'),
    dailyCap: integer('daily_cap'),
    window: text('window', { mode: 'json' }).$type<{ days: number[]; startMinute: number; endMinute: number }>(),
    simulateTyping: integer('simulate_typing', { mode: 'boolean' }).notNull().default(true),
    linkTracking: integer('link_tracking', { mode: 'boolean' }).notNull().default(false),
    scheduledAt: integer('scheduled_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    pausedReason: text('paused_reason'),
    /** The app's public origin at launch: tracked links and signed media URLs are built from it. */
    baseUrl: text('base_url'),
    dispatchCursor: integer('dispatch_cursor').notNull().default(0),
    dispatchDone: integer('dispatch_done', { mode: 'boolean' }).notNull().default(false),
    totalCount: integer('total_count').notNull().default(0),
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
    phoneE164: text('phone_e164').notNull(),
    contactName: text('contact_name'),
    status: text('status').notNull().default('pending'),
    sessionId: text('session_id'),
    attemptId: text('attempt_id'),
    wahaMessageId: text('waha_message_id'),
    renderedText: text('rendered_text'),
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
    retryCount: integer('retry_count').notNull().default(0),
    triedSessions: text('tried_sessions', { mode: 'json' }).$type<string[]>(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('campaign_messages_campaign_contact_unique').on(t.campaignId, t.contactId),
    index('campaign_messages_campaign_status_idx').on(t.campaignId, t.status),
    index('campaign_messages_waha_id_idx').on(t.wahaMessageId),
    index('campaign_messages_tenant_phone_idx').on(t.tenantId, t.phoneE164, t.sentAt),
    index('campaign_messages_status_sending_idx').on(t.status, t.sendingAt),
    // The report: funnel, per-session split and timeline read only this index.
    index('campaign_messages_report_idx').on(t.campaignId, t.status, t.sessionId, t.sentAt),
    // The dashboard: today's sends and recent replies per tenant.
    index('campaign_messages_tenant_sent_idx').on(t.tenantId, t.sentAt),
    index('campaign_messages_tenant_replied_idx').on(t.tenantId, t.repliedAt),
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
  (t) => [primaryKey({ columns: [t.sessionId, t.eventId] }), index('webhook_events_received_idx').on(t.receivedAt)],
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
