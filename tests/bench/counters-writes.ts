// `npm run bench:counters`: what the campaign counters' triggers (decision 041) cost per message. D1's
// meta (bench:send's "rows written") counts the rows a statement changes but not those its triggers
// change, so this applies the real migrations to node:sqlite and plays a message's life with the
// engine's kind of statements (created pending in multi-row inserts, queued, claimed `sending` on a
// session, sent, delivered, read for 40 %, a reply for 4 %, a click for 8 %), once with the triggers
// and once without, and prints SQLite's total_changes() per message (trigger changes included) and the
// counter B-tree pages touched. Options: BENCH_MESSAGES (20000).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000)
const root = path.resolve(import.meta.dirname, '..', '..')
const dir = path.join(root, 'db', 'migrations')

function database(triggers: boolean): DatabaseSync {
  const db = new DatabaseSync(':memory:')
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    for (const statement of readFileSync(path.join(dir, file), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) db.exec(statement)
    }
  }
  if (!triggers) {
    for (const t of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER campaign_messages_counts_${t}`)
  }
  db.exec(`INSERT INTO tenants (id, name) VALUES ('t', 'T');
    INSERT INTO campaigns (id, tenant_id, name, status, texts, session_ids) VALUES ('c', 't', 'C', 'running', '[]', '[]')`)
  return db
}

/** total_changes() over a message's life, per message. */
function play(db: DatabaseSync): { perMessage: number; perStep: Record<string, number> } {
  const changes = () => Number((db.prepare('SELECT total_changes() AS n').get() as { n: number }).n)
  const perStep: Record<string, number> = {}
  const step = (name: string, run: () => void) => {
    const before = changes()
    db.exec('BEGIN')
    run()
    db.exec('COMMIT')
    perStep[name] = (changes() - before) / MESSAGES
  }
  const start = changes()
  const t0 = Date.UTC(2026, 11, 1, 12)
  step('created (pending)', () => {
    for (let i = 1; i <= MESSAGES; i += 500) {
      const values = Array.from(
        { length: Math.min(500, MESSAGES - i + 1) },
        (_, k) => `('t', 'c', ${i + k}, '+5511${String(900000000 + i + k)}', 'pending')`,
      )
      db.exec(
        `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, status) VALUES ${values.join(',')}`,
      )
    }
  })
  const each = (sql: string, pick: (i: number) => boolean = () => true) => {
    const st = db.prepare(sql)
    for (let i = 1; i <= MESSAGES; i++) if (pick(i)) st.run(i, t0 + i * 700)
  }
  step('queued', () => each(`UPDATE campaign_messages SET status = 'queued', queued_at = ?2 WHERE id = ?1`))
  step('claimed (sending)', () =>
    each(
      `UPDATE campaign_messages SET status = 'sending', sending_at = ?2, session_id = 's' || (?1 % 3) WHERE id = ?1`,
    ),
  )
  step('sent', () =>
    each(
      `UPDATE campaign_messages SET status = 'sent', sent_at = ?2, waha_message_id = 'w' || ?1 WHERE id = ?1`,
    ),
  )
  step('delivered', () =>
    each(`UPDATE campaign_messages SET status = 'delivered', delivered_at = ?2 + 30000 WHERE id = ?1`),
  )
  step('read (40 %)', () =>
    each(
      `UPDATE campaign_messages SET status = 'read', read_at = ?2 + 600000 WHERE id = ?1`,
      (i) => i % 5 < 2,
    ),
  )
  step('replied (4 %)', () =>
    each(`UPDATE campaign_messages SET replied_at = ?2 + 900000 WHERE id = ?1`, (i) => i % 25 === 0),
  )
  step('clicked (8 %)', () =>
    each(
      `UPDATE campaign_messages SET clicked_at = ?2 + 700000, click_count = click_count + 1 WHERE id = ?1`,
      (i) => i % 25 < 2,
    ),
  )
  return { perMessage: (changes() - start) / MESSAGES, perStep }
}

const without = play(database(false))
const withTriggers = database(true)
const started = performance.now()
const counted = play(withTriggers)
const ms = performance.now() - started
const groups = withTriggers.prepare('SELECT COUNT(*) AS n FROM campaign_counts').get() as { n: number }
console.log(
  `\nbench:counters — ${MESSAGES.toLocaleString('en')} messages, real migrations on node:sqlite, rows changed (total_changes, triggers included)`,
)
for (const name of Object.keys(counted.perStep)) {
  const a = without.perStep[name] ?? 0
  const b = counted.perStep[name] ?? 0
  console.log(
    `  ${name.padEnd(20)} without ${a.toFixed(2).padStart(5)}  with counters ${b.toFixed(2).padStart(5)}  (+${(b - a).toFixed(2)})`,
  )
}
console.log(
  `  per message          without ${without.perMessage.toFixed(2)}  with counters ${counted.perMessage.toFixed(2)}  (+${(counted.perMessage - without.perMessage).toFixed(2)} rows changed)`,
)
console.log(
  `  counter groups ${groups.n} for the campaign; the with-counters run took ${(ms / 1000).toFixed(1)} s`,
)
