// For `npm run bench:rowsize`: a D1 binding for Node whose statements run in a Miniflare Worker (real
// local D1 in workerd) and whose D1 figures (rows written, rows read: what D1 bills) are counted under
// the phase the bench is in. Every call goes through `batch()`, the one D1 call whose results carry each
// statement's meta (raw() drops it); raw() rows are rebuilt from the objects in column order, as
// drizzle does.

type Figures = { statements: number; rowsWritten: number; rowsRead: number; wallMs: number }
type Meta = { rows_written?: number; rows_read?: number }

export class D1Meter {
  #phase = 'setup'
  #since = performance.now()
  readonly byPhase = new Map<string, Figures>()
  /** Wall time spent in each phase, JavaScript included. */
  readonly totalMs = new Map<string, number>()

  get phase(): string {
    return this.#phase
  }

  set phase(next: string) {
    const now = performance.now()
    this.totalMs.set(this.#phase, (this.totalMs.get(this.#phase) ?? 0) + now - this.#since)
    this.#phase = next
    this.#since = now
  }

  add(results: ReadonlyArray<{ meta?: Meta }>, wallMs: number): void {
    const f = this.byPhase.get(this.phase) ?? { statements: 0, rowsWritten: 0, rowsRead: 0, wallMs: 0 }
    for (const r of results) {
      f.statements++
      f.rowsWritten += r.meta?.rows_written ?? 0
      f.rowsRead += r.meta?.rows_read ?? 0
    }
    f.wallMs += wallMs
    this.byPhase.set(this.phase, f)
  }

  /** The figures of one phase (zeros when it never ran). */
  of(phase: string): Figures {
    return this.byPhase.get(phase) ?? { statements: 0, rowsWritten: 0, rowsRead: 0, wallMs: 0 }
  }
}

/** One statement as it travels to the Worker: its SQL and bound values. */
export type Sent = { sql: string; params: unknown[] }

/**
 * The script of the Worker that holds the D1 binding: it runs a posted list of statements as one
 * `batch()` and answers D1's results. One HTTP round trip per batch; Miniflare's own binding proxy
 * makes a blocking call to workerd for every prepare() and bind(), which cost milliseconds each here.
 */
export const BATCH_WORKER = `export default {
  async fetch(request, env) {
    const statements = await request.json()
    try {
      const results = await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)))
      return Response.json(results)
    } catch (error) {
      return new Response(String(error && error.stack || error), { status: 500 })
    }
  },
}`

/** A D1 binding whose statements run in the Worker through `post`, counted in `meter`. */
export function meteredD1(post: (statements: Sent[]) => Promise<D1Result[]>, meter: D1Meter): D1Database {
  async function run(stmts: Sent[]): Promise<D1Result[]> {
    const started = performance.now()
    const results = await post(stmts)
    meter.add(results as ReadonlyArray<{ meta?: Meta }>, performance.now() - started)
    return results
  }
  function statement(sql: string, params: unknown[]) {
    const self: Sent = { sql, params }
    const one = async () => (await run([self]))[0]!
    return Object.assign(self, {
      bind: (...values: unknown[]) => statement(sql, values),
      run: one,
      all: one,
      async first(column?: string) {
        const row = (await one()).results[0] as Record<string, unknown> | undefined
        if (!row) return null
        return column === undefined ? row : row[column]
      },
      async raw(options?: { columnNames?: boolean }) {
        const rows = (await one()).results as Record<string, unknown>[]
        const values = rows.map((r) => Object.values(r))
        return options?.columnNames ? [Object.keys(rows[0] ?? {}), ...values] : values
      },
    })
  }
  return {
    prepare: (query: string) => statement(query, []),
    batch: (stmts: D1PreparedStatement[]) =>
      run(stmts.map((s) => ({ sql: (s as unknown as Sent).sql, params: (s as unknown as Sent).params }))),
  } as unknown as D1Database
}
