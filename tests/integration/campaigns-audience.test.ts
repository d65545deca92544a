// A campaign's audience of lists and segments minus exclusions (decision 039), through the real path:
// launch -> dispatch queue (freeze) -> outbox -> senders -> WAHA simulator; the review's counts per
// reason; refusals (empty audience, empty segment, another team's ids); a segment whose tag was
// deleted; and the frozen audience (people added after release get nothing).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { audienceReport } from '../../app/core/campaigns/audience/audience.server'
import { freezeAudience } from '../../app/core/campaigns/audience/freeze.server'
import type { CampaignAudience } from '../../app/core/campaigns/audience/spec'
import { checkReferences } from '../../app/core/campaigns/campaigns.server'
import type { ComposerInput } from '../../app/core/campaigns/composer-schema'
import { launchConfirmed } from '../../app/core/campaigns/launch.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { dispatchPage } from '../../app/core/sending/dispatch.server'
import { campaigns, contactLists, segments, tags } from '../../db/schema'
import {
  addToList,
  audienceCampaign,
  insertPerson,
  makeSegment,
  outboxOf,
  PHONES,
  seedAudience,
  tagPerson,
} from './audience-support'
import { appFetch, createTestTenant, ORIGIN, testContext } from './helpers/app'
import { campaignRow, waitFor } from './helpers/engine'

const spec = (
  s: { listA: string; listB: string; vipSegment: number },
  over: Partial<CampaignAudience> = {},
): CampaignAudience => ({
  lists: [s.listA],
  segments: [s.vipSegment],
  exclude: { lists: [s.listB], segments: [], messagedWithinDays: 7 },
  ...over,
})

const byPhone = (rows: { phone: string; status: string }[]) =>
  Object.fromEntries(
    rows.map((r) => [r.phone, r.status]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  )

describe('campaign audience: lists and segments minus exclusions', () => {
  it('should send list A + segment VIP − list B − messaged in 7 days, each person once, and freeze the segment', async () => {
    const t = await createTestTenant('Loja Público')
    const s = await seedAudience(t)
    const scope = scopeTo(t.ctx, t.tenantId, t.users.admin.id)
    const id = await audienceCampaign(s, spec(s))
    const launched = await launchConfirmed(scope, id, ORIGIN)
    expect(launched).toMatchObject({ ok: true })
    await waitFor(async () => (await campaignRow(id))?.status === 'finished', 'campaign finished', 30_000)
    const rows = await outboxOf(t, id)
    // P2 is in list A and in the VIP segment: one row. P3 (list B) and P4 (messaged) are left out.
    expect(rows).toHaveLength(4)
    expect(byPhone(rows)).toEqual({
      [PHONES[0]!]: 'sent',
      [PHONES[1]!]: 'sent',
      [PHONES[4]!]: 'sent',
      [PHONES[5]!]: 'skipped',
    })
    const row = await t.ctx.db.select().from(campaigns).where(eq(campaigns.id, id)).get()
    expect(row?.audienceFrozenAt).not.toBeNull()
    expect(row?.audienceSegments).toEqual([
      {
        id: s.vipSegment,
        role: 'include',
        name: 'VIP',
        definition: { tags: { mode: 'any', ids: [s.vipTag] } },
      },
    ])
    expect(row?.totalCount).toBe(4)
    // The page says which segment definition was used, as frozen: editing the segment later changes nothing.
    await t.ctx.db
      .update(segments)
      .set({ name: 'VIP editado', definition: { region: { ufs: ['SP'], capital: 'any' } } })
      .where(eq(segments.id, s.vipSegment))
    const page = await (await appFetch(`/campanhas/${id}`, { cookie: t.users.viewer.cookie })).text()
    expect(page).toContain('Segmento usado: VIP')
    expect(page).toContain('com alguma destas etiquetas: VIP')
    expect(page).toContain('Listas: Lista A')
    expect(page).toContain('Listas excluídas: Lista B')
    expect(page).toContain('Sem quem recebeu mensagem nos últimos 7 dias')
    expect(page).not.toContain('VIP editado')
    // The report's export walks the outbox by contact id: every person's row is in it.
    const csv = await (await appFetch(`/campanhas/${id}/exportar`, { cookie: t.users.admin.cookie })).text()
    for (const i of [0, 1, 4, 5]) expect(csv).toContain(PHONES[i]!.slice(3))
    expect((await outboxOf(t, id)).every((r) => r.contactId > 2 ** 40)).toBe(true)
  })

  it('should give nothing to people added to a list or segment after the audience was frozen', async () => {
    const t = await createTestTenant('Loja Congelada')
    const s = await seedAudience(t)
    const id = await audienceCampaign(s, spec(s), 'running')
    // Released: the first dispatch freezes the audience. Then someone joins list A, someone gets the tag.
    expect(await freezeAudience({ ...t.ctx, tenantId: t.tenantId }, { id, audience: spec(s) })).toBe('frozen')
    const late = await insertPerson(t, '+5511980000099', 'Atrasada')
    await addToList(t, s.listA, late, '+5511980000099')
    await tagPerson(t, s.ids[6]!, s.vipTag)
    // A second freeze (a redelivered job) adds nobody.
    expect(await freezeAudience({ ...t.ctx, tenantId: t.tenantId }, { id, audience: spec(s) })).toBe(
      'already',
    )
    const job = { type: 'dispatch' as const, v: 1 as const, tenantId: t.tenantId, campaignId: id }
    expect(await dispatchPage(testContext(), job)).toMatchObject({ state: 'done', created: 4 })
    const phones = (await outboxOf(t, id)).map((r) => r.phone).sort()
    expect(phones).toEqual([PHONES[0], PHONES[1], PHONES[4], PHONES[5]].sort())
    // A redelivered dispatch creates nothing twice.
    await t.ctx.db
      .update(campaigns)
      .set({ dispatchDone: false, dispatchCursor: 0 })
      .where(eq(campaigns.id, id))
    expect(await dispatchPage(testContext(), job)).toMatchObject({ created: 0 })
    expect(await outboxOf(t, id)).toHaveLength(4)
  })

  it('should pause instead of sending to a larger audience when a list to leave out was deleted before release', async () => {
    const t = await createTestTenant('Loja Exclusão')
    const s = await seedAudience(t)
    const id = await audienceCampaign(s, spec(s), 'running')
    await t.ctx.db.delete(contactLists).where(eq(contactLists.id, s.listB))
    const job = { type: 'dispatch' as const, v: 1 as const, tenantId: t.tenantId, campaignId: id }
    expect(await dispatchPage(testContext(), job)).toMatchObject({ state: 'not_running', created: 0 })
    expect(await campaignRow(id)).toMatchObject({
      status: 'paused',
      paused_code: 'audience.paused.exclusionGone',
      audience_frozen_at: null,
    })
    expect(await outboxOf(t, id)).toEqual([])
  })

  it('should count each source and each reason for leaving out in the review', async () => {
    const t = await createTestTenant('Loja Revisão')
    const s = await seedAudience(t)
    const report = await audienceReport({ ...t.ctx, tenantId: t.tenantId }, spec(s))
    expect(report).toMatchObject({
      chosen: 6,
      sources: [
        { kind: 'list', id: s.listA, name: 'Lista A', count: 4 },
        { kind: 'segment', id: String(s.vipSegment), name: 'VIP', count: 3 },
      ],
      excluded: [
        { kind: 'list', id: s.listB, name: 'Lista B', count: 1 },
        { kind: 'messaged', id: '7', count: 1 },
      ],
      final: 4,
      optedOut: 1,
      suppressed: 0,
      toSend: 3,
      tooComplex: false,
    })
    expect(report.sample.map((p) => p.phone)).toEqual([PHONES[0], PHONES[1], PHONES[4]])
    expect(report.variableKeys).toEqual(['cidade'])
  })

  it('should refuse an empty final audience and an empty segment with clear messages', async () => {
    const t = await createTestTenant('Loja Vazia')
    const s = await seedAudience(t)
    const scope = scopeTo(t.ctx, t.tenantId, t.users.admin.id)
    const nobodySegment = await makeSegment(t, 'Ninguém', { region: { ufs: ['AC'], capital: 'any' } })
    const base = { texts: ['Oi'], sessionIds: [] } as unknown as ComposerInput
    const everyoneOut = await checkReferences(
      scope,
      { ...base, listId: s.listB, excludeLists: [s.listA] },
      'full',
    )
    expect(everyoneOut.listId).toEqual(['audience.errors.empty'])
    const empty = await checkReferences(
      scope,
      { ...base, listId: s.listA, audienceSegments: [String(nobodySegment)] },
      'full',
    )
    expect(empty.audienceSegments).toEqual(['audience.errors.segmentEmpty'])
    // A list still importing cannot be sent to yet.
    await t.ctx.db.update(contactLists).set({ status: 'importing' }).where(eq(contactLists.id, s.listB))
    const importing = await checkReferences(
      scope,
      { ...base, listId: s.listA, audienceLists: [s.listB] },
      'full',
    )
    expect(importing.audienceLists).toEqual(['campaigns.errors.listNotReady'])
    await t.ctx.db.update(contactLists).set({ status: 'ready' }).where(eq(contactLists.id, s.listB))
    // A draft may keep them; launching refuses.
    expect(
      await checkReferences(scope, { ...base, listId: s.listB, excludeLists: [s.listA] }, 'save'),
    ).toEqual({})
    const id = await audienceCampaign(s, {
      lists: [s.listB],
      segments: [],
      exclude: { lists: [s.listA], segments: [], messagedWithinDays: null },
    })
    expect(await launchConfirmed(scope, id, ORIGIN)).toEqual({
      ok: false,
      message: 'audience.errors.empty',
      fix: true,
    })
    expect((await campaignRow(id))?.status).toBe('draft')
  })

  it('should say a segment names a deleted tag and still apply the rest of it', async () => {
    const t = await createTestTenant('Loja Etiqueta')
    const s = await seedAudience(t)
    const gone = await t.ctx.db
      .insert(tags)
      .values({ tenantId: t.tenantId, name: 'Antiga', nameKey: 'antiga' })
      .returning({ id: tags.id })
      .get()
    await tagPerson(t, s.ids[7]!, gone.id)
    const seg = await makeSegment(t, 'VIP ou antiga', { tags: { mode: 'any', ids: [s.vipTag, gone.id] } })
    await t.ctx.db.delete(tags).where(eq(tags.id, gone.id))
    const audience = {
      lists: [],
      segments: [seg],
      exclude: { lists: [], segments: [], messagedWithinDays: null },
    }
    const report = await audienceReport({ ...t.ctx, tenantId: t.tenantId }, audience)
    expect(report.segmentsMissing).toEqual([
      { id: String(seg), name: 'VIP ou antiga', lists: 0, tags: 1, campaign: false },
    ])
    expect(report).toMatchObject({ chosen: 3, toSend: 2 })
    const id = await audienceCampaign(s, audience, 'running')
    const job = { type: 'dispatch' as const, v: 1 as const, tenantId: t.tenantId, campaignId: id }
    expect(await dispatchPage(testContext(), job)).toMatchObject({ state: 'done', created: 3 })
    expect((await outboxOf(t, id)).map((r) => r.phone).sort()).toEqual(
      [PHONES[1], PHONES[4], PHONES[5]].sort(),
    )
  })

  it("should treat another team's lists and segments as not found (cross-tenant)", async () => {
    const mine = await createTestTenant('Loja Minha')
    const other = await createTestTenant('Loja Outra')
    const s = await seedAudience(mine)
    // Segment ids count per database: on another shard the other team's ids may be the same numbers
    // as mine (decision 043). Two earlier segments of theirs give theirs ids I do not have, wherever placed.
    for (const name of ['Antigo 1', 'Antigo 2']) await makeSegment(other, name, {})
    const theirs = await seedAudience(other)
    const scope = scopeTo(mine.ctx, mine.tenantId, mine.users.admin.id)
    const errors = await checkReferences(
      scope,
      {
        texts: ['Oi'],
        sessionIds: [],
        listId: s.listA,
        audienceLists: [theirs.listA],
        audienceSegments: [String(theirs.vipSegment)],
        excludeLists: [theirs.listB],
        excludeSegments: [String(theirs.vipSegment)],
      } as unknown as ComposerInput,
      'save',
    )
    expect(errors).toEqual({
      audienceLists: ['campaigns.errors.listNotFound'],
      excludeLists: ['campaigns.errors.listNotFound'],
      audienceSegments: ['audience.errors.segmentNotFound'],
      excludeSegments: ['audience.errors.segmentNotFound'],
    })
    // Counted, they add and remove nobody: only my list A.
    const report = await audienceReport(
      { ...mine.ctx, tenantId: mine.tenantId },
      {
        lists: [s.listA, theirs.listA],
        segments: [theirs.vipSegment],
        exclude: { lists: [theirs.listB], segments: [], messagedWithinDays: null },
      },
    )
    expect(report).toMatchObject({
      chosen: 4,
      final: 4,
      missing: { lists: [theirs.listA, theirs.listB], segments: [theirs.vipSegment] },
    })
  })
})
