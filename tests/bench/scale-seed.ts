// Seed of `npm run bench:scale`: a few hundred teams placed over a layout of databases (the 4 local
// shards, or every team on the control database `DB`), written straight into each local D1 file with
// node:sqlite before the stack starts (the contacts from recursive CTEs: 2 M rows in about a minute).
// Control gets the teams (with `shard`), their staff and the machine routes of their sessions; each
// team's database gets its copy of the team and staff (decision 043; no password hash in the copy), a
// base list of people + contacts, and for the campaign teams a campaign list, a session paired with
// the simulator and a scheduled campaign; for the ack teams a session and a running campaign of `sent`
// rows for the fired webhooks (as bench:webhooks seeds them).
import { DatabaseSync } from 'node:sqlite'
import { hashPassword } from '../../app/core/crypto/password'
import { sealSecret } from '../../app/core/tenants/secrets.server'
import { buildMobileE164, seededRandom } from '../builders'
import { WEBHOOK_SECRET } from './send-acks'
import { devVars, sqlValue as q } from './support'
import type { Outbox } from './webhooks-deliveries'

export const SIM_KEY = 'disparo-dev-key'
export const ACK_SECRET = 'bench-scale-ack-secret-0123456789'
export const EMAIL = 'bench-scale@exemplo.com.br'
export const PASSWORD = 'Bench-de-escala-2026'

export interface Team {
  id: string
  index: number
  shard: string
  contacts: number
  /** A campaign team: its session (paired with the simulator) and its scheduled campaign. */
  campaign?: { sessionId: string; sessionName: string; campaignId: string; size: number }
  /** An ack team: a running campaign of sent rows that the fired webhooks move to `read`. */
  acks?: { sessionId: string; sessionName: string; campaignId: string; outbox: Outbox[] }
}

export interface Shape {
  teams: number
  contacts: number
  campaigns: number
  campaignSize: number
  ackTeams: number
  ackMessages: number
}

/**
 * The teams, their sizes (log-normal from a fixed seed: a few large teams, many small ones) and roles,
 * placed in creation order on the layout's databases as the least-loaded rule does (fewest teams,
 * ties to the first listed: round robin).
 */
export function planTeams(shape: Shape, layout: string[]): Team[] {
  const random = seededRandom(1300)
  const weights = Array.from({ length: shape.teams }, () => {
    const z = (random() + random() + random() + random() - 2) * 1.7
    return Math.exp(1.1 * z)
  })
  const sum = weights.reduce((a, b) => a + b, 0)
  const sizes = weights.map((w) => Math.max(50, Math.floor((shape.contacts * w) / sum)))
  sizes[0]! += Math.max(0, shape.contacts - sizes.reduce((a, b) => a + b, 0))
  const phones = seededRandom(2027)
  const base = Date.now() - 60 * 60_000
  return sizes.map((contacts, index) => {
    const n = String(index).padStart(4, '0')
    const team: Team = { id: `ten_scale${n}`, index, shard: layout[index % layout.length]!, contacts }
    const sessionId = `wses_scale${String(index).padStart(11, '0')}`
    if (index < shape.campaigns) {
      const size = Math.min(shape.campaignSize, contacts)
      team.campaign = { sessionId, sessionName: `scale${n}`, campaignId: `cmp_scale${n}`, size }
    } else if (index < shape.campaigns + shape.ackTeams) {
      const count = Math.floor(shape.ackMessages / shape.ackTeams)
      const outbox = Array.from({ length: count }, (_, i) => {
        const phone = buildMobileE164(phones)
        const key =
          `3EB0${index.toString(16).padStart(4, '0')}${i.toString(16).padStart(8, '0')}`.toUpperCase()
        return { phone, wahaId: `true_${phone.slice(1)}@c.us_${key}`, sentAt: base + i * 100 }
      })
      team.acks = { sessionId, sessionName: `scaleack${n}`, campaignId: `cmp_scaleack${n}`, outbox }
    }
    return team
  })
}

/** The campaign team with the most contacts: its campaign page is the one measured. */
export function busiestTeam(teams: Team[]): Team {
  return teams.filter((t) => t.campaign).reduce((a, b) => (b.contacts > a.contacts ? b : a))
}

const FIRST = JSON.stringify(['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'João'])
const LAST = JSON.stringify(['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Ferreira'])
const DDDS = JSON.stringify([11, 21, 31, 41, 51, 61, 71, 81, 91, 19, 27, 48, 85])

function teamRow(t: Team, now: number): string {
  return `INSERT INTO tenants (id, name, shard, created_at) VALUES ('${t.id}', 'Equipe ${t.index}', '${t.shard}', ${now});`
}

function userRow(t: Team, hash: string, email: string): string {
  return `INSERT INTO users (id, tenant_id, email, name, password_hash, role) VALUES ('usr_scale${t.index}', '${t.id}', ${q(email)}, 'Admin ${t.index}', ${q(hash)}, 'admin');`
}

/** People and contacts of one team: its base list, and the campaign list (its first `size` people). */
function contactsSql(t: Team, now: number): string[] {
  const list = `lst_${t.id}`
  const lines = [
    `INSERT INTO contact_lists (id, tenant_id, name, status, valid_count, total_rows) VALUES ('${list}', '${t.id}', 'Base', 'ready', ${t.contacts}, ${t.contacts});`,
    `INSERT INTO people (tenant_id, phone_e164, name, email, company, fields, created_at, updated_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${t.contacts}),
       p AS (SELECT i, json_extract('${FIRST}', '$[' || (i % 8) || ']') AS f, json_extract('${LAST}', '$[' || ((i / 8) % 7) || ']') AS l FROM n)
     SELECT '${t.id}', '+55' || json_extract('${DDDS}', '$[' || (i % 13) || ']') || '9' || printf('%08d', ${t.index * 100_000} + i * 7 + 1),
       f || ' ' || l, lower(f) || '.' || lower(l) || i || '@exemplo.com.br', 'Empresa ' || (i % 509) || ' Ltda',
       '{"cidade":"São Paulo","plano":"' || CASE i % 3 WHEN 0 THEN 'Ouro' WHEN 1 THEN 'Prata' ELSE 'Bronze' END || '","origem":"planilha"}',
       ${now}, ${now} FROM p;`,
    `INSERT INTO contacts (tenant_id, list_id, person_id, name, phone_e164, email, company, extra, source_line, created_at)
     SELECT tenant_id, '${list}', id, name, phone_e164, email, company, fields, id, ${now} FROM people WHERE tenant_id = '${t.id}' ORDER BY id;`,
  ]
  if (t.campaign) {
    const c = `lst_${t.id}_cmp`
    lines.push(
      `INSERT INTO contact_lists (id, tenant_id, name, status, valid_count, total_rows) VALUES ('${c}', '${t.id}', 'Campanha', 'ready', ${t.campaign.size}, ${t.campaign.size});`,
      `INSERT INTO contacts (tenant_id, list_id, person_id, name, phone_e164, email, company, extra, source_line, created_at)
       SELECT tenant_id, '${c}', id, name, phone_e164, email, company, fields, id, ${now} FROM people WHERE tenant_id = '${t.id}' ORDER BY id LIMIT ${t.campaign.size};`,
    )
  }
  return lines
}

async function sessionSql(
  t: Team,
  s: { sessionId: string; sessionName: string },
  secret: string,
  serverUrl: string,
) {
  const config = { config: { secretsKey: devVars().SECRETS_KEY ?? '' } } as Parameters<typeof sealSecret>[0]
  const apiKey = await sealSecret(config, t.id, s.sessionId, 'api_key', SIM_KEY)
  const hook = await sealSecret(config, t.id, s.sessionId, 'webhook_secret', secret)
  return `INSERT INTO waha_sessions (id, tenant_id, display_name, server_url, api_key_enc, session_name, status, min_delay_s, max_delay_s,
      max_per_minute, daily_cap, window_days, window_start_min, window_end_min, webhook_secret_enc,
      warmup_enabled, package_min, package_max, first_contact_daily_budget)
    VALUES (${q(s.sessionId)}, '${t.id}', ${q(s.sessionName)}, ${q(serverUrl)}, ${q(apiKey)}, ${q(s.sessionName)}, 'WORKING', 0, 0, 1000000, 10000000,
      '0,1,2,3,4,5,6', 0, 1440, ${q(hook)}, 0, 0, 0, 10000000);`
}

function campaignSql(t: Team, now: number): string {
  const c = t.campaign!
  return `INSERT INTO campaigns (id, tenant_id, name, status, list_id, texts, session_ids, simulate_typing, scheduled_at, base_url)
    VALUES ('${c.campaignId}', '${t.id}', 'Campanha ${t.index}', 'scheduled', 'lst_${t.id}_cmp',
      ${q(JSON.stringify(['Olá {{primeiro_nome}}, {oferta|promoção} só hoje na loja!']))}, ${q(JSON.stringify([c.sessionId]))}, 0, ${now}, 'http://127.0.0.1');`
}

function ackCampaignSql(t: Team): string[] {
  const a = t.acks!
  const lines = [
    `INSERT INTO campaigns (id, tenant_id, name, status, texts, session_ids, simulate_typing, started_at, dispatch_done, total_count, base_url)
     VALUES ('${a.campaignId}', '${t.id}', 'Acks ${t.index}', 'running', ${q(JSON.stringify(['Olá!']))},
       ${q(JSON.stringify([a.sessionId]))}, 0, ${a.outbox[0]?.sentAt ?? Date.now()}, 1, ${a.outbox.length}, 'http://127.0.0.1');`,
  ]
  const rows = a.outbox.map(
    (m, i) =>
      `('${t.id}', '${a.campaignId}', ${i + 1}, '${m.phone}', 'sent', '${a.sessionId}', ${q(m.wahaId)}, 'Olá!', ${m.sentAt}, ${m.sentAt})`,
  )
  for (let i = 0; i < rows.length; i += 500)
    lines.push(
      `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, status, session_id, waha_message_id, rendered_text, sent_at, queued_at)
       VALUES ${rows.slice(i, i + 500).join(',\n')};`,
    )
  return lines
}

/** Writes the seed into each database file of the layout (`files`: binding → SQLite file). */
export async function seed(teams: Team[], files: Record<string, string>, simUrl: string): Promise<void> {
  const now = Date.now()
  const pepper = devVars().PASSWORD_PEPPER
  if (!pepper) throw new Error('.dev.vars has no PASSWORD_PEPPER')
  const realHash = await hashPassword(PASSWORD, pepper)
  const busiest = busiestTeam(teams)
  const perDb: Record<string, string[]> = { DB: [] }
  perDb.DB!.push(`INSERT INTO instance (id, setup_completed_at) VALUES (1, ${now}) ON CONFLICT DO NOTHING;`)
  for (const t of teams) {
    const email = t === busiest ? EMAIL : `admin${t.index}@equipe${t.index}.com.br`
    // Only the measured team signs in: the others' hash is never checked.
    perDb.DB!.push(teamRow(t, now), userRow(t, t === busiest ? realHash : 'unused', email))
    perDb[t.shard] ??= []
    const own = perDb[t.shard]!
    if (t.shard !== 'DB') own.push(teamRow(t, now), userRow(t, '', email))
    own.push(...contactsSql(t, now))
    if (t.campaign) {
      perDb.DB!.push(
        `INSERT INTO machine_routes (kind, key, tenant_id) VALUES ('session', '${t.campaign.sessionId}', '${t.id}');`,
      )
      own.push(await sessionSql(t, t.campaign, WEBHOOK_SECRET, simUrl), campaignSql(t, now))
    }
    if (t.acks) {
      perDb.DB!.push(
        `INSERT INTO machine_routes (kind, key, tenant_id) VALUES ('session', '${t.acks.sessionId}', '${t.id}');`,
      )
      own.push(await sessionSql(t, t.acks, ACK_SECRET, 'http://127.0.0.1:9'), ...ackCampaignSql(t))
    }
  }
  for (const [binding, lines] of Object.entries(perDb)) {
    const file = files[binding]
    if (!file) throw new Error(`no local file for ${binding}`)
    const db = new DatabaseSync(file)
    try {
      db.exec('BEGIN')
      for (const line of lines) db.exec(line)
      db.exec('COMMIT')
    } finally {
      db.close()
    }
  }
}
