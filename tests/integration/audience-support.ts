// Seed for the campaign-audience tests (decision 039): one team with eight people, lists A and B, tag
// VIP and a saved segment "VIP" over it, one person messaged two days ago and one opted out.
import { and, eq } from 'drizzle-orm'
import { newId } from '../../app/core/ids'
import {
  campaignMessages,
  campaigns,
  contactLists,
  contacts,
  people,
  personTags,
  segments,
  suppressions,
  tags,
} from '../../db/schema'
import { createCampaign } from '../builders'
import type { TestTenant } from './helpers/app'
import { createSimSession } from './helpers/engine'

const DAY = 86_400_000

/** P1..P8 ('+55119800000N'). */
export const PHONES = Array.from({ length: 8 }, (_, i) => `+55119800000${i + 1}`)

export type AudienceSeed = {
  t: TestTenant
  ids: number[]
  listA: string
  listB: string
  vipTag: number
  vipSegment: number
}

export async function insertPerson(t: TestTenant, phone: string, name = ''): Promise<number> {
  const row = await t.ctx.db
    .insert(people)
    .values({ tenantId: t.tenantId, phoneE164: phone, name, fields: { cidade: 'Recife' } })
    .returning({ id: people.id })
    .get()
  return row.id
}

export async function addToList(t: TestTenant, listId: string, personId: number, phone: string) {
  await t.ctx.db
    .insert(contacts)
    .values({ tenantId: t.tenantId, listId, personId, phoneE164: phone, name: `Lista ${phone.slice(-1)}` })
}

export async function makeList(t: TestTenant, name: string): Promise<string> {
  const id = newId('lst')
  await t.ctx.db.insert(contactLists).values({ id, tenantId: t.tenantId, name, status: 'ready' })
  return id
}

export async function makeSegment(t: TestTenant, name: string, definition: Record<string, unknown>) {
  const row = await t.ctx.db
    .insert(segments)
    .values({ tenantId: t.tenantId, name, definition })
    .returning({ id: segments.id })
    .get()
  return row.id
}

export async function tagPerson(t: TestTenant, personId: number, tagId: number) {
  await t.ctx.db.insert(personTags).values({ tenantId: t.tenantId, personId, tagId })
}

/**
 * A: P1 P2 P3 P4 · B: P3 · VIP tag (segment "VIP"): P2 P5 P6 · P4 messaged 2 days ago · P6 opted out.
 * A + VIP − B − messaged in 7 days = P1 P2 P5 P6 (P6 skipped as opted out).
 */
export async function seedAudience(t: TestTenant): Promise<AudienceSeed> {
  const ids: number[] = []
  for (const [i, phone] of PHONES.entries()) ids.push(await insertPerson(t, phone, `Pessoa ${i + 1}`))
  const listA = await makeList(t, 'Lista A')
  const listB = await makeList(t, 'Lista B')
  for (const i of [0, 1, 2, 3]) await addToList(t, listA, ids[i]!, PHONES[i]!)
  await addToList(t, listB, ids[2]!, PHONES[2]!)
  const tag = await t.ctx.db
    .insert(tags)
    .values({ tenantId: t.tenantId, name: 'VIP', nameKey: 'vip' })
    .returning({ id: tags.id })
    .get()
  for (const i of [1, 4, 5]) await tagPerson(t, ids[i]!, tag.id)
  const vipSegment = await makeSegment(t, 'VIP', { tags: { mode: 'any', ids: [tag.id] } })
  const old = await createCampaign(t.ctx.db, { tenantId: t.tenantId, name: 'Antiga', status: 'finished' })
  await t.ctx.db.insert(campaignMessages).values({
    tenantId: t.tenantId,
    campaignId: old.id,
    contactId: 1,
    phoneE164: PHONES[3]!,
    status: 'sent',
    sentAt: t.ctx.clock() - 2 * DAY,
  })
  await t.ctx.db
    .insert(suppressions)
    .values({ tenantId: t.tenantId, phoneE164: PHONES[5]!, reason: 'opt_out' })
  return { t, ids, listA, listB, vipTag: tag.id, vipSegment }
}

/** A campaign over the seed's audience with one simulator session, in `status`. */
export async function audienceCampaign(
  s: AudienceSeed,
  audience: typeof campaigns.$inferInsert.audience,
  status = 'draft',
) {
  const session = await createSimSession(s.t)
  const id = newId('cmp')
  await s.t.ctx.db.insert(campaigns).values({
    id,
    tenantId: s.t.tenantId,
    name: 'Público novo',
    status,
    listId: null,
    audience,
    texts: ['Olá {{primeiro_nome}} de {{cidade}}!'],
    sessionIds: [session.id],
    simulateTyping: false,
  })
  return id
}

/** The campaign's outbox rows: phone -> status. */
export async function outboxOf(t: TestTenant, campaignId: string) {
  const rows = await t.ctx.db
    .select({
      phone: campaignMessages.phoneE164,
      status: campaignMessages.status,
      contactId: campaignMessages.contactId,
    })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.tenantId, t.tenantId), eq(campaignMessages.campaignId, campaignId)))
  return rows
}
