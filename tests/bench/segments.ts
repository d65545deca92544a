// `npm run bench:segments`: a segment's count and first page of 10 over 1,000,000 people (issue #15,
// item 6: ≤ 500 ms p95 locally). The real compiled WHERE (compileSegment, the statements
// previewSegment runs) over SQLite with every migration applied, 900k people in the measured team and
// 100k in another, tags, a list, 300k campaign messages, ANALYZE as D1 runs it. The baseline, measured
// in the same run: a plain indexed COUNT of the team's people. SQLite is what local D1 runs; the
// Worker's D1 round trip adds a constant (~1 ms) and no scan, so it is left out to keep the run short
// (BENCH_PEOPLE to change the size; 7 rounds per statement, BENCH_ROUNDS).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import {
  accessPaths,
  compileSegment,
  PAGE_SIZE,
  segmentStatements,
  teamShareStatement,
} from '../../app/core/contacts/segments/compile'
import type { SegmentDefinition } from '../../app/core/contacts/segments/definition'
import { root, step } from './support'

const N = Number(process.env.BENCH_PEOPLE ?? 1_000_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const NOW = Date.parse('2026-12-01T12:00:00Z')
const DAY = 86_400_000

function seed(): DatabaseSync {
  const db = new DatabaseSync(':memory:')
  db.exec('PRAGMA foreign_keys=OFF')
  const dir = path.join(root, 'db', 'migrations')
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    for (const stmt of readFileSync(path.join(dir, f), 'utf8').split('--> statement-breakpoint'))
      if (stmt.trim()) db.exec(stmt)
  db.exec(`INSERT INTO tenants (id, name) VALUES ('t1', 'Loja'), ('t2', 'Outra')`)
  // Every tenth person is the other team's; DDDs 11–99 in turn; a city in the extra fields of half.
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})
    INSERT INTO people (tenant_id, phone_e164, name, fields, consent_source, created_at)
    SELECT CASE WHEN i % 10 = 0 THEN 't2' ELSE 't1' END, '+55' || (11 + (i % 89)) || '9' || printf('%08d', i),
      'Pessoa ' || i,
      json_object('cidade', CASE i % 4 WHEN 0 THEN 'São Paulo' WHEN 1 THEN 'Recife' ELSE '' END),
      CASE WHEN i % 3 = 0 THEN 'formulário' END, ${NOW - 400 * DAY} + i * 1000 FROM n`)
  db.exec(
    `INSERT INTO tags (tenant_id, name, name_key) VALUES ('t1', 'VIP', 'vip'), ('t1', 'Feira', 'feira')`,
  )
  db.exec(`INSERT INTO person_tags (tenant_id, person_id, tag_id)
    SELECT 't1', id, 1 + ((id / 3) % 2) FROM people WHERE tenant_id = 't1' AND id % 3 = 0`)
  db.exec(`INSERT INTO contact_lists (id, tenant_id, name) VALUES ('l1', 't1', 'Clientes')`)
  db.exec(`INSERT INTO contacts (tenant_id, list_id, person_id, name, phone_e164)
    SELECT 't1', 'l1', id, name, phone_e164 FROM people WHERE tenant_id = 't1' AND id % 2 = 0`)
  db.exec(`INSERT INTO campaigns (id, tenant_id, name, texts, session_ids)
    VALUES ('c1', 't1', 'Campanha', '[]', '[]')`)
  db.exec(`INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, status, sent_at, replied_at)
    SELECT 't1', 'c1', id, phone_e164, 'sent', ${NOW} - (id % 60) * ${DAY}, CASE WHEN id % 7 = 0 THEN ${NOW} END
    FROM people WHERE tenant_id = 't1' AND id % 3 = 0`)
  db.exec('ANALYZE')
  return db
}

const pct = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.ceil(p * ms.length) - 1] ?? 0

function time(db: DatabaseSync, sqlText: string, params: unknown[]) {
  const st = db.prepare(sqlText)
  const ms: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const s = performance.now()
    st.all(...(params as never[]))
    ms.push(performance.now() - s)
  }
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95) }
}

const DEFINITIONS: Record<string, SegmentDefinition> = {
  'empty (whole team)': {},
  'region SP+RJ interior': { region: { ufs: ['SP', 'RJ'], capital: 'interior' } },
  'list + tag any': { lists: ['l1'], tags: { mode: 'any', ids: [1] } },
  'tag none': { tags: { mode: 'none', ids: [2] } },
  'field contains + consent': { field: { key: 'cidade', op: 'contains', value: 'paulo' }, consent: true },
  'received in 30 days + never replied': { engagement: { receivedDays: 30, neverReplied: true } },
  'all conditions together': {
    lists: ['l1'],
    tags: { mode: 'none', ids: [2] },
    region: { ufs: ['SP'], capital: 'any' },
    consent: true,
    engagement: { receivedDays: 30, neverReplied: true },
    createdFrom: '2026-01-01',
  },
} as Record<string, SegmentDefinition>

function main() {
  step(`seeding ${N.toLocaleString('pt-BR')} people`)
  const started = performance.now()
  const db = seed()
  step(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const dialect = new SQLiteSyncDialect()
  const base = time(db, 'SELECT count(*) FROM people WHERE tenant_id = ?', ['t1'])
  console.log(
    `\nbench:segments — ${N.toLocaleString('pt-BR')} people (90% in the measured team), ${ROUNDS} rounds`,
  )
  console.log(
    `  plain indexed COUNT of the team: p50 ${base.p50.toFixed(0)} ms, p95 ${base.p95.toFixed(0)} ms (baseline)`,
  )
  console.log(
    '  definition [count/page path]                  people   count p50/p95   first 10 p50/p95   count+page p95   ratio',
  )
  let worst = 0
  const shareQuery = dialect.sqlToQuery(teamShareStatement('t1'))
  const share = time(db, shareQuery.sql, shareQuery.params)
  const shareRow = db.prepare(shareQuery.sql).get(...(shareQuery.params as never[])) as {
    n: number
    top: number
  }
  console.log(`  the team's share, read before each count: p95 ${share.p95.toFixed(1)} ms`)
  const other = (p: 'index' | 'table'): 'index' | 'table' => (p === 'index' ? 'table' : 'index')
  for (const [label, def] of Object.entries(DEFINITIONS)) {
    const live = { lists: def.lists ?? [], tags: def.tags?.ids ?? [] }
    const where = compileSegment(def, { tenantId: 't1' }, live, NOW)
    const chosen = accessPaths(def, shareRow)
    const flipped = { count: other(chosen.count), page: other(chosen.page) }
    for (const paths of [chosen, flipped]) {
      const statements = segmentStatements(where, paths)
      const countQuery = dialect.sqlToQuery(statements.count)
      const pageQuery = dialect.sqlToQuery(statements.page)
      const n = (db.prepare(countQuery.sql).get(...(countQuery.params as never[])) as { n: number }).n
      const c = time(db, countQuery.sql, countQuery.params)
      const page = time(db, pageQuery.sql, pageQuery.params)
      // previewSegment reads the page first and counts only when the page is full
      const both = share.p95 + page.p95 + (n >= PAGE_SIZE ? c.p95 : 0)
      if (paths === chosen) worst = Math.max(worst, both)
      const name =
        paths === chosen
          ? `${label} [${paths.count}/${paths.page}]`
          : `  (the other paths: ${paths.count}/${paths.page})`
      console.log(
        `  ${name.padEnd(44)} ${String(n).padStart(7)}   ${c.p50.toFixed(0).padStart(5)} / ${c.p95.toFixed(0).padEnd(5)}   ${page.p50.toFixed(0).padStart(6)} / ${page.p95.toFixed(0).padEnd(7)}   ${both.toFixed(0).padStart(8)} ms   ${(both / Math.max(1, base.p95)).toFixed(1)}×`,
      )
    }
  }
  console.log(`  slowest count + first page p95: ${worst.toFixed(0)} ms (target ≤ 500 ms)`)
}

main()
