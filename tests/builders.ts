// Builders for realistic test and seed data. Used by the integration tests and by `npm run seed`,
// so local demo data and test data look the same (epic-stack habit).
import type { Db } from '../app/core/db/client.server'
import { hashPassword } from '../app/core/crypto/password'
import { newId } from '../app/core/ids'
import { contactLists, contacts, instance, tenants, type UserRole, users } from '../db/schema'

export const TEST_PASSWORD = 'Senha-de-teste-2026'

const FIRST = ['Ana', 'João', 'Maria', 'José', 'Francisca', 'Antônio', 'Conceição', 'Luís', 'Júlia', 'Raimundo']
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Lima', 'Araújo', 'Gonçalves', 'Cavalcânti']

/** Deterministic pseudo-random generator (mulberry32) for repeatable fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function buildPersonName(random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T
  return `${pick(FIRST)} ${pick(LAST)}`
}

export async function createTenant(db: Db, name = 'Loja Teste'): Promise<{ id: string; name: string }> {
  const id = newId('ten')
  await db.insert(tenants).values({ id, name })
  await db.insert(instance).values({ id: 1, setupCompletedAt: Date.now() }).onConflictDoNothing()
  return { id, name }
}

export async function createUser(
  db: Db,
  pepper: string,
  opts: { tenantId: string; role?: UserRole; email?: string; name?: string; password?: string; active?: boolean },
) {
  const id = newId('usr')
  const email = opts.email ?? `${id}@example.com.br`
  await db.insert(users).values({
    id,
    tenantId: opts.tenantId,
    email,
    name: opts.name ?? 'Pessoa Teste',
    role: opts.role ?? 'admin',
    active: opts.active ?? true,
    passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD, pepper),
  })
  return { id, email, tenantId: opts.tenantId, role: opts.role ?? 'admin', password: opts.password ?? TEST_PASSWORD }
}

const DDDS = ['11', '21', '31', '41', '51', '61', '71', '81', '85', '92']

/** A valid Brazilian mobile in E.164 (+55 DDD 9XXXX-XXXX). */
export function buildMobileE164(random: () => number): string {
  const ddd = DDDS[Math.floor(random() * DDDS.length)]
  const rest = String(Math.floor(random() * 1e8)).padStart(8, '0')
  return `+55${ddd}9${rest}`
}

/** Creates a ready contact list with `count` realistic contacts (unique phones). */
export async function createContactList(
  db: Db,
  opts: { tenantId: string; name?: string; count: number; seed?: number },
): Promise<{ id: string; phones: string[] }> {
  const random = seededRandom(opts.seed ?? 7)
  const id = newId('lst')
  const phones = new Set<string>()
  while (phones.size < opts.count) phones.add(buildMobileE164(random))
  const rows = [...phones].map((phoneE164, i) => ({
    tenantId: opts.tenantId,
    listId: id,
    name: buildPersonName(random),
    phoneE164,
    extra: { cidade: ['São Paulo', 'Recife', 'Belo Horizonte', 'Porto Alegre'][i % 4] as string },
    sourceLine: i + 2,
  }))
  await db.insert(contactLists).values({
    id,
    tenantId: opts.tenantId,
    name: opts.name ?? 'Clientes',
    status: 'ready',
    totalRows: rows.length,
    validCount: rows.length,
  })
  // D1 caps bound parameters per statement: insert in chunks.
  for (let i = 0; i < rows.length; i += 10) await db.insert(contacts).values(rows.slice(i, i + 10))
  return { id, phones: [...phones] }
}
