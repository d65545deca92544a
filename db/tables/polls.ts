// Poll votes (decision 038): every vote WhatsApp reports for a campaign's poll, per outbox row (one
// person, one poll). A person may change their vote: each change is a row (the history), and the one
// with the latest vote time is `current` (the result counts only those). A redelivered event finds its
// row by (message, event key) and changes nothing.
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { campaignMessages, campaigns } from './campaigns'
import { createdAt, tenantId } from './tenancy'

export const pollVotes = sqliteTable(
  'poll_votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** The outbox row the poll went out as (campaign_messages.id). */
    messageId: integer('message_id')
      .notNull()
      .references(() => campaignMessages.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull(),
    /** The options chosen, in the poll's spelling and order; [] = the vote was taken back. */
    options: text('options', { mode: 'json' }).$type<string[]>().notNull(),
    /** When the person voted (WhatsApp's time, ms). */
    votedAt: integer('voted_at').notNull(),
    /** The webhook envelope id (or the vote's own time and options when WAHA sent none). */
    eventKey: text('event_key').notNull(),
    /** The latest vote of this person on this poll. */
    current: integer('current', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('poll_votes_event_unique').on(t.messageId, t.eventKey),
    index('poll_votes_message_idx').on(t.messageId, t.votedAt),
    index('poll_votes_current_idx').on(t.campaignId).where(sql`${t.current} = 1`),
  ],
)
