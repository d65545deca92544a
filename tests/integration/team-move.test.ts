// Moving a team between shards (decision 044): every row of the team arrives on the target with its
// ids, counts and checksums checked, the placement switches, campaigns the move paused go on, the source
// is emptied; a crash at any unit repeats it harmlessly; two moves of a team at once, a bad target and
// a failed check are refused or undone with nothing lost.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import type { AppContext } from '../../app/core/context.server'
import { atShard } from '../../app/core/db/shards.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { newId } from '../../app/core/ids'
import { ID_BLOCK_SIZE } from '../../app/core/tenants/move/id-blocks.server'
import { advanceMove, latestMove, requestMove } from '../../app/core/tenants/move/move.server'
import { movePlan } from '../../app/core/tenants/move/plan'
import { readPage } from '../../app/core/tenants/move/rows.server'
import { TEAM_MOVING } from '../../app/core/tenants/move/steps.server'
import { auditLog, campaigns, people, personTags, tags, tenants } from '../../db/schema'
import { createContactList } from '../builders'
import { appFetch, createTestTenant, ORIGIN, type TestTenant, testContext } from './helpers/app'
import { createEngineFixture, statusCounts, waitFor } from './helpers/engine'

/** Every row of the team on `shard`, table by table, in rowid order (what the move checks). */
async function snapshot(tenantId: string, shard: string): Promise<Record<string, unknown[][]>> {
  const at = atShard(testContext(), shard)
  const out: Record<string, unknown[][]> = {}
  for (const table of movePlan()) {
    const rows: unknown[][] = []
    let after = 0
    for (;;) {
      const page = await readPage(at, table, tenantId, after)
      if (page.values.length === 0) break
      rows.push(...page.values)
      after = page.last
    }
    if (rows.length > 0) out[table.name] = rows
  }
  return out
}

const rowCount = (s: Record<string, unknown[][]>) => Object.values(s).reduce((n, rows) => n + rows.length, 0)

async function placement(tenantId: string) {
  return testContext().control.select().from(tenants).where(eq(tenants.id, tenantId)).get()
}

/** A team that sent a campaign, with tags, plus a second campaign running (the move pauses it). */
async function teamWithData() {
  const f = await createEngineFixture({ contacts: 3 })
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
  await waitFor(async () => (await statusCounts(f.campaignId)).sent === 3, 'all sent')
  const db = f.tenant.ctx.db
  const [tag] = await db
    .insert(tags)
    .values({ tenantId: f.tenant.tenantId, name: 'VIP', nameKey: 'vip' })
    .returning()
  const person = await db.select().from(people).where(eq(people.tenantId, f.tenant.tenantId)).get()
  await db.insert(personTags).values({ tenantId: f.tenant.tenantId, personId: person!.id, tagId: tag!.id })
  const running = newId('cmp')
  await db.insert(campaigns).values({
    id: running,
    tenantId: f.tenant.tenantId,
    name: 'Em andamento',
    status: 'running',
    texts: ['Oi'],
    sessionIds: f.sessions.map((s) => s.id),
    dispatchDone: true,
  })
  return { ...f, running }
}

/** A team on another shard than `shard`. */
async function teamElsewhere(shard: string): Promise<TestTenant> {
  for (;;) {
    const t = await createTestTenant('Vizinha')
    if (t.ctx.shard !== shard) return t
  }
}

/** A team with data, asked to move to another shard. */
async function movingTeam() {
  const f = await teamWithData()
  const team = f.tenant.tenantId
  const source = f.tenant.ctx.shard
  const target = (await teamElsewhere(source)).ctx.shard
  const asked = await requestMove(testContext(), team, target)
  if (!asked.ok) throw new Error(asked.code)
  return { f, team, source, target, asked }
}

function clockAt(start: number) {
  let now = start
  return {
    ctx: (): AppContext => testContext({ clock: () => now }),
    skip: (ms: number) => {
      now += ms
    },
  }
}

async function runToEnd(id: string, opts: { crashEvery?: number } = {}) {
  // crashEvery = 3: rounds die after 0, 1, 2 units in turn, each time before recording the last one.
  const clock = clockAt(Date.now())
  for (let i = 0; i < 500; i++) {
    const crashAfterUnits = opts.crashEvery === undefined ? undefined : i % opts.crashEvery
    const p = await advanceMove(clock.ctx(), id, { budgetMs: 60_000, crashAfterUnits })
    if (p.finished) return { progress: p, rounds: i + 1 }
    clock.skip(61_000) // past the crashed holder's lease
  }
  throw new Error('move did not finish')
}

describe('team move', () => {
  it('should copy every row with its ids, switch, resume what it paused and empty the source', async () => {
    const f = await teamWithData()
    const team = f.tenant.tenantId
    const source = f.tenant.ctx.shard
    const neighbour = await teamElsewhere(source)
    const target = neighbour.ctx.shard
    await createContactList(neighbour.ctx.db, { tenantId: neighbour.tenantId, count: 4, seed: 5 })
    const neighbourBefore = await snapshot(neighbour.tenantId, target)

    const asked = await requestMove(testContext(), team, target)
    expect(asked).toMatchObject({ ok: true, source, target })
    if (!asked.ok) return
    // Frozen and paused first; what the source holds then is what must arrive.
    await advanceMove(testContext(), asked.id, { budgetMs: 60_000, crashAfterUnits: 2 })
    expect((await placement(team))?.movingTo).toBe(target)
    const paused = await f.tenant.ctx.db.select().from(campaigns).where(eq(campaigns.id, f.running)).get()
    expect(paused).toMatchObject({ status: 'paused', pausedCode: TEAM_MOVING.code })
    const before = await snapshot(team, source)
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'people',
        'contacts',
        'campaign_messages',
        'campaign_counts',
        'tags',
        'person_tags',
      ]),
    )

    const { progress } = await runToEnd(asked.id)
    expect(progress).toMatchObject({ step: 'done', error: null })
    expect(await placement(team)).toMatchObject({ shard: target, movingTo: null })
    const after = await snapshot(team, target)
    const { campaigns: campaignsAfter, campaign_events: _e, webhook_deliveries: _d, ...restAfter } = after
    const {
      campaigns: campaignsBefore,
      campaign_events: _e2,
      webhook_deliveries: _d2,
      ...restBefore
    } = before
    expect(restAfter).toEqual(restBefore)
    expect(campaignsAfter).toHaveLength(campaignsBefore!.length)
    expect(await snapshot(team, source)).toEqual({})
    expect(await snapshot(neighbour.tenantId, target)).toEqual(neighbourBefore)
    const move = await latestMove(testContext(), team)
    expect(move?.state).toMatchObject({
      verified: movePlan().length,
      checked: { people: 3, campaign_messages: 3 },
    })

    // The campaign the move paused runs again; the team works on its new shard.
    const at = atShard(testContext(), target)
    expect(await at.db.select().from(campaigns).where(eq(campaigns.id, f.running)).get()).toMatchObject({
      status: 'running',
      pausedCode: null,
    })
    const page = await appFetch('/contatos/etiquetas', { cookie: f.tenant.users.admin.cookie })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('VIP')
    // New rows on the target take ids from its own block, above every id the move brought.
    const [fresh] = await at.db
      .insert(people)
      .values({ tenantId: team, phoneE164: '+5511987650001' })
      .returning()
    const maxMoved = Math.max(...(before.people ?? []).map((r) => r[0] as number))
    expect(fresh!.id).toBeGreaterThan(maxMoved)
    expect(fresh!.id).toBeGreaterThan(ID_BLOCK_SIZE)

    // A new list and campaign on the new shard send, one message per phone.
    const list = await createContactList(at.db, { tenantId: team, count: 2, seed: 99 })
    const next = newId('cmp')
    await at.db.insert(campaigns).values({
      id: next,
      tenantId: team,
      name: 'Depois da mudança',
      listId: list.id,
      texts: ['Oi de novo'],
      sessionIds: f.sessions.map((s) => s.id),
      simulateTyping: false,
    })
    expect((await launchNow(scopeTo(at, team, f.tenant.users.admin.id), next, ORIGIN)).ok).toBe(true)
    await waitFor(async () => (await statusCounts(next)).sent === 2, 'sent after the move')
  })

  it('should end the same after a crash at every unit, repeating each unit once more', async () => {
    const { team, source, target, asked } = await movingTeam()
    const { progress, rounds } = await runToEnd(asked.id, { crashEvery: 3 })
    expect(progress).toMatchObject({ step: 'done', error: null })
    expect(rounds).toBeGreaterThan(10)
    const after = await snapshot(team, target)
    expect(after.campaign_messages).toHaveLength(3)
    expect(after.people).toHaveLength(3)
    expect(after.person_tags).toHaveLength(1)
    // Counters equal a recount: the copy's triggers did not count the messages twice.
    const counted = (after.campaign_counts ?? []).reduce(
      (n, r) =>
        n +
        Number(
          r[
            movePlan()
              .find((t) => t.name === 'campaign_counts')!
              .columns.indexOf('n')
          ],
        ),
      0,
    )
    expect(counted).toBe(3)
    expect(await snapshot(team, source)).toEqual({})
    expect(await placement(team)).toMatchObject({ shard: target, movingTo: null })
  })

  it('should refuse a second move of the same team, a missing shard and the shard it is on', async () => {
    const t = await createTestTenant('Loja Única')
    const other = (await teamElsewhere(t.ctx.shard)).ctx.shard
    const ctx = testContext()
    const [a, b] = await Promise.all([
      requestMove(ctx, t.tenantId, other),
      requestMove(ctx, t.tenantId, other),
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'alreadyMoving' })
    expect(await requestMove(ctx, t.tenantId, 'SHARD_9')).toMatchObject({ ok: false, code: 'unknownShard' })
    expect(await requestMove(ctx, 'ten_nao_existe', other)).toMatchObject({ ok: false, code: 'unknownTeam' })
    const id = (a.ok ? a : b) as { id: string }
    // Two workers advancing at once: one holds the lease, the other leaves it alone.
    const [p, q] = await Promise.all([
      advanceMove(ctx, id.id, { budgetMs: 0 }),
      advanceMove(ctx, id.id, { budgetMs: 0 }),
    ])
    expect([p.held, q.held].sort()).toEqual([false, true])
    await runToEnd(id.id)
    expect(await requestMove(ctx, t.tenantId, other)).toMatchObject({ ok: false, code: 'sameShard' })
  })

  it('should move a page of wide rows in several statements (D1 caps one value at 2 MB)', async () => {
    const t = await createTestTenant('Loja Verbosa')
    const target = (await teamElsewhere(t.ctx.shard)).ctx.shard
    const wide = 'x'.repeat(60_000)
    for (let i = 0; i < 40; i += 10)
      await t.ctx.db.insert(auditLog).values(
        Array.from({ length: 10 }, (_, k) => ({
          tenantId: t.tenantId,
          action: 'test.wide',
          entity: 'row',
          entityId: String(i + k),
          detail: { wide },
        })),
      )
    const before = await snapshot(t.tenantId, t.ctx.shard)
    const asked = await requestMove(testContext(), t.tenantId, target)
    if (!asked.ok) throw new Error(asked.code)
    expect((await runToEnd(asked.id)).progress).toMatchObject({ step: 'done', error: null })
    const after = await snapshot(t.tenantId, target)
    expect(after.audit_log).toHaveLength(40)
    expect(after).toEqual(before)
  })

  it('should copy only once the settle time has passed since the freeze', async () => {
    const t = await createTestTenant('Loja Calma')
    const target = (await teamElsewhere(t.ctx.shard)).ctx.shard
    const asked = await requestMove(testContext(), t.tenantId, target)
    if (!asked.ok) throw new Error(asked.code)
    let now = Date.now()
    const ctx = (): AppContext => {
      const base = testContext({ clock: () => now })
      return { ...base, config: { ...base.config, moveSettleMs: 70_000 } }
    }
    expect(await advanceMove(ctx(), asked.id, { budgetMs: 60_000 })).toMatchObject({ step: 'quiescing' })
    now += 30_000
    expect(await advanceMove(ctx(), asked.id, { budgetMs: 60_000 })).toMatchObject({ step: 'quiescing' })
    now += 41_000
    expect(await advanceMove(ctx(), asked.id, { budgetMs: 60_000 })).toMatchObject({ step: 'done' })
  })

  it('should undo a move whose check fails: the team works on the source again, the target is emptied', async () => {
    const { f, team, source, target, asked } = await movingTeam()
    const clock = clockAt(Date.now())
    for (;;) {
      const p = await advanceMove(clock.ctx(), asked.id, { budgetMs: 0 })
      if (p.step === 'verifying') break
      expect(p.finished).toBe(false)
    }
    // A write that slipped past the freeze: the copy no longer matches the source.
    await atShard(testContext(), source)
      .db.update(people)
      .set({ name: 'Mudou no meio' })
      .where(eq(people.tenantId, team))
    const { progress } = await runToEnd(asked.id)
    expect(progress.step).toBe('failed')
    expect(progress.error).toMatch(/people/)
    expect(await placement(team)).toMatchObject({ shard: source, movingTo: null })
    expect(await snapshot(team, target)).toEqual({})
    expect(rowCount(await snapshot(team, source))).toBeGreaterThan(10)
    const row = await f.tenant.ctx.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, f.running), eq(campaigns.tenantId, team)))
      .get()
    expect(row?.status).toBe('running')
    // The team can be moved again once the cause is gone.
    expect((await requestMove(testContext(), team, target)).ok).toBe(true)
  })
})
