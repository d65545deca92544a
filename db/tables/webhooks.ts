// Outbound webhooks (decision 033): a tenant's endpoints, one delivery per endpoint and event, and
// every attempt of a delivery (the delivery log an admin reads on Integrações → Webhooks).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, tenantId } from './tenancy'

/**
 * An endpoint that receives the events it subscribes to. `secret_enc` is the `whsec_…` signing secret
 * sealed like the other secrets (app/core/tenants/secrets.server.ts, field `signing_secret`).
 * `disabled_code`/`disabled_params` say why it is off (a person, or sustained failure).
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** JSON array of event types (app/core/webhooks/event-types.ts). */
    eventTypes: text('event_types', { mode: 'json' }).$type<string[]>().notNull(),
    secretEnc: text('secret_enc').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    disabledAt: integer('disabled_at'),
    disabledCode: text('disabled_code'),
    disabledParams: text('disabled_params'),
    /** Failed attempts in a row (reset by any success), and when the run of failures began. */
    failureStreak: integer('failure_streak').notNull().default(0),
    failingSince: integer('failing_since'),
    lastSuccessAt: integer('last_success_at'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.enabled)],
)

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'exhausted'] as const
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number]

/**
 * One event for one endpoint. `event_id` (`msg_…`) is the `webhook-id` header: the same on every
 * attempt and on a manual redelivery (a new row), so receivers can drop duplicates. `payload` is
 * the exact body sent.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    /** An attempt in flight holds the row until then (a duplicate queue message waits its turn). */
    claimedUntil: integer('claimed_until'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
)

/** One HTTP attempt of a delivery: its status code or network error, how long it took, what came back. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    httpStatus: integer('http_status'),
    /** Set when there was no usable answer: a text code (net.*, webhooks.attempt.*) and its params. */
    errorCode: text('error_code'),
    errorParams: text('error_params'),
    durationMs: integer('duration_ms').notNull(),
    /** The first 1 KB of the answer. */
    responseSnippet: text('response_snippet'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.at)],
)
