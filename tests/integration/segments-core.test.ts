// Segments' count and sample against seeded D1 data (decision 037): each condition alone and combined,
// deleted lists/tags/campaigns reported while the rest still applies, and another team's people,
// tags, lists and campaign messages never counted.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { compileSegment, segmentStatements } from '../../app/core/contacts/segments/compile'
import type { SegmentDefinition } from '../../app/core/contacts/segments/definition'
import { previewSegment } from '../../app/core/contacts/segments/segments.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import {
  campaignMessages,
  campaigns,
  contactLists,
  contacts,
  people,
  personTags,
  tags,
} from '../../db/schema'
import { createCampaign, createTenant } from '../builders'
import { testContext } from './helpers/app'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-06T15:00:00Z')

type Seed = { phone: string; fields?: Record<string, string>; consent?: boolean; createdAt?: string }

const PEOPLE: Seed[] = [
  { phone: '+5511911110001', fields: { cidade: 'São Paulo' }, consent: true, createdAt: '2026-01-10' }, // 0 SP capital
  { phone: '+5519911110002', fields: { cidade: 'Campinas' }, createdAt: '2026-02-10' }, // 1 SP interior
  { phone: '+5521911110003', fields: { cidade: 'Rio de Janeiro' }, consent: true, createdAt: '2026-03-10' }, // 2 RJ capital
  { phone: '+5548911110004', fields: { cidade: '' }, createdAt: '2026-03-31' }, // 3 SC capital (48)
  { phone: '+5547911110005', createdAt: '2026-04-01' }, // 4 SC interior
  { phone: '+351912345678', createdAt: '2026-05-01' }, // 5 Portugal
]

async function seedTeam(name: string) {
  const ctx = testContext({ clock: () => NOW })
  const tenant = await createTenant(ctx.db, name)
  const scope = scopeTo(ctx, tenant.id)
  const ids: number[] = []
  for (const p of PEOPLE) {
    const row = await ctx.db
      .insert(people)
      .values({
        tenantId: tenant.id,
        phoneE164: p.phone,
        fields: p.fields ?? null,
        consentSource: p.consent ? 'formulário' : null,
        createdAt: Date.parse(`${p.createdAt}T12:00:00-03:00`),
      })
      .returning({ id: people.id })
      .get()
    ids.push(row.id)
  }
  const mkList = async (listName: string, members: number[]) => {
    const id = `lst_${name}_${listName}`
    await ctx.db.insert(contactLists).values({ id, tenantId: tenant.id, name: listName, status: 'ready' })
    for (const i of members)
      await ctx.db
        .insert(contacts)
        .values({ tenantId: tenant.id, listId: id, personId: ids[i]!, phoneE164: PEOPLE[i]!.phone })
    return id
  }
  const listA = await mkList('A', [0, 1, 2])
  const listB = await mkList('B', [2, 3])
  const mkTag = async (tagName: string, members: number[]) => {
    const tag = await ctx.db
      .insert(tags)
      .values({ tenantId: tenant.id, name: tagName, nameKey: tagName.toLowerCase() })
      .returning({ id: tags.id })
      .get()
    for (const i of members)
      await ctx.db.insert(personTags).values({ tenantId: tenant.id, personId: ids[i]!, tagId: tag.id })
    return tag.id
  }
  const vip = await mkTag('VIP', [0, 2, 4])
  const feira = await mkTag('Feira', [2, 3])
  const campaign = await createCampaign(ctx.db, { tenantId: tenant.id })
  // 0: sent 3 days ago, replied; 1: sent 40 days ago; 2: sent yesterday, no reply
  const msg = (i: number, sentDaysAgo: number, replied: boolean) => ({
    tenantId: tenant.id,
    campaignId: campaign.id,
    contactId: i + 1,
    phoneE164: PEOPLE[i]!.phone,
    status: 'sent',
    sentAt: NOW - sentDaysAgo * DAY,
    repliedAt: replied ? NOW - sentDaysAgo * DAY + 1000 : null,
  })
  await ctx.db.insert(campaignMessages).values([msg(0, 3, true), msg(1, 40, false), msg(2, 1, false)])
  return { ctx, scope, ids, listA, listB, vip, feira, campaign }
}

type Team = Awaited<ReturnType<typeof seedTeam>>

async function members(team: Team, def: SegmentDefinition) {
  const r = await previewSegment(team.scope, def)
  const idx = r.sample.map((p) => team.ids.indexOf(p.id))
  expect(r.count).toBe(idx.length)
  // every access path (decision 037: the team's index or the table in id order) selects the same people
  const where = compileSegment(def, team.scope, await liveOf(team, def), NOW)
  for (const path of ['index', 'table'] as const) {
    const statements = segmentStatements(where, { count: path, page: path })
    const page = await team.ctx.db.all<{ id: number }>(statements.page)
    expect(page.map((p) => p.id)).toEqual(r.sample.map((p) => p.id))
    expect((await team.ctx.db.get<{ n: number }>(statements.count))?.n).toBe(r.count)
  }
  return idx
}

/** The definition's references that still exist (what previewSegment finds before compiling). */
async function liveOf(team: Team, def: SegmentDefinition) {
  const lists = (await team.ctx.db.select({ id: contactLists.id }).from(contactLists)).map((l) => l.id)
  const tagIds = (await team.ctx.db.select({ id: tags.id }).from(tags)).map((t) => t.id)
  return {
    lists: (def.lists ?? []).filter((l) => lists.includes(l)),
    tags: (def.tags?.ids ?? []).filter((t) => tagIds.includes(t)),
  }
}

describe('segment counts over seeded people', () => {
  it("should count each condition against the right people and only the team's own", async () => {
    const team = await seedTeam('um')
    const other = await seedTeam('dois') // the same phones, lists, tags and messages in another team
    expect((await previewSegment(team.scope, {})).count).toBe(6)
    expect(await members(team, { lists: [team.listA] })).toEqual([0, 1, 2])
    expect(await members(team, { lists: [team.listA, team.listB] })).toEqual([0, 1, 2, 3])
    // another team's list id selects nobody here
    expect(await members(team, { lists: [other.listA] })).toEqual([])
    expect(await members(team, { tags: { mode: 'any', ids: [team.vip, team.feira] } })).toEqual([0, 2, 3, 4])
    expect(await members(team, { tags: { mode: 'all', ids: [team.vip, team.feira] } })).toEqual([2])
    expect(await members(team, { tags: { mode: 'none', ids: [team.vip] } })).toEqual([1, 3, 5])
    expect(await members(team, { tags: { mode: 'any', ids: [other.vip] } })).toEqual([])
    expect(await members(team, { region: { ufs: ['SP', 'SC'], capital: 'any' } })).toEqual([0, 1, 3, 4])
    expect(await members(team, { region: { ufs: ['SP', 'SC'], capital: 'capital' } })).toEqual([0, 3])
    expect(await members(team, { region: { ufs: ['SP', 'SC'], capital: 'interior' } })).toEqual([1, 4])
    expect(await members(team, { field: { key: 'cidade', op: 'equals', value: ' são paulo ' } })).toEqual([0])
    expect(await members(team, { field: { key: 'cidade', op: 'contains', value: 'RIO' } })).toEqual([2])
    expect(await members(team, { field: { key: 'cidade', op: 'empty', value: '' } })).toEqual([3, 4, 5])
    expect(await members(team, { consent: true })).toEqual([0, 2])
    expect(await members(team, { createdFrom: '2026-02-10', createdTo: '2026-03-31' })).toEqual([1, 2, 3])
    expect(await members(team, { engagement: { receivedDays: 7 } })).toEqual([0, 2])
    expect(await members(team, { engagement: { neverReplied: true } })).toEqual([1, 2, 3, 4, 5])
    expect(await members(team, { engagement: { receivedDays: 60, neverReplied: true } })).toEqual([1, 2])
    // AND of several
    expect(
      await members(team, {
        lists: [team.listA],
        tags: { mode: 'any', ids: [team.vip] },
        region: { ufs: ['RJ'], capital: 'capital' },
        consent: true,
        engagement: { receivedDays: 7, neverReplied: true, campaignId: team.campaign.id },
      }),
    ).toEqual([2])
  })

  it('should report deleted lists, tags and campaigns and still apply the rest', async () => {
    const team = await seedTeam('tres')
    const { ctx, listA, listB, vip, feira, campaign } = team
    await ctx.db.delete(contactLists).where(eq(contactLists.id, listB))
    await ctx.db.delete(tags).where(eq(tags.id, feira))
    await ctx.db.delete(campaigns).where(eq(campaigns.id, campaign.id))
    let r = await previewSegment(team.scope, {
      lists: [listA, listB],
      tags: { mode: 'all', ids: [vip, feira] },
    })
    expect(r.missing).toEqual({ lists: 1, tags: 1, campaign: false })
    expect(r.sample.map((p) => team.ids.indexOf(p.id))).toEqual([0, 2])
    r = await previewSegment(team.scope, { lists: [listB], region: { ufs: ['SC'], capital: 'any' } })
    expect(r.missing.lists).toBe(1)
    expect(r.count).toBe(0)
    r = await previewSegment(team.scope, { engagement: { neverReplied: true, campaignId: campaign.id } })
    expect(r.missing.campaign).toBe(true)
    expect(r.count).toBe(6)
  })

  it('should give a sample of at most 10 with the full count', async () => {
    const team = await seedTeam('quatro')
    const rows = Array.from({ length: 20 }, (_, i) => ({
      tenantId: team.scope.tenantId,
      phoneE164: `+55119222200${String(i).padStart(2, '0')}`,
    }))
    for (let i = 0; i < rows.length; i += 10) await team.ctx.db.insert(people).values(rows.slice(i, i + 10))
    const r = await previewSegment(team.scope, { region: { ufs: ['SP'], capital: 'capital' } })
    expect(r.count).toBe(21)
    expect(r.sample).toHaveLength(10)
  })

  it('should match a field by its own value only, whatever the value holds (the raw-JSON prefilter)', async () => {
    const team = await seedTeam('cinco')
    const values: Record<string, string>[] = [
      { cidade: 'Campinas', obs: 'rio' }, // 'rio' only under another key
      { cidade: '50% off_rio' }, // LIKE's own characters
      { cidade: '50x offxrio' }, // what an unescaped % or _ would also match
      { cidade: 'Aspas "duplas" e \\ barra' }, // characters JSON writes escaped
      { cidade: 'Ilha\ndo Mel' },
    ]
    const ids: number[] = []
    for (const [i, fields] of values.entries()) {
      const row = await team.ctx.db
        .insert(people)
        .values({ tenantId: team.scope.tenantId, phoneE164: `+55419333300${i}`, fields })
        .returning({ id: people.id })
        .get()
      ids.push(row.id)
    }
    const pick = async (def: SegmentDefinition) => {
      const r = await previewSegment(team.scope, def)
      return r.sample.map((p) => ids.indexOf(p.id)).filter((i) => i >= 0)
    }
    expect(await pick({ field: { key: 'cidade', op: 'contains', value: '% off_' } })).toEqual([1])
    expect(await pick({ field: { key: 'cidade', op: 'equals', value: '50% OFF_RIO' } })).toEqual([1])
    expect(await pick({ field: { key: 'obs', op: 'contains', value: 'rio' } })).toEqual([0])
    expect(await pick({ field: { key: 'cidade', op: 'contains', value: '"duplas" e \\' } })).toEqual([3])
    expect(await pick({ field: { key: 'cidade', op: 'contains', value: 'ilha\nd' } })).toEqual([4])
    // the team's original people: Rio de Janeiro under cidade, and nobody here
    const all = await previewSegment(team.scope, { field: { key: 'cidade', op: 'contains', value: 'rio' } })
    expect(all.sample.map((p) => team.ids.indexOf(p.id)).filter((i) => i >= 0)).toEqual([2])
    expect(all.count).toBe(3)
  })
})
