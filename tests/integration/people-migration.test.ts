// Migration 0016 (decision 036) through the real migration files in Miniflare's D1: the database is
// rebuilt up to 0015, filled with rows as the old schema held them (one phone in several lists with
// different names, e-mails and extra columns, empty values, consent, opt-outs, another team with the
// same phone, deleted rows that left gaps in the ids), then migrated; nothing may be lost.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'

const db = env.DB
const PHONE = '+5511987654321'
const OTHER = '+5521998765432'
const ONLY_OPTOUT = '+5531991112222'
const DAY = 86_400_000
const T0 = Date.UTC(2026, 5, 1)

async function resetTo(beforeName: string) {
  // drop everything: views first (their triggers go with them), then tables (children first is not
  // known here: retry until the schema is empty)
  const views = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").all<{ name: string }>()
  for (const { name } of views.results) await db.exec(`DROP VIEW IF EXISTS "${name}"`)
  for (let round = 0; round < 10; round++) {
    const { results } = await db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .all<{ name: string }>()
    if (results.length === 0) break
    for (const { name } of results) await db.exec(`DROP TABLE IF EXISTS "${name}"`).catch(() => undefined)
  }
  await applyD1Migrations(
    db,
    env.TEST_MIGRATIONS.filter((m) => m.name < beforeName),
  )
}

type Old = {
  id: number
  tenant: string
  list: string
  name: string
  phone: string
  email: string | null
  company: string | null
  extra: string | null
  consentSource?: string | null
  consentAt?: number | null
  at: number
}

const OLD_ROWS: Old[] = [
  // the oldest row: the only one with a company, a consent and the "cidade" column
  {
    id: 3,
    tenant: 'ten_a',
    list: 'lst_1',
    name: 'Maria Souza',
    phone: PHONE,
    email: 'maria@antigo.com.br',
    company: 'Padaria Sol',
    extra: JSON.stringify({ cidade: 'Recife', plano: 'básico' }),
    consentSource: 'formulário do site',
    consentAt: T0 - 30 * DAY,
    at: T0,
  },
  // newer: another name and e-mail, plan changed, a new column, empty cells
  {
    id: 7,
    tenant: 'ten_a',
    list: 'lst_2',
    name: 'Maria S. Oliveira',
    phone: PHONE,
    email: 'maria@novo.com.br',
    company: '',
    extra: JSON.stringify({ plano: 'premium', aniversario: '12/03', cidade: '' }),
    at: T0 + DAY,
  },
  // newest: no name, no e-mail (must not erase what was known)
  {
    id: 12,
    tenant: 'ten_a',
    list: 'lst_3',
    name: '',
    phone: PHONE,
    email: null,
    company: null,
    extra: null,
    at: T0 + 2 * DAY,
  },
  // a second person of the same team, in one list, with a malformed extra value
  {
    id: 8,
    tenant: 'ten_a',
    list: 'lst_1',
    name: 'João Lima',
    phone: OTHER,
    email: null,
    company: 'Mercado Bom',
    extra: 'not json',
    at: T0,
  },
  // the same phone in another team: a different person
  {
    id: 20,
    tenant: 'ten_b',
    list: 'lst_b',
    name: 'Maria (outra equipe)',
    phone: PHONE,
    email: 'maria@b.com.br',
    company: null,
    extra: JSON.stringify({ cidade: 'Natal' }),
    at: T0,
  },
]

describe('migration 0016: people from old contact rows', () => {
  beforeAll(async () => {
    await resetTo('0016')
    const stmts: D1PreparedStatement[] = [
      db.prepare("INSERT INTO tenants (id, name) VALUES ('ten_a', 'Loja A'), ('ten_b', 'Loja B')"),
    ]
    for (const [id, tenant] of [
      ['lst_1', 'ten_a'],
      ['lst_2', 'ten_a'],
      ['lst_3', 'ten_a'],
      ['lst_b', 'ten_b'],
    ])
      stmts.push(
        db
          .prepare(
            "INSERT INTO contact_lists (id, tenant_id, name, status, valid_count) VALUES (?1, ?2, ?1, 'ready', 1)",
          )
          .bind(id, tenant),
      )
    for (const r of OLD_ROWS)
      stmts.push(
        db
          .prepare(
            `INSERT INTO contacts (id, tenant_id, list_id, name, phone_e164, email, company, extra, consent_source, consent_at, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
          )
          .bind(
            r.id,
            r.tenant,
            r.list,
            r.name,
            r.phone,
            r.email,
            r.company,
            r.extra,
            r.consentSource ?? null,
            r.consentAt ?? null,
            r.at,
          ),
      )
    // a row that was deleted later: the id sequence went up to 25
    stmts.push(
      db.prepare(
        "INSERT INTO contacts (id, tenant_id, list_id, name, phone_e164, created_at) VALUES (25, 'ten_a', 'lst_3', 'Apagado', '+5511900000000', 0)",
      ),
      db.prepare('DELETE FROM contacts WHERE id = 25'),
      db.prepare(
        `INSERT INTO suppressions (tenant_id, phone_e164, reason, source) VALUES
          ('ten_a', '${PHONE}', 'opt_out', 'SAIR'), ('ten_a', '${ONLY_OPTOUT}', 'manual', 'página')`,
      ),
    )
    await db.batch(stmts)
    await applyD1Migrations(db, env.TEST_MIGRATIONS)
  })

  it('should make one person per phone per team with the newest non-empty value of each field', async () => {
    const { results } = await db
      .prepare('SELECT * FROM people ORDER BY tenant_id, phone_e164')
      .all<Record<string, unknown>>()
    expect(results).toHaveLength(3)
    const maria = results.find((p) => p.tenant_id === 'ten_a' && p.phone_e164 === PHONE)!
    expect(maria).toMatchObject({
      name: 'Maria S. Oliveira',
      email: 'maria@novo.com.br',
      company: 'Padaria Sol',
      consent_source: 'formulário do site',
      consent_at: T0 - 30 * DAY,
      created_at: T0,
      updated_at: T0 + 2 * DAY,
    })
    expect(JSON.parse(maria.fields as string)).toEqual({
      cidade: 'Recife',
      plano: 'premium',
      aniversario: '12/03',
    })
    const joao = results.find((p) => p.phone_e164 === OTHER)!
    expect(joao).toMatchObject({
      tenant_id: 'ten_a',
      name: 'João Lima',
      company: 'Mercado Bom',
      fields: null,
    })
    const other = results.find((p) => p.tenant_id === 'ten_b')!
    expect(other).toMatchObject({ phone_e164: PHONE, name: 'Maria (outra equipe)', email: 'maria@b.com.br' })
    expect(JSON.parse(other.fields as string)).toEqual({ cidade: 'Natal' })
  })

  it("should keep every list row as it was, with its id, pointing at its team's person", async () => {
    const { results } = await db
      .prepare(
        `SELECT c.*, p.tenant_id AS person_tenant, p.phone_e164 AS person_phone
         FROM contacts c JOIN people p ON p.id = c.person_id ORDER BY c.id`,
      )
      .all<Record<string, unknown>>()
    expect(results.map((r) => r.id)).toEqual(OLD_ROWS.map((r) => r.id).sort((a, b) => a - b))
    for (const old of OLD_ROWS) {
      const row = results.find((r) => r.id === old.id)!
      expect(row).toMatchObject({
        tenant_id: old.tenant,
        list_id: old.list,
        name: old.name,
        phone_e164: old.phone,
        email: old.email,
        company: old.company,
        extra: old.extra,
        created_at: old.at,
        person_tenant: old.tenant,
        person_phone: old.phone,
      })
    }
  })

  it('should keep opt-outs, the indexes, and never reuse a deleted contact id', async () => {
    const { results: sup } = await db
      .prepare('SELECT tenant_id, phone_e164, reason FROM suppressions ORDER BY phone_e164')
      .all()
    expect(sup).toEqual([
      { tenant_id: 'ten_a', phone_e164: PHONE, reason: 'opt_out' },
      { tenant_id: 'ten_a', phone_e164: ONLY_OPTOUT, reason: 'manual' },
    ])
    const { results: idx } = await db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name")
      .all<{ name: string }>()
    expect(idx.map((i) => i.name)).toEqual(['contacts_list_phone_unique'])
    const person = await db
      .prepare("SELECT id FROM people WHERE tenant_id = 'ten_a' AND phone_e164 = ?1")
      .bind(OTHER)
      .first<{ id: number }>()
    const added = await db
      .prepare(
        "INSERT INTO contacts (tenant_id, list_id, person_id, name, phone_e164) VALUES ('ten_a', 'lst_2', ?1, 'João', ?2) RETURNING id",
      )
      .bind(person!.id, OTHER)
      .first<{ id: number }>()
    expect(added!.id).toBe(26)
    // a list row cannot exist without its person
    await expect(
      db
        .prepare(
          "INSERT INTO contacts (tenant_id, list_id, name, phone_e164) VALUES ('ten_a', 'lst_3', 'Sem pessoa', '+5511911112222')",
        )
        .run(),
    ).rejects.toThrow(/NOT NULL/)
  })
})
