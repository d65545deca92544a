// `npm run bench:rowsize`: what one contact, one outbox row and one event cost on disk and in D1 writes,
// measured on our schema with realistic rows (decision 029). A local D1 gets the real migrations
// (wrangler, as every bench); Miniflare's workerd then runs the real code paths over it (import step,
// dispatch, claim, outcome, acks, replies, clicks, finish, health: rowsize-run.ts) while D1's own
// `rows_written` is counted per life step. Then the SQLite file is opened with node:sqlite and its
// `dbstat` table gives the bytes of every table and index (as written, and after VACUUM), and one
// finished campaign is exported as JSONL and CSV and compressed, as the 30-day archive would.
// BENCH_TENANTS (4) and BENCH_CONTACTS (per tenant, 2500) size the run; BENCH_DEBUG=1 prints the wall
// time of each life step, JavaScript included.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { constants, deflateRawSync, gzipSync } from 'node:zlib'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { BATCH_WORKER, D1Meter, meteredD1, type Sent } from './rowsize-meter'
import { fillDatabase, type LifeCounts } from './rowsize-run'
import { migrate, step as say } from './support'

const t0 = performance.now()
const step = (what: string) => say(`${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)

const TENANTS = Number(process.env.BENCH_TENANTS ?? 4)
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2500)

type Stat = { name: string; bytes: number; payload: number; pages: number }

/** Bytes per object (table or index) from dbstat, with each index's table. */
function measure(file: string) {
  const db = new DatabaseSync(file)
  const objects = db
    .prepare("SELECT name, tbl_name AS tbl, type FROM sqlite_master WHERE type IN ('table', 'index')")
    .all() as Array<{ name: string; tbl: string; type: string }>
  const stats = db
    .prepare(
      'SELECT name, SUM(pgsize) AS bytes, SUM(payload) AS payload, COUNT(*) AS pages FROM dbstat GROUP BY name',
    )
    .all() as Stat[]
  const pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size)
  const pageCount = Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count)
  const rows = new Map<string, number>()
  for (const o of objects.filter((x) => x.type === 'table' && !x.name.startsWith('sqlite_')))
    rows.set(o.name, Number((db.prepare(`SELECT COUNT(*) AS n FROM "${o.name}"`).get() as { n: number }).n))
  db.close()
  const byName = new Map(stats.map((s) => [s.name, s]))
  return { objects, byName, rows, pageSize, pageCount }
}

type Measured = ReturnType<typeof measure>

/** Table bytes, index bytes (per index) and rows of one table. */
function tableCost(m: Measured, table: string) {
  const indexes = m.objects.filter((o) => o.type === 'index' && o.tbl === table).map((o) => o.name)
  const rows = m.rows.get(table) ?? 0
  const own = m.byName.get(table)
  return {
    rows,
    tableBytes: own?.bytes ?? 0,
    payload: own?.payload ?? 0,
    indexes: indexes.map((name) => ({ name, bytes: m.byName.get(name)?.bytes ?? 0 })),
  }
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

function printSizes(written: Measured, compact: Measured) {
  console.log(
    `\n  bytes per row (page size ${written.pageSize}; "written" = as the engine left the file, "vacuumed" = after VACUUM)`,
  )
  console.log(
    `  ${pad('table', 24)}${lpad('rows', 8)}${lpad('payload', 9)}${lpad('table', 8)}${lpad('indexes', 9)}${lpad('total', 8)}${lpad('vacuumed', 10)}`,
  )
  const tables = [...written.rows.entries()].filter(
    ([n, r]) => r > 0 && !n.startsWith('_cf') && n !== 'd1_migrations',
  )
  tables.sort((a, b) => b[1] - a[1])
  for (const [name] of tables) {
    const w = tableCost(written, name)
    const c = tableCost(compact, name)
    const idx = w.indexes.reduce((s, i) => s + i.bytes, 0)
    const total = (w.tableBytes + idx) / w.rows
    const totalC = (c.tableBytes + c.indexes.reduce((s, i) => s + i.bytes, 0)) / c.rows
    console.log(
      `  ${pad(name, 24)}${lpad(fmt(w.rows), 8)}${lpad(fmt(w.payload / w.rows), 9)}${lpad(fmt(w.tableBytes / w.rows), 8)}${lpad(fmt(idx / w.rows), 9)}${lpad(fmt(total), 8)}${lpad(fmt(totalC), 10)}`,
    )
  }
  for (const name of ['campaign_messages', 'contacts']) {
    const w = tableCost(written, name)
    const c = tableCost(compact, name)
    console.log(`\n  ${name}: bytes per row in each index (written / vacuumed)`)
    for (const [i, idx] of w.indexes.entries())
      console.log(
        `    ${pad(idx.name, 48)}${lpad(fmt(idx.bytes / w.rows, 1), 7)} / ${fmt((c.indexes[i]?.bytes ?? 0) / c.rows, 1)}`,
      )
  }
}

function printWrites(meter: D1Meter, counts: LifeCounts) {
  const per: Array<[string, keyof LifeCounts]> = [
    ['import', 'contacts'],
    ['dispatch', 'created'],
    ['claim', 'claimed'],
    ['outcome', 'claimed'],
    ['ack SERVER', 'sent'],
    ['ack DEVICE', 'delivered'],
    ['ack READ', 'read'],
    ['reply', 'replies'],
    ['click', 'clicks'],
    ['finish', 'created'],
    ['health', 'evaluations'],
  ]
  console.log(
    '\n  D1 rows written / read per life step (D1 meta, real code paths; wall ms = Node→workerd round trips, an upper bound)',
  )
  console.log(
    `  ${pad('step', 12)}${pad('per', 13)}${lpad('count', 8)}${lpad('stmts', 8)}${lpad('written', 9)}${lpad('read', 9)}${lpad('wall ms', 9)}`,
  )
  for (const [phase, unit] of per) {
    const f = meter.of(phase)
    const n = Math.max(1, counts[unit])
    console.log(
      `  ${pad(phase, 12)}${pad(unit, 13)}${lpad(fmt(counts[unit]), 8)}${lpad(fmt(f.statements / n, 2), 8)}${lpad(fmt(f.rowsWritten / n, 2), 9)}${lpad(fmt(f.rowsRead / n, 1), 9)}${lpad(fmt(f.wallMs / n, 2), 9)}`,
    )
  }
  const w = (phase: string, unit: keyof LifeCounts) => meter.of(phase).rowsWritten / Math.max(1, counts[unit])
  const life =
    w('dispatch', 'created') +
    w('claim', 'claimed') +
    w('outcome', 'claimed') +
    w('ack DEVICE', 'delivered') +
    w('ack READ', 'read')
  console.log(
    `  a message's life, created → read: ${fmt(life, 1)} rows written (+ ${fmt(w('reply', 'replies'), 1)} per reply, + ${fmt(w('click', 'clicks'), 1)} per click)`,
  )
}

/** One finished campaign as the archive would write it: JSONL and CSV, raw and compressed. */
function printArchive(file: string) {
  const db = new DatabaseSync(file)
  const campaignId = 'cmp_rowsize0_0'
  const rows = db
    .prepare('SELECT * FROM campaign_messages WHERE campaign_id = ? ORDER BY id')
    .all(campaignId) as Array<Record<string, unknown>>
  const links = db.prepare('SELECT * FROM campaign_links WHERE campaign_id = ?').all(campaignId) as Array<
    Record<string, unknown>
  >
  const events = db.prepare('SELECT * FROM campaign_events WHERE campaign_id = ?').all(campaignId) as Array<
    Record<string, unknown>
  >
  db.close()
  const jsonl = [...rows, ...links, ...events].map((r) => JSON.stringify(r)).join('\n')
  const cols = Object.keys(rows[0] ?? {})
  const cell = (v: unknown) =>
    v === null ? '' : /[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)
  const csv = [cols.join(';'), ...rows.map((r) => cols.map((c) => cell(r[c])).join(';'))].join('\n')
  const n = rows.length
  console.log(
    `\n  archive of one finished campaign (${fmt(n)} outbox rows + ${links.length} links + ${events.length} events), bytes per message`,
  )
  for (const [name, body] of [
    ['JSONL', jsonl],
    ['CSV (outbox only)', csv],
  ] as const) {
    const buf = Buffer.from(body)
    const gz = gzipSync(buf).length
    const gz9 = gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length
    const raw = deflateRawSync(buf).length
    console.log(
      `    ${pad(name, 18)} raw ${lpad(fmt(buf.length / n), 5)}   gzip ${lpad(fmt(gz / n, 1), 6)}   gzip -9 ${lpad(fmt(gz9 / n, 1), 6)}   deflate-raw ${lpad(fmt(raw / n, 1), 6)}   (${fmt(buf.length / gz, 1)}×)`,
    )
  }
}

async function main() {
  const started = performance.now()
  const persist = mkdtempSync(path.join(os.tmpdir(), 'disparo-bench-rowsize-'))
  try {
    step('applying the migrations to a local D1')
    migrate(persist)
    const mf = new Miniflare(
      convertV4MiniflareOptions({
        resourcePersistencePath: path.join(persist, 'v3'),
        workers: [
          {
            name: 'rowsize',
            modules: true,
            script: BATCH_WORKER,
            d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
          },
        ],
      }),
    )
    const meter = new D1Meter()
    let counts: LifeCounts
    try {
      await mf.ready
      const post = async (statements: Sent[]) => {
        const res = await mf.dispatchFetch('http://rowsize.local/batch', {
          method: 'POST',
          body: JSON.stringify(statements),
        })
        if (!res.ok) throw new Error(`D1 batch failed: ${await res.text()}`)
        return (await res.json()) as D1Result[]
      }
      const d1 = meteredD1(post, meter)
      step(
        `importing ${fmt(TENANTS * CONTACTS)} contacts and running ${TENANTS * 2} campaigns through the real code`,
      )
      counts = await fillDatabase(d1, meter, { tenants: TENANTS, contactsPerTenant: CONTACTS })
      meter.phase = 'done'
      if (process.env.BENCH_DEBUG) console.log(meter.totalMs)
    } finally {
      await mf.dispose()
    }
    const dir = path.join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject')
    const file = path.join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')!,
    )
    step('measuring pages with dbstat (node:sqlite)')
    const written = measure(file)
    const compactFile = path.join(persist, 'vacuumed.sqlite')
    const db = new DatabaseSync(file)
    db.exec(`VACUUM INTO '${compactFile}'`)
    db.close()
    const compact = measure(compactFile)
    console.log(
      `\nbench:rowsize — ${TENANTS} tenants × ${fmt(CONTACTS)} contacts, 2 campaigns each, real migrations and code paths`,
    )
    console.log(
      `  database file: ${fmt((written.pageCount * written.pageSize) / 1e6, 1)} MB written, ${fmt((compact.pageCount * compact.pageSize) / 1e6, 1)} MB vacuumed`,
    )
    printSizes(written, compact)
    printWrites(meter, counts)
    step('archive')
    printArchive(file)
    console.log(`\n  took ${fmt((performance.now() - started) / 1000, 1)} s`)
  } finally {
    rmSync(persist, { recursive: true, force: true })
  }
}

await main()
