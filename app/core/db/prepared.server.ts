// Statements built once and bound many times. drizzle builds a query's SQL text on every call (walking
// its chunks, encoding, tracing spans); a loop that runs the same statement for every message builds
// it once with `sql.placeholder`s and binds only the values per message (decision 028). The result is
// mapped by drizzle's own mapper, so a bound statement answers exactly what the drizzle query would.
import { fillPlaceholders, type Query, sql } from 'drizzle-orm'
import type { Db } from './client.server'

/** A statement ready for D1, with how drizzle reads its result. */
export type BoundStatement = {
  readonly bound: D1PreparedStatement
  readonly map: (result: D1Result) => unknown
}

/** A drizzle query (select, insert, update, delete), as far as preparing it goes. */
export type Preparable = {
  prepare(): { getQuery(): Query; mapResult(response: unknown, isFromBatch?: boolean): unknown }
}

/**
 * Builds `query`'s SQL once; each call binds its placeholders to `values` (no SQL built again). `read`
 * replaces drizzle's mapper for a statement that runs for every message: it must give what drizzle
 * would (the rows by column name, JSON columns parsed).
 */
export function prepareOnce(
  db: Db,
  query: Preparable,
  read?: (result: D1Result) => unknown,
): (values?: Record<string, unknown>) => BoundStatement {
  const prepared = query.prepare()
  const { sql, params } = prepared.getQuery()
  const statement = db.$client.prepare(sql)
  const map = read ?? ((result: D1Result) => prepared.mapResult(result, true))
  return (values = {}) => ({ bound: statement.bind(...fillPlaceholders(params, values)), map })
}

/** A value bound when the prepared statement runs (sql.placeholder, typed as the value it stands for). */
export const bindLater = <T>(name: string) => sql.placeholder(name) as unknown as T

const isBound = (s: BoundStatement | Preparable): s is BoundStatement => 'bound' in s

/**
 * Runs statements in one D1 batch (one round trip, one transaction) and returns each one's result as
 * drizzle would (`db.batch`). A drizzle query is built here; a bound statement was built before.
 */
export async function runBatch(db: Db, statements: ReadonlyArray<BoundStatement | Preparable>) {
  const all = statements.map((s) => (isBound(s) ? s : prepareOnce(db, s)()))
  const results = await db.$client.batch(all.map((s) => s.bound))
  return results.map((r, i) => all[i]!.map(r))
}
