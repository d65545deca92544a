// The SQL that merges rows into people (decision 036), shared by the import and the API upsert. The
// merge rules themselves live in the `people_merge` and `contact_import` views' INSTEAD OF triggers
// (migration 0027): a statement inserts JSON rows into a view, and the trigger writes the person (and,
// for an import, the list row). Rows travel as ONE JSON parameter (D1 caps bound parameters, not
// string size); tenant_id is bound by hand (the ownedBy rule), and `guard` is an extra SQL condition
// (the import's "list still importing from this cursor"; the API's "list is the tenant's").

/** One person row as JSON: [name, phone_e164, phone_kind, email|null, company|null, fields|null]. */
export type PersonJsonRow = [
  string,
  string,
  string,
  string | null,
  string | null,
  Record<string, string> | null,
]

/** The person columns of a PersonJsonRow `j.value`, in the order both views take them after their keys. */
const PERSON_COLUMNS = `j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
      CASE WHEN json_type(j.value, '$[5]') = 'object' THEN j.value -> 5 END`

/**
 * Merges PersonJsonRows into the team's people (the `people_merge` trigger: per field the newest
 * non-empty value wins, fields merged key by key, a row that brings nothing new writes nothing).
 * Parameters: ?1 tenant id, ?2 the JSON array of PersonJsonRow, ?3 now (ms), then the guard's own.
 */
export function upsertPeopleSql(guard: string): string {
  return `INSERT INTO people_merge (tenant_id, name, phone_e164, phone_kind, email, company, fields, at)
    SELECT ?1, ${PERSON_COLUMNS}, ?3
    FROM json_each(?2) AS j WHERE ${guard}`
}

/**
 * The table-valued function that expands a statement's rows (decision 036, fourth pass). `jsonb_each`
 * (SQLite 3.51+; workerd bundles 3.53) hands each row to `->>` as JSONB, so a row's seven reads walk
 * a binary value instead of parsing its JSON text again: about a quarter of the import statement's
 * SQL time. `json_each` gives the same rows on an older engine.
 */
export type RowsEach = 'jsonb_each' | 'json_each'

let rowsEach: RowsEach = 'jsonb_each'

/** True when `error` says the engine has no table-valued function called `name`. */
export function isMissingTableFunction(error: unknown, name: string): boolean {
  return new RegExp(`no such table: ${name}\\b`, 'i').test(
    error instanceof Error ? error.message : String(error),
  )
}

/**
 * Runs `write` with the rows function this engine has. If `jsonb_each` is missing, the statement
 * failed before writing anything (a batch is one transaction): this isolate falls back to
 * `json_each` and runs `write` once more.
 */
export async function withRowsEach<T>(write: (each: RowsEach) => Promise<T>): Promise<T> {
  const each = rowsEach
  try {
    return await write(each)
  } catch (error) {
    if (each !== 'jsonb_each' || !isMissingTableFunction(error, each)) throw error
    rowsEach = 'json_each'
    return write(rowsEach)
  }
}

/**
 * Imports rows into a list (the `contact_import` trigger): each row's person is merged as above, then
 * the list row is written with that list's own values unless the phone is already in the list. A row
 * is a PersonJsonRow followed by its source line.
 * Parameters: ?1 tenant id, ?2 list id, ?4 now (ms), ?5 the JSON array of rows; ?3 is left to the
 * guard (the import's cursor), so the import's other statements share its guard and binding order.
 */
export function importContactsSql(guard: string, each: RowsEach): string {
  return `INSERT INTO contact_import (tenant_id, list_id, name, phone_e164, phone_kind, email, company, fields, source_line, at)
    SELECT ?1, ?2, ${PERSON_COLUMNS}, j.value ->> 6, ?4
    FROM ${each}(?5) AS j WHERE ${guard}`
}

/** `(SELECT id FROM people ...)` for a phone expression, in a statement where ?1 is the tenant id. */
export function personIdOf(phoneExpr: string): string {
  return `(SELECT p.id FROM people p WHERE p.tenant_id = ?1 AND p.phone_e164 = ${phoneExpr})`
}
