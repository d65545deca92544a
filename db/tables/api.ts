// Public API tables (decision 030): the tenant's API tokens and the Idempotency-Key records of /api/v1.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, tenantId } from './tenancy'

/**
 * An API token of a tenant. The token itself (`dsp_live_<public id><secret>`) is shown once; only the
 * SHA-256 of its secret part is stored. `scopes` is a JSON array of scope names (app/core/api/scopes.ts).
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    /** SHA-256 of the secret part, base64url. */
    secretHash: text('secret_hash').notNull(),
    /** The last 4 characters of the token, so a person can tell tokens apart. */
    hint: text('hint').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('api_tokens_tenant_idx').on(t.tenantId, t.createdAt)],
)

/**
 * One Idempotency-Key of one token: the request's fingerprint and, once answered, the stored response
 * (replayed for the same key and body). `status` null means the first request is still running.
 * Kept 24 hours (pruned by the cron).
 */
export const apiIdempotencyKeys = sqliteTable(
  'api_idempotency_keys',
  {
    tokenId: text('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    tenantId: tenantId(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index('api_idempotency_created_idx').on(t.createdAt)],
)
