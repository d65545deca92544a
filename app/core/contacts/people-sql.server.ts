// The SQL that merges rows into people (decision 036), shared by the import and the API upsert. Rows
// travel as ONE JSON parameter (D1 caps bound parameters, not string size), like the import's other
// statements; tenant_id is bound by hand (the ownedBy rule), and `guard` is an extra SQL condition
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

/**
 * INSERT ... ON CONFLICT (tenant_id, phone_e164) DO UPDATE: per field the newest non-empty value wins
 * (an empty name, a null e-mail or company keeps what was known), fields are merged key by key
 * (json_patch: new keys added, same keys replaced, keys absent from the row kept). A row that brings
 * nothing new leaves the person untouched (no write: re-importing overlapping lists stays cheap); the
 * same fields text as known is "nothing new" without parsing either (values are strings, so patching
 * an object with itself gives it back).
 * Parameters: ?1 tenant id, ?2 the JSON array of PersonJsonRow, ?3 now (ms), then the guard's own.
 */
export function upsertPeopleSql(guard: string): string {
  return `INSERT INTO people (tenant_id, phone_e164, phone_kind, name, email, company, fields, created_at, updated_at)
    SELECT ?1, j.value ->> 1, j.value ->> 2, j.value ->> 0, j.value ->> 3, j.value ->> 4,
      CASE WHEN json_type(j.value, '$[5]') = 'object' THEN j.value -> 5 END, ?3, ?3
    FROM json_each(?2) AS j WHERE ${guard}
    ON CONFLICT (tenant_id, phone_e164) DO UPDATE SET
      name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE people.name END,
      phone_kind = excluded.phone_kind,
      email = coalesce(excluded.email, people.email),
      company = coalesce(excluded.company, people.company),
      fields = CASE WHEN excluded.fields IS NULL THEN people.fields
        WHEN people.fields IS NULL THEN excluded.fields
        ELSE json_patch(people.fields, excluded.fields) END,
      updated_at = excluded.updated_at
    WHERE (excluded.name <> '' AND excluded.name IS NOT people.name)
      OR excluded.phone_kind IS NOT people.phone_kind
      OR (excluded.email IS NOT NULL AND excluded.email IS NOT people.email)
      OR (excluded.company IS NOT NULL AND excluded.company IS NOT people.company)
      OR (excluded.fields IS NOT NULL AND (people.fields IS NULL
        OR (excluded.fields IS NOT people.fields
          AND json_patch(people.fields, excluded.fields) IS NOT people.fields)))`
}

/** `(SELECT id FROM people ...)` for a phone expression, in a statement where ?1 is the tenant id. */
export function personIdOf(phoneExpr: string): string {
  return `(SELECT p.id FROM people p WHERE p.tenant_id = ?1 AND p.phone_e164 = ${phoneExpr})`
}
