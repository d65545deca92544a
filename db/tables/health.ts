// Number health tables (decision 022): the session event log (463/475 and rate-limit answers, status
// changes, the guard's own actions), the guard's current regime per session, and the hourly history.
// Events are keyed by a natural key so a duplicated or late webhook, or a retried write, adds nothing.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { wahaSessions } from './integrations'
import { tenantId } from './tenancy'

/** Kinds of session events: WhatsApp's answers, status changes and the guard's actions. */
export const SESSION_EVENT_KINDS = ['reach_out_limit', 'rate_limited', 'status', 'guard', 'answer'] as const
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number]

export const sessionEvents = sqliteTable(
  'session_events',
  {
    tenantId: tenantId(),
    sessionId: text('session_id')
      .notNull()
      .references(() => wahaSessions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SESSION_EVENT_KINDS }).notNull(),
    /** Natural key within (session, kind): the attempt id, `STATUS@at`, or the action's instant. */
    key: text('key').notNull(),
    at: integer('at').notNull(),
    /** The status (kind status), or JSON of the guard's action (kind guard). */
    detail: text('detail'),
    /** Who did it (a person's "Retomar mesmo assim"); null for the engine. */
    userId: text('user_id'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.kind, t.key] }),
    index('session_events_session_at_idx').on(t.sessionId, t.kind, t.at),
  ],
)

/** The guard's regime for one session: what healthAction needs between two evaluations. */
export const sessionHealth = sqliteTable('session_health', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => wahaSessions.id, { onDelete: 'cascade' }),
  tenantId: tenantId(),
  state: text('state').notNull().default('saudavel'),
  score: integer('score').notNull().default(100),
  /** JSON HealthReason[] of the last assessment. */
  reasons: text('reasons').notNull().default('[]'),
  stateSince: integer('state_since').notNull(),
  /** Evidence before this instant was paid for by a cool-down or a person's release. */
  evidenceSince: integer('evidence_since'),
  /** End of the guard's cool-down in force. */
  pausedUntil: integer('paused_until'),
  rampStartedAt: integer('ramp_started_at'),
  evaluatedAt: integer('evaluated_at').notNull(),
})

/** One assessment per session and hour (the latest of the hour wins). */
export const sessionHealthHours = sqliteTable(
  'session_health_hours',
  {
    tenantId: tenantId(),
    sessionId: text('session_id')
      .notNull()
      .references(() => wahaSessions.id, { onDelete: 'cascade' }),
    hourStart: integer('hour_start').notNull(),
    computedAt: integer('computed_at').notNull(),
    score: integer('score').notNull(),
    state: text('state').notNull(),
    /** JSON { short, long } HealthCounts. */
    counts: text('counts').notNull(),
    reasons: text('reasons').notNull().default('[]'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.hourStart] })],
)
