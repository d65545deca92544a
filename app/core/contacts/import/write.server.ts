// D1 side of one import step. Rows travel as ONE JSON parameter per statement and are expanded with
// jsonb_each (D1 caps bound parameters at 100 per statement but allows strings up to 2 MB), so a
// 10,000-row step is a handful of statements. drizzle cannot express INSERT ... SELECT FROM json_each,
// so these few statements are raw SQL and bind tenant_id explicitly (the ownedBy rule, by hand).
import type { TenantScope } from '../../db/tenant.server'
import { importContactsSql, type PersonJsonRow, type RowsEach, withRowsEach } from '../people-sql.server'
import { tagsStatements } from '../tags-sql.server'
import type { ImportedContact, RejectedRow } from './contact-rows'

/** Largest JSON parameter per statement (D1 allows 2,000,000 bytes per string). */
const MAX_JSON_CHARS = 900_000

export type StepContact = {
  line: number
  contact: ImportedContact
  suppressed: boolean
}

export type StepWrite = {
  listId: string
  /** The cursor this step started from: nothing is written if the list moved on meanwhile. */
  expectedCursor: number
  nextCursor: number
  nextLine: number
  /** Contacts not yet in the list. */
  contacts: StepContact[]
  /**
   * The largest people and contacts ids at this step's lookup (`lookupPhones`): a list row this step
   * writes (above `contacts`) whose person is above `people` is a person new to the team; the
   * others were known (decision 036).
   */
  watermark: Watermark
  /** Rejected rows, including duplicates (in the file or already in the list). */
  rejects: RejectedRow[]
  done: boolean
}

/** Rows whose size is estimated per chunkJson call, spread evenly over the rows. */
const ESTIMATE_SAMPLES = 256

/**
 * The rows as JSON arrays, each under MAX_JSON_CHARS. One JSON.stringify per array (not one per row
 * and a join): the step's rows are sliced by an estimate of their size, taken from at most
 * ESTIMATE_SAMPLES rows spread over the step (measuring every row cost ~2 % of an import's Worker
 * time), and a slice that still comes out too long is halved until it fits. A row's size is its own
 * JSON length unless `approxChars` says otherwise (tests pass a wrong one to force the halving).
 */
export function chunkJson<T>(
  rows: readonly T[],
  approxChars: (row: T) => number = (row) => JSON.stringify(row).length,
): string[] {
  if (rows.length === 0) return []
  const every = Math.max(1, Math.floor(rows.length / ESTIMATE_SAMPLES))
  let sampled = 0
  let count = 0
  for (let i = 0; i < rows.length; i += every, count++) sampled += approxChars(rows[i]!) + 1
  const estimate = 2 + (sampled / count) * rows.length
  const slices = Math.max(1, Math.ceil(estimate / (MAX_JSON_CHARS * 0.9)))
  const per = Math.ceil(rows.length / slices)
  const out: string[] = []
  const pack = (part: readonly T[]) => {
    const json = JSON.stringify(part)
    if (json.length <= MAX_JSON_CHARS || part.length === 1) out.push(json)
    else {
      const half = Math.ceil(part.length / 2)
      pack(part.slice(0, half))
      pack(part.slice(half))
    }
  }
  for (let i = 0; i < rows.length; i += per) pack(rows.slice(i, i + per))
  return out
}

/** Largest ids at a step's lookup (AUTOINCREMENT: ids only grow), to tell what a write added since. */
export type Watermark = { people: number; contacts: number }

/**
 * Which of these phones are already in the list, which are on the tenant's opt-out list, and the
 * watermark (one round trip). `checkList` false skips the first question (the list held no contacts
 * when this invocation started, and its own repeats are caught in memory). The watermark is two reads
 * at the end of the rowid trees; the step's write counts the new people from it (decision 036),
 * instead of a lookup in the people index per phone here.
 */
export async function lookupPhones(
  scope: TenantScope,
  listId: string,
  phones: string[],
  checkList = true,
): Promise<{ existing: Set<string>; suppressed: Set<string>; watermark: Watermark }> {
  const existing = new Set<string>()
  const suppressed = new Set<string>()
  if (phones.length === 0) return { existing, suppressed, watermark: { people: 0, contacts: 0 } }
  const d1 = scope.db.$client
  // positions in the tables, not data: no tenant filter (the count that uses them has one)
  const queries: Array<{ target: Set<string> | null; stmt: D1PreparedStatement }> = [
    {
      target: null,
      stmt: d1.prepare(`SELECT (SELECT coalesce(max(id), 0) FROM people) AS people,
        (SELECT coalesce(max(id), 0) FROM contacts) AS contacts`),
    },
  ]
  const inList = (phone: string) => `EXISTS
    (SELECT 1 FROM contacts c WHERE c.list_id = ?2 AND c.phone_e164 = ${phone} AND c.tenant_id = ?3)`
  for (const json of chunkJson(phones)) {
    if (checkList) {
      const stmt = d1
        .prepare(`SELECT j.value AS phone FROM json_each(?1) AS j WHERE ${inList('j.value')}`)
        .bind(json, listId, scope.tenantId)
      queries.push({ target: existing, stmt })
    }
    const stmt = d1
      .prepare(`SELECT j.value AS phone FROM json_each(?1) AS j WHERE EXISTS
        (SELECT 1 FROM suppressions s WHERE s.tenant_id = ?2 AND s.phone_e164 = j.value)`)
      .bind(json, scope.tenantId)
    queries.push({ target: suppressed, stmt })
  }
  const results = await d1.batch<{ phone: string } & Watermark>(queries.map((q) => q.stmt))
  let watermark: Watermark = { people: 0, contacts: 0 }
  results.forEach((r, i) => {
    const target = queries[i]!.target
    if (target === null) watermark = r.results[0] ?? watermark
    else for (const row of r.results) target.add(row.phone)
  })
  return { existing, suppressed, watermark }
}

/** True when the list holds at least one contact. */
export async function listHasContacts(scope: TenantScope, listId: string): Promise<boolean> {
  const row = await scope.db.$client
    .prepare('SELECT 1 AS x FROM contacts WHERE list_id = ?1 AND tenant_id = ?2 LIMIT 1')
    .bind(listId, scope.tenantId)
    .first()
  return row !== null
}

/**
 * Writes one step atomically: contacts, rejects, counters and cursor. Returns false (and writes
 * nothing) when the list is no longer importing from `expectedCursor` (another delivery got there first).
 */
export async function writeStep(scope: TenantScope, w: StepWrite): Promise<boolean> {
  const now = scope.clock()
  const d1 = scope.db.$client
  // every write runs only while the list is still importing from the cursor this step read
  const guardAt = (
    list: string,
    cursor: string,
  ) => `EXISTS (SELECT 1 FROM contact_lists l WHERE l.id = ${list}
    AND l.tenant_id = ?1 AND l.status = 'importing' AND l.cursor_byte = ${cursor})`
  const guard = guardAt('?2', '?3')
  // the tags statements bind (tenant, json, now) first: their guard reads ?4 and ?5
  const tagsGuard = guardAt('?4', '?5')
  // one JSON row per contact: the person's 6 fields, then the source line
  const contactJson = chunkJson(
    w.contacts.map(({ line, contact: c }): [...PersonJsonRow, number] => [
      c.name,
      c.phoneE164,
      c.phoneKind,
      c.email ?? null,
      c.company ?? null,
      Object.keys(c.extra).length > 0 ? c.extra : null,
      line,
    ]),
  )
  const tagged = w.contacts.flatMap(({ contact: c }) =>
    c.tags?.length ? [[c.phoneE164, c.tags] as const] : [],
  )
  const rejectJson = chunkJson(
    w.rejects.map((r) => [r.line, r.raw, r.message, r.text.code, r.text.params ?? null]),
  )
  const statements = (each: RowsEach): D1PreparedStatement[] => [
    // one statement per chunk: the contact_import trigger merges the person, then writes the list row
    ...contactJson.map((json) =>
      d1.prepare(importContactsSql(guard, each)).bind(scope.tenantId, w.listId, w.expectedCursor, now, json),
    ),
    ...tagsStatements(scope, tagged, tagsGuard, [w.listId, w.expectedCursor]),
    ...rejectJson.map((json) =>
      d1
        .prepare(`INSERT INTO import_rows_rejected (tenant_id, list_id, line_number, raw, reason, reason_code, reason_params, created_at)
          SELECT ?1, ?2, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, ?4
          FROM ${each}(?5) AS j WHERE ${guard}
          ON CONFLICT (list_id, line_number) DO NOTHING`)
        .bind(scope.tenantId, w.listId, w.expectedCursor, now, json),
    ),
  ]
  let valid = 0
  let suppressed = 0
  let landlines = 0
  for (const c of w.contacts) {
    if (c.suppressed) suppressed++
    else {
      valid++
      if (c.contact.phoneKind === 'landline') landlines++
    }
  }
  const duplicates = w.rejects.filter((r) => r.reason === 'duplicate').length
  const invalid = w.rejects.length - duplicates
  const finish = w.done
    ? `, status = 'ready', import_finished_at = ?13, error = NULL, error_code = NULL, error_params = NULL, source_key = NULL`
    : ''
  // New people: the list rows this batch wrote (above the contacts watermark, this list, this step's
  // time) whose person is above the people watermark, i.e. did not exist at the lookup (created by
  // this batch's upsert, or by a write between lookup and batch, as a per-phone check at the lookup
  // would also say). Known = written - new. The unary + keeps the planner on the rowid range (the
  // rows just written) and off the list's phone index.
  const update = d1
    .prepare(`UPDATE contact_lists SET cursor_byte = ?4, cursor_line = ?5, total_rows = total_rows + ?6,
        valid_count = valid_count + ?7, invalid_count = invalid_count + ?8, duplicate_count = duplicate_count + ?9,
        suppressed_count = suppressed_count + ?10, landline_count = landline_count + ?11,
        people_new_count = people_new_count + fresh.n, people_updated_count = people_updated_count + ?12 - fresh.n,
        updated_at = ?13${finish}
      FROM (SELECT count(*) AS n FROM contacts c WHERE c.id > ?15 AND +c.list_id = ?2 AND +c.tenant_id = ?1
        AND +c.created_at = ?13 AND +c.person_id > ?14) AS fresh
      WHERE tenant_id = ?1 AND id = ?2 AND status = 'importing' AND cursor_byte = ?3`)
    .bind(
      scope.tenantId,
      w.listId,
      w.expectedCursor,
      w.nextCursor,
      w.nextLine,
      w.contacts.length + w.rejects.length,
      valid,
      invalid,
      duplicates,
      suppressed,
      landlines,
      w.contacts.length,
      now,
      w.watermark.people,
      w.watermark.contacts,
    )
  const results = await withRowsEach((each) => d1.batch([...statements(each), update]))
  return (results[results.length - 1]?.meta.changes ?? 0) > 0
}
