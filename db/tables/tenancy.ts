// Tenancy and sign-in tables: the instance, tenants, staff, login sessions, throttling, audit log.
// Also the column helpers every tenant-owned table uses.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { USER_ROLES } from '../../app/core/auth/role-names'

export { USER_ROLES, type UserRole } from '../../app/core/auth/role-names'

const now = sql`(unixepoch('subsec') * 1000)`
export const createdAt = () => integer('created_at').notNull().default(now)
export const updatedAt = () => integer('updated_at').notNull().default(now)
export const tenantId = () =>
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
  /** One campaign message per person per this many hours, across all campaigns (0 = no limit). */
  personGapHours: integer('person_gap_hours').notNull().default(24),
  /**
   * The tenant-data D1 binding that holds this team's rows (decision 043). Read in the control
   * database only; a shard's copy of this row (the foreign-key anchor) carries it unread.
   */
  shard: text('shard').notNull().default('DB'),
  /** Set while an operator moves the team to another shard (decision 043): sending waits. */
  movingTo: text('moving_to'),
  createdAt: createdAt(),
})

/**
 * Machine traffic that arrives without a signed-in user finds its team here, in the control database,
 * without a scan (decision 043): `session` = a WAHA session id (webhooks), `link` = a tracked-link
 * token (clicks). Media URLs carry the team in their key.
 */
export const machineRoutes = sqliteTable(
  'machine_routes',
  {
    kind: text('kind', { enum: ['session', 'link'] }).notNull(),
    key: text('key').notNull(),
    tenantId: text('tenant_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] }), index('machine_routes_tenant_idx').on(t.tenantId)],
)

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

/**
 * Login attempt counters per key in a fixed window (app/core/auth/throttle.server.ts): "pair:<email>|<address>",
 * "addr:<address>" and "acct:<email>". `failures` counts slots taken (an attempt takes its slot before the
 * password is checked; a success gives it back). `locked_until` is unused since decision 012.
 */
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: integer('locked_until'),
})

/**
 * Addresses a user has signed in from (IPv6 by /64). While an account is under a spread-out guessing
 * attack these addresses may still try, so the attack cannot lock the owner out (decision 012).
 */
export const loginKnownAddresses = sqliteTable(
  'login_known_addresses',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    lastSuccessAt: integer('last_success_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.address] }),
    index('login_known_addresses_seen_idx').on(t.lastSuccessAt),
  ],
)

/**
 * A member an admin added with an email that already has an account in another team. It shows in the
 * team like any member who has not signed in yet, but it is no account: nobody can sign in as it and
 * the other account is untouched. So adding staff never tells an admin which emails exist elsewhere.
 */
export const unclaimedMembers = sqliteTable(
  'unclaimed_members',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('unclaimed_members_tenant_email_unique').on(t.tenantId, t.email)],
)

/**
 * Fixed-window counters of rate-limited actions per key (e.g. "test-send:<userId>"): one atomic
 * upsert per attempt (app/core/db/rate-limit.server.ts).
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  hits: integer('hits').notNull().default(0),
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

/**
 * Team moves between shards (decision 044), in the control database. One row per move, kept as
 * history; at most one unfinished move per team (partial unique index). `step` and `state` (JSON: the
 * table and row the copy or check has reached) let any worker resume after a crash; `leaseUntil`
 * keeps two workers from advancing the same move at once.
 */
export const teamMoves = sqliteTable(
  'team_moves',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    source: text('source').notNull(),
    target: text('target').notNull(),
    step: text('step', {
      enum: [
        'freezing',
        'quiescing',
        'preparing',
        'copying',
        'verifying',
        'switching',
        'resuming',
        'cleaning',
        'done',
        'unwinding',
        'failed',
      ],
    }).notNull(),
    state: text('state', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    pausedCampaigns: text('paused_campaigns', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    error: text('error'),
    leaseUntil: integer('lease_until'),
    startedAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    uniqueIndex('team_moves_one_open_per_team').on(t.tenantId).where(sql`finished_at IS NULL`),
    index('team_moves_open_idx').on(t.finishedAt),
  ],
)

/**
 * The block of integer ids each tenant database issues from (decision 044): ids of AUTOINCREMENT
 * tables on shard S lie in [block × 10^12, (block + 1) × 10^12), so a team's rows keep their ids when
 * moved. The control database `DB` issues from block 0 until it takes a moved team.
 */
export const idBlocks = sqliteTable('id_blocks', {
  shard: text('shard').primaryKey(),
  block: integer('block').notNull().unique(),
})
