// Seed for `npm run bench:report`: a tenant, an admin with a known password, 3 sessions (one paused)
// and a running campaign of N outbox rows with every status, clicks, replies and late opt-outs, as
// plain SQL (the rows from a recursive CTE: a million in seconds, through the counters' triggers).
import { hashPassword } from '../../app/core/crypto/password'

const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

const NAMES = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Eduarda',
  'Felipe',
  'Gabriela',
  'Heitor',
  'Isabela',
  'João',
  'Larissa',
  'Marcos',
  'Natália',
]
const SURNAMES = [
  'Silva',
  'Souza',
  'Oliveira',
  'Santos',
  'Pereira',
  'Lima',
  'Ferreira',
  'Costa',
  'Rodrigues',
  'Almeida',
  'Nascimento',
]

/** The whole seed as SQL statements separated by blank lines. */
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
  // The outbox rows in one INSERT … SELECT over a recursive CTE (1M rows in seconds): bucket = i % 100
  // gives 2 % pending, 3 % queued, 5 % failed, 2 % unconfirmed, 2 % skipped as opted out, 26 % sent,
  // 30 % delivered and 30 % read (a click for one in 7, a reply for one in 11, SAIR later for 1 %).
  const names = JSON.stringify(NAMES)
  const surnames = JSON.stringify(SURNAMES)
  const sessionOf = `'wses_bench_r' || (i % 3)`
  const sentAt = `(${started} + CAST((i * 1.0 / ${MESSAGES}) * ${29.5 * 3_600_000} AS INTEGER))`
  const b = 'i % 100'
  lines.push(
    `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, contact_name, status, session_id,
       sent_at, delivered_at, read_at, clicked_at, click_count, replied_at, failed_at, error, error_kind)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MESSAGES})
     SELECT '${t}', 'cmp_bench_report', i, '+55119' || printf('%08d', 10000000 + i),
       CASE WHEN i % 997 = 0 THEN '=HYPERLINK("http://x","y")'
         ELSE json_extract('${names}', '$[' || (i % ${NAMES.length}) || ']') || ' ' ||
           json_extract('${surnames}', '$[' || ((i / ${NAMES.length}) % ${SURNAMES.length}) || ']') END,
       CASE WHEN ${b} < 2 THEN 'pending' WHEN ${b} < 5 THEN 'queued' WHEN ${b} < 10 THEN 'failed'
         WHEN ${b} < 12 THEN 'unknown' WHEN ${b} < 14 THEN 'skipped' WHEN ${b} < 40 THEN 'sent'
         WHEN ${b} < 70 THEN 'delivered' ELSE 'read' END,
       CASE WHEN ${b} < 5 OR (${b} >= 12 AND ${b} < 14) THEN NULL ELSE ${sessionOf} END,
       CASE WHEN ${b} >= 14 THEN ${sentAt} END,
       CASE WHEN ${b} >= 40 THEN ${sentAt} + 30000 END,
       CASE WHEN ${b} >= 70 THEN ${sentAt} + 600000 END,
       CASE WHEN ${b} >= 70 AND i % 7 = 0 THEN ${sentAt} + 900000 END,
       CASE WHEN ${b} >= 70 AND i % 7 = 0 THEN 1 ELSE 0 END,
       CASE WHEN ${b} >= 70 AND i % 11 = 0 THEN ${sentAt} + 1200000 END,
       CASE WHEN ${b} >= 5 AND ${b} < 10 THEN ${sentAt} END,
       CASE WHEN ${b} >= 5 AND ${b} < 10 THEN CASE i % 3 WHEN 0 THEN 'Este número não tem WhatsApp.'
           WHEN 1 THEN 'WhatsApp recusou: limite de contatos novos' ELSE 'Sessão desconectada' END
         WHEN ${b} >= 10 AND ${b} < 12 THEN 'Envio sem confirmação do WhatsApp.'
         WHEN ${b} >= 12 AND ${b} < 14 THEN 'Número na lista de opt-out' END,
       CASE WHEN ${b} >= 5 AND ${b} < 10 THEN CASE i % 3 WHEN 0 THEN 'not_on_whatsapp'
           WHEN 1 THEN 'reach_out_limit' ELSE 'session_not_working' END
         WHEN ${b} >= 10 AND ${b} < 12 THEN 'stuck' WHEN ${b} >= 12 AND ${b} < 14 THEN 'suppressed' END
     FROM n;`,
    `INSERT INTO suppressions (tenant_id, phone_e164, reason, source, created_at)
       SELECT tenant_id, phone_e164, 'opt_out', 'SAIR', sent_at + 1500000 FROM campaign_messages
       WHERE campaign_id = 'cmp_bench_report' AND contact_id % 100 = 85;`,
  )
  return lines.join('\n')
}
