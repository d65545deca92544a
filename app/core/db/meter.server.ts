// Counting D1 work, for benchmarks only (`npm run bench:send` prints queries and rows per message).
// When the Worker runs with the bench-only var BENCH_D1_METER = "1" (never in wrangler.toml), the
// Worker entry and the SenderSession object see a D1 binding wrapped here: every statement, batched or
// not, adds D1's own `meta` (rows_read, rows_written) to counters shared by the whole isolate (the
// Worker's handlers and its Durable Objects run in one). Without the var, meteredEnv returns the very
// same env: production code paths never touch the wrapper.

/** D1's own per-statement figures (what D1 bills). */
export type D1Counters = {
  /** SQL statements run (each statement of a batch counts). */
  queries: number
  /** Calls to D1 (a batch is one). */
  roundTrips: number
  rowsRead: number
  rowsWritten: number
  /** Statements whose meta could not be read (then rows are undercounted); 0 expected. */
  unmetered: number
  /** The same figures per SQL text (its first 160 characters): where the rows go. */
  bySql: Record<string, { queries: number; rowsRead: number; rowsWritten: number }>
}

const METER_VAR = 'BENCH_D1_METER'

const COUNTERS = Symbol.for('disparo.d1-meter')

/** The isolate's counters (on globalThis: the Remix build and the Worker entry each bundle this module). */
export function d1Counters(): D1Counters {
  const g = globalThis as { [COUNTERS]?: D1Counters }
  g[COUNTERS] ??= { queries: 0, roundTrips: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0, bySql: {} }
  return g[COUNTERS]
}

/** True when this Worker was started for a bench that meters D1. */
export function meterEnabled(env: object): boolean {
  return (env as Record<string, unknown>)[METER_VAR] === '1'
}

type Meta = { rows_read?: unknown; rows_written?: unknown } | undefined

/** Each SQL text's key (its first 160 characters, spaces folded), worked out once per text. */
const keys = new Map<string, string>()

function keyOf(sql: string): string {
  let key = keys.get(sql)
  if (key === undefined) {
    key = sql.replace(/\s+/g, ' ').slice(0, 160)
    // Texts with inlined values (one per message) would grow the map without end.
    if (keys.size < 10_000) keys.set(sql, key)
  }
  return key
}

function count(c: D1Counters, sql: string, meta: Meta): void {
  c.queries++
  const key = keyOf(sql)
  c.bySql[key] ??= { queries: 0, rowsRead: 0, rowsWritten: 0 }
  const one = c.bySql[key]
  one.queries++
  if (typeof meta?.rows_read !== 'number' || typeof meta.rows_written !== 'number') {
    c.unmetered++
    return
  }
  c.rowsRead += meta.rows_read
  c.rowsWritten += meta.rows_written
  one.rowsRead += meta.rows_read
  one.rowsWritten += meta.rows_written
}

const sqlOf = (stmt: D1PreparedStatement) => (stmt as unknown as { statement?: string }).statement ?? '?'

/** What D1's own statement object keeps (workerd's d1-api): enough to run raw() with its meta. */
type D1Internals = {
  dbSession?: {
    _sendOrThrow?: (
      endpoint: string,
      sql: string,
      params: unknown[],
      format: string,
      span: object,
    ) => Promise<unknown>
  }
  statement?: string
  params?: unknown[]
}

const NO_SPAN = { setAttribute() {}, setAttributes() {} }

/**
 * raw() with its meta. D1's raw() drops the meta and all() turns rows into objects (two columns with
 * the same name collapse, which drizzle's array mode relies on not happening), so this asks D1 the way
 * raw() itself does. When that shape is not there, it falls back to raw() and counts the statement as
 * unmetered (the bench prints it).
 */
async function rawWithMeta(
  c: D1Counters,
  stmt: D1PreparedStatement,
  options?: { columnNames?: boolean },
): Promise<unknown[]> {
  const internals = stmt as unknown as D1Internals
  const send = internals.dbSession?._sendOrThrow
  if (typeof send !== 'function' || typeof internals.statement !== 'string') {
    c.queries++
    c.unmetered++
    return options?.columnNames ? stmt.raw({ columnNames: true }) : stmt.raw()
  }
  const answer = await send.call(
    internals.dbSession,
    '/query',
    internals.statement,
    internals.params ?? [],
    'ROWS_AND_COLUMNS',
    NO_SPAN,
  )
  const s = (Array.isArray(answer) ? answer[0] : answer) as {
    meta?: Meta
    results?: { columns: string[]; rows: unknown[][] } | Array<Record<string, unknown>>
  }
  count(c, internals.statement, s.meta)
  const results = s.results
  if (!results) return []
  if (Array.isArray(results)) {
    const rows: unknown[] = results.map((r) => Object.values(r))
    if (options?.columnNames && results[0]) rows.unshift(Object.keys(results[0]))
    return rows
  }
  return [...(options?.columnNames ? [results.columns] : []), ...results.rows]
}

class MeteredStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly c: D1Counters,
  ) {}

  bind(...values: unknown[]): MeteredStatement {
    return new MeteredStatement(this.inner.bind(...values), this.c)
  }

  async run() {
    this.c.roundTrips++
    const r = await this.inner.run()
    count(this.c, sqlOf(this.inner), r.meta)
    return r
  }

  async all() {
    this.c.roundTrips++
    const r = await this.inner.all()
    count(this.c, sqlOf(this.inner), r.meta)
    return r
  }

  async first(colName?: string) {
    const { results } = await this.all()
    const row = (results[0] ?? null) as Record<string, unknown> | null
    if (row === null || colName === undefined) return row
    if (row[colName] === undefined) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${colName})`)
    return row[colName]
  }

  raw(options?: { columnNames?: boolean }) {
    this.c.roundTrips++
    return rawWithMeta(this.c, this.inner, options)
  }
}

const wrapped = new WeakMap<D1Database, D1Database>()

/** The D1 binding with every statement counted into `c` (one wrapper per binding object). */
export function meteredD1(d1: D1Database, c: D1Counters = d1Counters()): D1Database {
  const known = wrapped.get(d1)
  if (known) return known
  const metered = {
    prepare: (query: string) => new MeteredStatement(d1.prepare(query), c),
    batch: async (statements: MeteredStatement[]) => {
      c.roundTrips++
      const results = await d1.batch(statements.map((s) => s.inner))
      results.forEach((r, i) => {
        count(c, sqlOf(statements[i]!.inner), r.meta)
      })
      return results
    },
    exec: async (query: string) => {
      c.roundTrips++
      const r = await d1.exec(query)
      c.queries += r.count
      c.unmetered += r.count
      return r
    },
    dump: () => d1.dump(),
    withSession: (constraint?: string) => d1.withSession(constraint),
  } as unknown as D1Database
  wrapped.set(d1, metered)
  return metered
}

const envs = new WeakMap<object, object>()

/**
 * The env the Worker's handlers and objects use: the same object, unless the bench-only var is set;
 * then a copy whose DB is metered (kept per env, so per-binding caches such as getDb's still hit).
 */
export function meteredEnv<E extends { DB: D1Database }>(env: E): E {
  if (!meterEnabled(env)) return env
  const known = envs.get(env)
  if (known) return known as E
  // Every D1 binding: the control database and each tenant shard (decision 043).
  const copy: Record<string, unknown> = { ...env }
  for (const [name, value] of Object.entries(env)) {
    if (name === 'DB' || /^SHARD_/.test(name)) copy[name] = meteredD1(value as D1Database)
  }
  envs.set(env, copy)
  return copy as E
}
