// What `npm run bench:scale` reads from the local D1 files (node:sqlite, read-only while the stack runs:
// the files are in WAL mode, so a reader does not block the Worker's writes): the migrated file of each
// binding, progress of the outbox, rows per table, sizes, and the timing of the hot statements.
import { cpSync, existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { d1Bindings } from '../../scripts/d1-bindings.mjs'
import type { Team } from './scale-seed'
import { root, wrangler } from './support'

const d1Dir = (persist: string) => path.join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject')

/**
 * Migrates every binding into `persist` one by one and returns binding → relative file name (the
 * file that appeared with it: Miniflare names them by a hash of the database).
 */
export function migrateEach(persist: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const binding of d1Bindings(root)) {
    const before = new Set(existsSync(d1Dir(persist)) ? readdirSync(d1Dir(persist)) : [])
    wrangler(['d1', 'migrations', 'apply', binding, '--local', '--persist-to', persist])
    const added = readdirSync(d1Dir(persist)).filter(
      (f) => !before.has(f) && f.endsWith('.sqlite') && f !== 'metadata.sqlite',
    )
    if (added.length !== 1) throw new Error(`${binding}: expected one new D1 file, found ${added.join(', ')}`)
    files[binding] = added[0]!
  }
  return files
}

/** A copy of the migrated template directory; binding → absolute file path in the copy. */
export function copyTemplate(template: string, to: string, names: Record<string, string>) {
  cpSync(template, to, { recursive: true })
  return Object.fromEntries(Object.entries(names).map(([b, f]) => [b, path.join(d1Dir(to), f)]))
}

function readOnly<T>(file: string, work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** Outbox progress of one database: rows, and each life step reached (their sum is "outbox events"). */
export type Progress = { rows: number; sent: number; delivered: number; read: number; failed: number }

export function progress(file: string): Progress {
  return readOnly(file, (db) => {
    const r = db
      .prepare(
        `SELECT COUNT(*) rows, COUNT(sent_at) sent, COUNT(delivered_at) delivered, COUNT(read_at) read,
           COUNT(failed_at) failed FROM campaign_messages`,
      )
      .get() as Progress
    return { rows: r.rows, sent: r.sent, delivered: r.delivered, read: r.read, failed: r.failed }
  })
}

export const events = (p: Progress) => p.rows + p.sent + p.delivered + p.read + p.failed

/** Rows of the campaigns in `ids` by status, over every file. */
export function statusOf(files: string[], ids: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  const list = ids.map((id) => `'${id}'`).join(',')
  for (const f of files)
    readOnly(f, (db) => {
      const rows = db
        .prepare(
          `SELECT status, COUNT(*) n FROM campaign_messages WHERE campaign_id IN (${list}) GROUP BY status`,
        )
        .all() as { status: string; n: number }[]
      for (const r of rows) out[r.status] = (out[r.status] ?? 0) + r.n
    })
  return out
}

/** The Worker's view of one session (status and pause). */
export function sessionRow(file: string, id: string) {
  return readOnly(
    file,
    (db) =>
      db.prepare('SELECT status, paused_until FROM waha_sessions WHERE id = ?').get(id) as
        | { status: string; paused_until: number | null }
        | undefined,
  )
}

export const MAIN_TABLES = [
  'tenants',
  'users',
  'people',
  'contacts',
  'campaigns',
  'campaign_messages',
  'campaign_counts',
  'webhook_events',
  'machine_routes',
] as const

export function tableRows(file: string): Record<string, number> {
  return readOnly(file, (db) =>
    Object.fromEntries(
      MAIN_TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) n FROM ${t}`).get() as { n: number }).n]),
    ),
  )
}

/** The database's size as D1 counts it: its pages (those still in the write-ahead log included) × page size. */
export function fileBytes(file: string): number {
  return readOnly(file, (db) => {
    const { n } = db
      .prepare('SELECT page_count * page_size AS n FROM pragma_page_count, pragma_page_size')
      .get() as { n: number }
    return n
  })
}

/** Bytes of the people and contacts tables with their indexes (dbstat), on a file no one else has open. */
export function contactBytes(file: string): number {
  return readOnly(file, (db) => {
    const { n } = db
      .prepare(
        `SELECT SUM(d.pgsize) AS n FROM dbstat d JOIN sqlite_master m ON m.name = d.name
         WHERE m.tbl_name IN ('people', 'contacts')`,
      )
      .get() as { n: number | null }
    return n ?? 0
  })
}

function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

export type QueryTiming = { label: string; p50: number; p95: number }

/**
 * The hot statements of the run, shaped as the app runs them (the sender's claim and outcome, an ack,
 * the dispatch page read, the contacts page and its count, the report's counters), timed on one
 * database file with node:sqlite after the stack stopped (no Worker or D1 round trip in between),
 * for the largest team of that file; writes inside a transaction that is rolled back.
 */
export function timeHotQueries(file: string, teams: Team[], runs = 40): QueryTiming[] {
  const team = teams.reduce((a, b) => (b.contacts > a.contacts ? b : a))
  const db = new DatabaseSync(file)
  try {
    const t = team.id
    const list = `lst_${t}`
    const msg = db
      .prepare(
        `SELECT id, waha_message_id w, campaign_id c FROM campaign_messages WHERE waha_message_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get() as { id: number; w: string; c: string } | undefined
    const cases: [string, string, Record<string, string | number>, boolean][] = [
      [
        'contacts page count (largest team)',
        `SELECT COUNT(*) FROM contacts WHERE tenant_id = :t AND list_id = :l`,
        { t, l: list },
        false,
      ],
      [
        'contacts page (largest team, 50 rows)',
        `SELECT id, person_id, name, phone_e164, phone_kind, email, company, extra, source_line,
           EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = contacts.tenant_id AND s.phone_e164 = contacts.phone_e164)
         FROM contacts WHERE tenant_id = :t AND list_id = :l ORDER BY id LIMIT 50 OFFSET 0`,
        { t, l: list },
        false,
      ],
      [
        'dispatch page read (500 contacts)',
        `SELECT id, person_id, name, phone_e164 FROM contacts WHERE tenant_id = :t AND list_id = :l AND id > :after ORDER BY id LIMIT 500`,
        { t, l: list, after: 0 },
        false,
      ],
      [
        'people search by phone',
        `SELECT id, name FROM people WHERE tenant_id = :t AND phone_e164 = (SELECT phone_e164 FROM people WHERE tenant_id = :t ORDER BY id DESC LIMIT 1)`,
        { t },
        false,
      ],
    ]
    if (msg) {
      cases.push(
        [
          'report counters (one campaign)',
          `SELECT status, SUM(n) FROM campaign_counts WHERE campaign_id = :c GROUP BY status`,
          { c: msg.c },
          false,
        ],
        [
          'ack applied (by WAHA id)',
          `UPDATE campaign_messages SET status = 'delivered', delivered_at = 1 WHERE waha_message_id = :w AND status = 'sent'`,
          { w: msg.w },
          true,
        ],
        [
          'send outcome (by id)',
          `UPDATE campaign_messages SET status = 'sent', sent_at = 1, waha_message_id = :w WHERE id = :id`,
          { id: msg.id, w: `${msg.w}x` },
          true,
        ],
      )
    }
    return cases.map(([label, sql, params, write]) => {
      const stmt = db.prepare(sql)
      const times: number[] = []
      for (let i = -5; i < runs; i++) {
        if (write) db.exec('BEGIN')
        const started = performance.now()
        stmt.all(params)
        if (i >= 0) times.push(performance.now() - started)
        if (write) db.exec('ROLLBACK')
      }
      return { label, p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
    })
  } finally {
    db.close()
  }
}
