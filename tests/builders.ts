// Builders for realistic test and seed data. Used by the integration tests and by `npm run seed`,
// so local demo data and test data look the same (epic-stack habit).
import type { Db } from '../app/core/db/client.server'
import { hashPassword } from '../app/core/crypto/password'
import { newId } from '../app/core/ids'
import { instance, tenants, type UserRole, users } from '../db/schema'

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
