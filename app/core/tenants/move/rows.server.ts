// Reading and writing a team's rows table by table for a move (decision 044), in pages ordered by
// rowid: on the target, rows are inserted in the source's order, so both sides read back in the same
// order and their checksums compare page by page. One JSON parameter per statement (json_each) keeps
// D1's 100-bound-values limit out of the way whatever the table's width.
import type { AppContext } from '../../context.server'
import type { MoveTable } from './plan'

const PAGE_ROWS = 200
const DELETE_ROWS = 500

type Row = Record<string, unknown> & { __r: number }

const d1 = (ctx: AppContext) => ctx.db.$client

/** The team's rows of `table` after rowid `after`, at most PAGE_ROWS. */
export async function readPage(ctx: AppContext, table: MoveTable, tenantId: string, after: number) {
  const cols = table.columns.map((c) => `"${c}"`).join(', ')
  const rows = await d1(ctx)
    .prepare(
      `SELECT rowid AS __r, ${cols} FROM "${table.name}" WHERE (${table.where}) AND rowid > ?2 ORDER BY rowid LIMIT ${PAGE_ROWS}`,
    )
    .bind(tenantId, after)
    .all<Row>()
  const results = rows.results ?? []
  return {
    values: results.map((r) => table.columns.map((c) => r[c] ?? null)),
    last: results.at(-1)?.__r ?? after,
  }
}

/** D1 caps a string value at 2 MB: one statement carries at most this much JSON. */
const WRITE_BYTES = 400_000

/** Inserts rows read by readPage (same column order). Returns how many the target took. */
export async function writePage(ctx: AppContext, table: MoveTable, values: unknown[][]): Promise<number> {
  const cols = table.columns.map((c) => `"${c}"`).join(', ')
  const picks = table.columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ')
  const verb = table.replace ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE'
  const statement = d1(ctx).prepare(
    `${verb} INTO "${table.name}" (${cols}) SELECT ${picks} FROM json_each(?1)`,
  )
  const chunks: string[] = []
  let rows: string[] = []
  let bytes = 0
  for (const row of values) {
    const json = JSON.stringify(row)
    if (rows.length > 0 && bytes + json.length > WRITE_BYTES) {
      chunks.push(`[${rows.join(',')}]`)
      rows = []
      bytes = 0
    }
    rows.push(json)
    bytes += json.length + 1
  }
  if (rows.length > 0) chunks.push(`[${rows.join(',')}]`)
  if (chunks.length === 0) return 0
  // One batch: the page lands whole or not at all.
  const results = await d1(ctx).batch(chunks.map((c) => statement.bind(c)))
  return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0)
}

/** Deletes up to DELETE_ROWS of the team's rows of `table`; returns how many went. */
export async function deleteSome(ctx: AppContext, table: MoveTable, tenantId: string): Promise<number> {
  const r = await d1(ctx)
    .prepare(
      `DELETE FROM "${table.name}" WHERE rowid IN (SELECT rowid FROM "${table.name}" WHERE ${table.where} LIMIT ${DELETE_ROWS})`,
    )
    .bind(tenantId)
    .run()
  return r.meta.changes ?? 0
}

/** SHA-256 of the previous digest and a page of rows: one checksum per table, page by page. */
export async function foldDigest(previous: string, values: unknown[][]): Promise<string> {
  const bytes = new TextEncoder().encode(previous + JSON.stringify(values))
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
