// Seed for `npm run bench:report`: a tenant, an admin with a known password, 3 sessions (one paused)
// and a running campaign of N outbox rows with every status, clicks, replies and late opt-outs, as
// plain SQL for `wrangler d1 execute --file` (multi-row INSERTs of 500 rows).
import { hashPassword } from '../../app/core/crypto/password'
import { buildPersonName, seededRandom } from '../builders'

const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

/** The whole seed as SQL: 100k outbox rows in multi-row INSERTs. */
export async function seedSql(opts: {
  now: number
  messages: number
  email: string
  password: string
  pepper: string
}): Promise<string> {
  const { now, pepper } = opts
  const MESSAGES = opts.messages
  const t = 'ten_bench_report'
  const sessions = ['wses_bench_r0', 'wses_bench_r1', 'wses_bench_r2']
  const lines = [
    `INSERT INTO instance (id, setup_completed_at) VALUES (1, ${now}) ON CONFLICT DO NOTHING;`,
    `INSERT INTO tenants (id, name) VALUES ('${t}', 'Bench Relatório');`,
    `INSERT INTO users (id, tenant_id, email, name, password_hash, role) VALUES ('usr_bench_report', '${t}', '${opts.email}', 'Bench', ${q(await hashPassword(opts.password, pepper))}, 'admin');`,
    `INSERT INTO contact_lists (id, tenant_id, name, status) VALUES ('lst_bench_report', '${t}', 'Bench', 'ready');`,
  ]
  for (const [i, id] of sessions.entries()) {
    lines.push(
      `INSERT INTO waha_sessions (id, tenant_id, display_name, server_url, session_name, status, webhook_secret_enc, daily_cap${i === 2 ? ', paused_until, paused_reason' : ''})
       VALUES ('${id}', '${t}', 'Loja ${i + 1}', 'http://127.0.0.1:9', 'bench${i}', 'WORKING', 'v1.placeholder.placeholder', 5000${i === 2 ? `, ${now + 3_600_000}, 'Limite de contatos novos'` : ''});`,
    )
  }
  const started = now - 30 * 3_600_000
  lines.push(
    `INSERT INTO campaigns (id, tenant_id, name, status, list_id, texts, session_ids, started_at, total_count)
     VALUES ('cmp_bench_report', '${t}', 'Black Friday 100k', 'running', 'lst_bench_report', ${q(JSON.stringify(['Oi {{primeiro_nome}}!']))},
       ${q(JSON.stringify(sessions))}, ${started}, ${MESSAGES});`,
    `INSERT INTO campaign_events (tenant_id, campaign_id, kind, user_id, created_at) VALUES ('${t}', 'cmp_bench_report', 'started', 'usr_bench_report', ${started});`,
  )
  const random = seededRandom(2026)
  const cols =
    'tenant_id, campaign_id, contact_id, phone_e164, contact_name, status, session_id, sent_at, delivered_at, read_at, clicked_at, click_count, replied_at, failed_at, error, error_kind'
  const errors = [
    ['Este número não tem WhatsApp.', 'not_on_whatsapp'],
    ['WhatsApp recusou: limite de contatos novos', 'reach_out_limit'],
    ['Sessão desconectada', 'session_not_working'],
  ]
  let batch: string[] = []
  const suppressed: string[] = []
  for (let i = 1; i <= MESSAGES; i++) {
    const phone = `+55119${String(10_000_000 + i).padStart(8, '0')}`
    const name = i % 997 === 0 ? '=HYPERLINK("http://x","y")' : buildPersonName(random)
    const sentAt = started + Math.floor((i / MESSAGES) * 29.5 * 3_600_000)
    const bucket = i % 100
    const session = sessions[i % 3] ?? null
    let status = 'read'
    let row: Array<string | number | null> = [
      session,
      sentAt,
      sentAt + 30_000,
      sentAt + 600_000,
      null,
      0,
      null,
      null,
      null,
      null,
    ]
    if (bucket < 5) {
      status = bucket < 2 ? 'pending' : 'queued'
      row = [null, null, null, null, null, 0, null, null, null, null]
    } else if (bucket < 10) {
      const [error, kind] = errors[i % errors.length]!
      status = 'failed'
      row = [session, null, null, null, null, 0, null, sentAt, error ?? null, kind ?? null]
    } else if (bucket < 12) {
      status = 'unknown'
      row = [session, null, null, null, null, 0, null, null, 'Envio sem confirmação do WhatsApp.', 'stuck']
    } else if (bucket < 14) {
      status = 'skipped'
      row = [null, null, null, null, null, 0, null, null, 'Número na lista de opt-out', 'suppressed']
    } else if (bucket < 40) {
      status = 'sent'
      row = [session, sentAt, null, null, null, 0, null, null, null, null]
    } else if (bucket < 70) {
      status = 'delivered'
      row = [session, sentAt, sentAt + 30_000, null, null, 0, null, null, null, null]
    } else {
      if (i % 7 === 0) row[4] = sentAt + 900_000
      if (i % 7 === 0) row[5] = 1
      if (i % 11 === 0) row[6] = sentAt + 1_200_000
      if (i % 100 === 85) suppressed.push(`('${t}', '${phone}', 'opt_out', 'SAIR', ${sentAt + 1_500_000})`)
    }
    batch.push(
      `('${t}', 'cmp_bench_report', ${i}, '${phone}', ${q(name)}, '${status}', ${row.map((v) => q(v)).join(', ')})`,
    )
    if (batch.length === 500) {
      lines.push(`INSERT INTO campaign_messages (${cols}) VALUES ${batch.join(',\n')};`)
      batch = []
    }
  }
  if (batch.length > 0) lines.push(`INSERT INTO campaign_messages (${cols}) VALUES ${batch.join(',\n')};`)
  for (let i = 0; i < suppressed.length; i += 500)
    lines.push(
      `INSERT INTO suppressions (tenant_id, phone_e164, reason, source, created_at) VALUES ${suppressed.slice(i, i + 500).join(',\n')};`,
    )
  return lines.join('\n')
}
