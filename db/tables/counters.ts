// Campaign counters (decision 041): what the report, the campaign list, the dashboard and the API show
// as totals, kept up to date by SQLite triggers on campaign_messages (in the migration that created
// these tables: drizzle-kit does not model triggers), so every change of an outbox row moves its
// counters in the same statement, whoever writes it. A periodic recount (app/core/campaigns/counters)
// repairs any drift. Keys never hold NULL ('' and -1 stand for "none") so they can be primary keys.
// `step` (decision 040: 0 the first message, 1..4 a follow-up step, -1 the confirmation) gives the
// campaign page each step's funnel from the same rows.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { campaigns } from './campaigns'
import { tenantId } from './tenancy'

const campaignId = () =>
  text('campaign_id')
    .notNull()
    .references(() => campaigns.id, { onDelete: 'cascade' })

/**
 * Rows per (campaign, step, status, session, hour of sent_at, error kind): the funnel and status tiles
 * sum it by status, each step's funnel by step and status, the per-session split by session, the
 * timeline by hour, the held counts by kind.
 */
export const campaignCounts = sqliteTable(
  'campaign_counts',
  {
    tenantId: tenantId(),
    campaignId: campaignId(),
    /** The outbox row's step (decision 040). */
    step: integer('step').notNull().default(0),
    status: text('status').notNull(),
    /** '' when the row has no session yet. */
    sessionId: text('session_id').notNull().default(''),
    /** sent_at / 3,600,000 (hours since the epoch, UTC); -1 when not sent. */
    sentHour: integer('sent_hour').notNull().default(-1),
    /** '' when the row has no error kind. */
    errorKind: text('error_kind').notNull().default(''),
    n: integer('n').notNull().default(0),
    clicked: integer('clicked').notNull().default(0),
    replied: integer('replied').notNull().default(0),
    confirmedLater: integer('confirmed_later').notNull().default(0),
    resent: integer('resent').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.step, t.status, t.sessionId, t.sentHour, t.errorKind] }),
    // A number's sends today (dashboard, sessions page). Written only when a group is new.
    index('campaign_counts_session_hour_idx').on(t.sessionId, t.sentHour),
  ],
)

/** `read` rows per hour of read_at: the timeline's reads. */
export const campaignReadHours = sqliteTable(
  'campaign_read_hours',
  {
    tenantId: tenantId(),
    campaignId: campaignId(),
    readHour: integer('read_hour').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.readHour] })],
)

/** Failed, unconfirmed and skipped rows per reason: the report's failure list. */
export const campaignFailureCounts = sqliteTable(
  'campaign_failure_counts',
  {
    tenantId: tenantId(),
    campaignId: campaignId(),
    status: text('status').notNull(),
    errorKind: text('error_kind').notNull().default(''),
    error: text('error').notNull().default(''),
    errorCode: text('error_code').notNull().default(''),
    errorParams: text('error_params').notNull().default(''),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.status, t.errorKind, t.error, t.errorCode, t.errorParams] }),
  ],
)

/** When the recount last looked at a campaign, and the drift it found (rows of counters repaired). */
export const campaignCounterChecks = sqliteTable('campaign_counter_checks', {
  campaignId: campaignId().primaryKey(),
  tenantId: tenantId(),
  checkedAt: integer('checked_at').notNull(),
  drift: integer('drift').notNull().default(0),
})

/**
 * People who opted out after this campaign's message reached them: the team's suppressions created
 * after a row of the campaign with the same phone was sent (kept by triggers on `suppressions`).
 */
export const campaignLateOptOuts = sqliteTable('campaign_late_opt_outs', {
  campaignId: campaignId().primaryKey(),
  tenantId: tenantId(),
  n: integer('n').notNull().default(0),
})
