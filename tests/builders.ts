// Builders for realistic test and seed data. Used by the integration tests and by `npm run seed`,
// so local demo data and test data look the same (epic-stack habit).

import { hashPassword } from '../app/core/crypto/password'
import { maskSecret, randomToken } from '../app/core/crypto/secrets'
import type { Db } from '../app/core/db/client.server'
import { addRoutes } from '../app/core/db/shards.server'
import type { AppConfig } from '../app/core/env.server'
import { newId } from '../app/core/ids'
import { mulberry32 } from '../app/core/sending/seeded-random'
import { sealSecret } from '../app/core/tenants/secrets.server'
import {
  aiProviders,
  campaigns,
  contactLists,
  contacts,
  instance,
  people,
  tenants,
  type UserRole,
  users,
  wahaSessions,
} from '../db/schema'

export const TEST_PASSWORD = 'Senha-de-teste-2026'

const FIRST = [
  'Ana',
  'João',
  'Maria',
  'José',
  'Francisca',
  'Antônio',
  'Conceição',
  'Luís',
  'Júlia',
  'Raimundo',
]
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Lima', 'Araújo', 'Gonçalves', 'Cavalcânti']

/** Deterministic pseudo-random generator (mulberry32) for repeatable fixtures. */
export const seededRandom = mulberry32

export function buildPersonName(random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T
  return `${pick(FIRST)} ${pick(LAST)}`
}

export async function createTenant(
  db: Db,
  name = 'Loja Teste',
  shard = 'DB',
): Promise<{ id: string; name: string }> {
  const id = newId('ten')
  await db.insert(tenants).values({ id, name, shard })
  await db.insert(instance).values({ id: 1, setupCompletedAt: Date.now() }).onConflictDoNothing()
  return { id, name }
}

export async function createUser(
  db: Db,
  pepper: string,
  opts: {
    tenantId: string
    role?: UserRole
    email?: string
    name?: string
    password?: string
    active?: boolean
  },
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
  return {
    id,
    email,
    tenantId: opts.tenantId,
    role: opts.role ?? 'admin',
    password: opts.password ?? TEST_PASSWORD,
  }
}

const DDDS = ['11', '21', '31', '41', '51', '61', '71', '81', '85', '92']

/** Endings the WAHA simulator treats specially (not on WhatsApp, legacy, never acks, never read). */
const SPECIAL_ENDINGS = ['0000', '7777', '5555', '4444']

/** A valid, ordinary Brazilian mobile in E.164 (+55 DDD 9XXXX-XXXX), never a special simulator number. */
export function buildMobileE164(random: () => number): string {
  const ddd = DDDS[Math.floor(random() * DDDS.length)]
  let rest = String(Math.floor(random() * 1e8)).padStart(8, '0')
  if (SPECIAL_ENDINGS.some((e) => rest.endsWith(e))) rest = `${rest.slice(0, 7)}1`
  return `+55${ddd}9${rest}`
}

/**
 * The team's person for each phone (decision 036), created when missing: a contact row needs one.
 * Returns phone -> person id.
 */
export async function personIds(
  db: Db,
  tenantId: string,
  phones: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const unique = [...new Set(phones)]
  for (let i = 0; i < unique.length; i += 20) {
    const rows = await db
      .insert(people)
      .values(unique.slice(i, i + 20).map((phoneE164) => ({ tenantId, phoneE164 })))
      .onConflictDoUpdate({ target: [people.tenantId, people.phoneE164], set: { tenantId } })
      .returning({ id: people.id, phone: people.phoneE164 })
    for (const r of rows) out.set(r.phone, r.id)
  }
  return out
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
  const ids = await personIds(db, opts.tenantId, [...phones])
  const rows = [...phones].map((phoneE164, i) => ({
    tenantId: opts.tenantId,
    listId: id,
    personId: ids.get(phoneE164)!,
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

/** A WAHA session row (status WORKING unless told otherwise); the webhook secret is a placeholder blob. */
export async function createWahaSession(
  db: Db,
  opts: {
    tenantId: string
    displayName?: string
    status?: string
    phone?: string
    isPrimary?: boolean
    failoverPriority?: number
  },
): Promise<{ id: string }> {
  const id = newId('wses')
  await db.insert(wahaSessions).values({
    id,
    tenantId: opts.tenantId,
    displayName: opts.displayName ?? 'Atendimento',
    serverUrl: 'http://127.0.0.1:3100',
    sessionName: id,
    phone: opts.phone ?? null,
    status: opts.status ?? 'WORKING',
    isPrimary: opts.isPrimary ?? false,
    failoverPriority: opts.failoverPriority ?? 1,
    webhookSecretEnc: 'v1.placeholder.placeholder',
  })
  return { id }
}

/** A campaign row (a draft unless told otherwise). */
export async function createCampaign(
  db: Db,
  opts: {
    tenantId: string
    name?: string
    status?: string
    listId?: string | null
    sessionIds?: string[]
    texts?: string[]
    scheduledAt?: number | null
  },
): Promise<{ id: string }> {
  const id = newId('cmp')
  await db.insert(campaigns).values({
    id,
    tenantId: opts.tenantId,
    name: opts.name ?? 'Promoção de novembro',
    status: opts.status ?? 'draft',
    listId: opts.listId ?? null,
    texts: opts.texts ?? ['Oi {{primeiro_nome}}, {temos|separamos} uma oferta para você!'],
    sessionIds: opts.sessionIds ?? [],
    minDelayS: 30,
    maxDelayS: 60,
    maxPerMinute: 10,
    dailyCap: 500,
    window: { days: [1, 2, 3, 4, 5, 6], startMinute: 480, endMinute: 1200 },
    scheduledAt: opts.scheduledAt ?? null,
  })
  return { id }
}

/**
 * A WAHA session row (WORKING by default) with its API key and webhook secret sealed exactly like the
 * app does, so webhooks signed with `webhookSecret` verify and WAHA calls carry `apiKey`.
 */
export async function createSealedWahaSession(
  ctx: { db: Db; control: Db; config: AppConfig },
  opts: {
    tenantId: string
    displayName?: string
    serverUrl?: string
    sessionName?: string
    apiKey?: string | null
    webhookSecret?: string
    status?: string
    phone?: string | null
    isPrimary?: boolean
    failoverPriority?: number
    dailyCap?: number
  },
): Promise<{
  id: string
  sessionName: string
  serverUrl: string
  apiKey: string | null
  webhookSecret: string
}> {
  const id = newId('wses')
  const sessionName = opts.sessionName ?? `sessao-${id.slice(-6)}`
  const serverUrl = opts.serverUrl ?? 'https://waha.exemplo.com.br'
  const apiKey = opts.apiKey === undefined ? 'chave-waha-de-teste-123' : opts.apiKey
  const webhookSecret = opts.webhookSecret ?? randomToken(32)
  const status = opts.status ?? 'WORKING'
  await addRoutes(ctx, 'session', opts.tenantId, [id])
  await ctx.db.insert(wahaSessions).values({
    id,
    tenantId: opts.tenantId,
    displayName: opts.displayName ?? 'Loja Centro',
    serverUrl,
    sessionName,
    apiKeyEnc: apiKey === null ? null : await sealSecret(ctx, opts.tenantId, id, 'api_key', apiKey),
    apiKeyTail: apiKey === null ? null : maskSecret(apiKey),
    webhookSecretEnc: await sealSecret(ctx, opts.tenantId, id, 'webhook_secret', webhookSecret),
    status,
    phone: opts.phone === undefined ? (status === 'WORKING' ? '+5511999990000' : null) : opts.phone,
    isPrimary: opts.isPrimary ?? false,
    failoverPriority: opts.failoverPriority ?? 1,
    dailyCap: opts.dailyCap ?? 500,
    lastConnectedAt: status === 'WORKING' ? Date.now() : null,
  })
  return { id, sessionName, serverUrl, apiKey, webhookSecret }
}

/** An AI provider row without a key (e.g. a local Ollama). */
export async function createAiProvider(
  db: Db,
  opts: { tenantId: string; name?: string; baseUrl?: string; model?: string },
): Promise<{ id: string }> {
  const id = newId('aip')
  await db.insert(aiProviders).values({
    id,
    tenantId: opts.tenantId,
    platform: 'ollama',
    name: opts.name ?? 'Ollama da loja',
    baseUrl: opts.baseUrl ?? 'http://127.0.0.1:9/v1',
    model: opts.model ?? 'llama3.2',
  })
  return { id }
}
