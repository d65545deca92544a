// Integration tables: AI providers and WhatsApp (WAHA) sessions, secrets sealed at rest.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, tenantId, updatedAt } from './tenancy'

export const AI_PLATFORMS = [
  'groq',
  'openrouter',
  'deepseek',
  'mistral',
  'qwen',
  'ollama',
  'openai-compatible',
] as const

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
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params'),
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
    windowStartMin: integer('window_start_min')
      .notNull()
      .default(8 * 60),
    windowEndMin: integer('window_end_min')
      .notNull()
      .default(20 * 60),
    mediaMode: text('media_mode', { enum: ['url', 'base64'] })
      .notNull()
      .default('url'),
    webhookSecretEnc: text('webhook_secret_enc').notNull(),
    lastConnectedAt: integer('last_connected_at'),
    lastError: text('last_error'),
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params'),
    lastErrorAt: integer('last_error_at'),
    pausedUntil: integer('paused_until'),
    pausedReason: text('paused_reason'),
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    pausedCode: text('paused_code'),
    pausedParams: text('paused_params'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** When the number first connected in Disparo: its age for the warm-up plan. */
    firstConnectedAt: integer('first_connected_at'),
    /** Warm-up: the daily cap starts at warmupStartCap and grows day by day to dailyCap over warmupDays. */
    warmupEnabled: integer('warmup_enabled', { mode: 'boolean' }).notNull().default(true),
    warmupStartCap: integer('warmup_start_cap').notNull().default(20),
    warmupDays: integer('warmup_days').notNull().default(14),
    /** Rest packages: after a package of [packageMin, packageMax] messages, rest [restMinMin, restMaxMin] minutes (0 = off). */
    packageMin: integer('package_min').notNull().default(20),
    packageMax: integer('package_max').notNull().default(40),
    restMinMin: integer('rest_min_min').notNull().default(5),
    restMaxMin: integer('rest_max_min').notNull().default(15),
    /** Numbers this session never wrote to before, per local day. */
    firstContactDailyBudget: integer('first_contact_daily_budget').notNull().default(50),
    /**
     * Which list of webhook events (DISPARO_WEBHOOK_EVENTS_VERSION) our webhook on WAHA was last set
     * with: sessions registered before a list grew (1: before poll votes) miss its new events until
     * the webhook is updated ("Atualizar webhook no WAHA"). New sessions start current.
     */
    webhookEventsVersion: integer('webhook_events_version').notNull().default(2),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('waha_sessions_tenant_idx').on(t.tenantId),
    uniqueIndex('waha_sessions_server_name_unique').on(t.tenantId, t.serverUrl, t.sessionName),
  ],
)
