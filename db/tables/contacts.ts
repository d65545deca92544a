// Contact tables: lists, contacts, rejected import rows and the opt-out list.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, tenantId, updatedAt } from './tenancy'

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
    /** People this import added to the team (decision 036). */
    peopleNewCount: integer('people_new_count').notNull().default(0),
    /** People already known to the team that this import merged into (decision 036). */
    peopleUpdatedCount: integer('people_updated_count').notNull().default(0),
    error: text('error'),
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    errorCode: text('error_code'),
    errorParams: text('error_params'),
    createdBy: text('created_by'),
    importFinishedAt: integer('import_finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_lists_tenant_idx').on(t.tenantId, t.createdAt)],
)

/**
 * One person per phone per team (decision 036): the merged profile of every list row, API upsert and
 * hand edit with that phone. The newest non-empty value wins per field; `fields` holds the extra
 * columns by {{variable}} key. Opt-out state is the phone's row in `suppressions`.
 */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    phoneE164: text('phone_e164').notNull(),
    phoneKind: text('phone_kind', { enum: ['mobile', 'landline'] })
      .notNull()
      .default('mobile'),
    name: text('name').notNull().default(''),
    email: text('email'),
    company: text('company'),
    fields: text('fields', { mode: 'json' }).$type<Record<string, string>>(),
    consentSource: text('consent_source'),
    consentAt: integer('consent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('people_tenant_phone_unique').on(t.tenantId, t.phoneE164)],
)

/** A team's tags; `nameKey` (lowercase, no accents, single spaces) is unique per team (decision 036). */
export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_tenant_key_unique').on(t.tenantId, t.nameKey)],
)

export const personTags = sqliteTable(
  'person_tags',
  {
    tenantId: tenantId(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.tagId] }), index('person_tags_tag_idx').on(t.tagId)],
)

/** A person's membership of one list, with that list's own values for the row (decision 036). */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    listId: text('list_id')
      .notNull()
      .references(() => contactLists.id, { onDelete: 'cascade' }),
    /**
     * The person (same tenant and phone). No foreign key and no index (decision 036: each costs every
     * imported row a write); a person's memberships are found by phone through the team's lists.
     */
    personId: integer('person_id').notNull(),
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
  (t) => [uniqueIndex('contacts_list_phone_unique').on(t.listId, t.phoneE164)],
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
    /** The same text as a message code and its JSON params (decision 025); null on rows from before. */
    reasonCode: text('reason_code'),
    reasonParams: text('reason_params'),
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

export const POSSIBLE_OPT_OUT_STATUSES = ['pending', 'confirmed', 'dismissed'] as const

/**
 * Replies that may ask to stop but not plainly ("Como faço para sair?", "Isso é spam", decision 031):
 * a person confirms (the number joins the opt-outs) or dismisses them on the opt-outs page.
 */
export const possibleOptOuts = sqliteTable(
  'possible_opt_outs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    phoneE164: text('phone_e164').notNull(),
    /** WAHA's id of the inbound message: a redelivered webhook adds nothing. */
    wahaMessageId: text('waha_message_id').notNull(),
    sessionId: text('session_id'),
    /** The campaign message the reply was credited to, when there was one. */
    messageId: integer('message_id'),
    body: text('body').notNull(),
    /** Which rule found it (opt-out.ts), for the page and for tuning the rules. */
    rule: text('rule').notNull(),
    status: text('status', { enum: POSSIBLE_OPT_OUT_STATUSES }).notNull().default('pending'),
    receivedAt: integer('received_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('possible_opt_outs_message_unique').on(t.tenantId, t.wahaMessageId),
    index('possible_opt_outs_pending_idx').on(t.tenantId, t.status, t.receivedAt),
  ],
)

/** A saved segment (decision 037): conditions over the team's people, kept as JSON and compiled on use. */
export const segments = sqliteTable(
  'segments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: tenantId(),
    name: text('name').notNull(),
    definition: text('definition', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('segments_tenant_idx').on(t.tenantId, t.name)],
)
