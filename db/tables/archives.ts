// Campaign archives (decision 042): a finished campaign's outbox rows and frozen audience leave D1 for
// one gzip NDJSON object in R2; this row is the manifest's copy, the step the archiver reached (so a
// crash at any step resumes), and the report's totals as they were when the object was written.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { campaigns } from './campaigns'
import { createdAt, tenantId } from './tenancy'

/**
 * written: the object is in R2; verified: read back and checked (rows may now leave D1); done: no row
 * left in D1; restoring: rows going back to D1 (the archiver leaves it alone).
 */
export const ARCHIVE_STATES = ['written', 'verified', 'done', 'restoring'] as const
export type ArchiveState = (typeof ARCHIVE_STATES)[number]

export const campaignArchives = sqliteTable(
  'campaign_archives',
  {
    campaignId: text('campaign_id')
      .primaryKey()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    r2Key: text('r2_key').notNull(),
    state: text('state', { enum: ARCHIVE_STATES }).notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** Rows per table in the object, e.g. {"campaign_messages": 2500, "campaign_audience": 2500}. */
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** sha-256 (hex) of the object's bytes (the gzip payload) as written. */
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    /** The report's aggregates (funnel, split, timeline, failures) when the rows were read. */
    totals: text('totals', { mode: 'json' }).$type<unknown>().notNull(),
    /** When the rows in the object were read from D1: erasures after this are applied on read. */
    rowsAt: integer('rows_at').notNull(),
    /** Bloom filter (base64) of the archived messages' phones: the person page opens only these. */
    phonesBloom: text('phones_bloom').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('campaign_archives_tenant_idx').on(t.tenantId, t.state)],
)

/**
 * LGPD erasures that archives must honour (decision 042): recorded with the erase, applied to every
 * archive read at once, and written into the tenant's objects by the cron (objects older than it).
 */
export const archiveErasures = sqliteTable(
  'archive_erasures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    phoneE164: text('phone_e164').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('archive_erasures_tenant_idx').on(t.tenantId, t.createdAt)],
)
