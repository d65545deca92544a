// The operator's side of a team move (decision 044): the /ops routes behind OPS_TOKEN, driven the way
// `npm run team:move` drives them, and the cron that advances a move while its shards' sweeps wait.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { requestMove, shardsInMoves } from '../../app/core/tenants/move/move.server'
import { campaigns, tenants } from '../../db/schema'
import worker from '../../workers/app'
import { createCampaign, createContactList } from '../builders'
import { runCron } from './health-support'
import { appFetch, createTestTenant, type TestTenant, testContext } from './helpers/app'

const TOKEN = 'fake-test-ops-token-not-a-secret-0123'

function ops(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers)
  const token = init.token === undefined ? TOKEN : init.token
  if (token) headers.set('Authorization', `Bearer ${token}`)
  if (init.body) headers.set('Content-Type', 'application/json')
  return exports.default.fetch(new Request(`https://disparo.test/ops${path}`, { ...init, headers }))
}

async function teamElsewhere(shard: string): Promise<TestTenant> {
  for (;;) {
    const t = await createTestTenant('Vizinha')
    if (t.ctx.shard !== shard) return t
  }
}

describe('operator routes', () => {
  it('should not exist without OPS_TOKEN and refuse a wrong token', async () => {
    const { OPS_TOKEN: _t, ...off } = env as unknown as Record<string, unknown>
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request('https://disparo.test/ops/team-moves/x'),
      off as unknown as Env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(404)
    expect((await ops('/team-moves/x', { token: 'wrong-token-wrong-token-wrong-token' })).status).toBe(401)
    expect((await ops('/team-moves/x', { token: null })).status).toBe(401)
  })

  it('should move a team named by its name, step by step, and say what is wrong with a bad request', async () => {
    const t = await createTestTenant('Padaria Pão Quente')
    await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 5 })
    const target = (await teamElsewhere(t.ctx.shard)).ctx.shard

    expect((await ops('/team-moves', { method: 'POST', body: '{}' })).status).toBe(400)
    const unknown = await ops('/team-moves', {
      method: 'POST',
      body: JSON.stringify({ team: 'Ninguém', target }),
    })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'unknownTeam' })
    const badShard = await ops('/team-moves', {
      method: 'POST',
      body: JSON.stringify({ team: 'Padaria Pão Quente', target: 'SHARD_77' }),
    })
    expect(await badShard.json()).toMatchObject({ error: 'unknownShard' })

    const created = await ops('/team-moves', {
      method: 'POST',
      body: JSON.stringify({ team: 'Padaria Pão Quente', target }),
    })
    expect(created.status).toBe(201)
    const move = (await created.json()) as { id: string; team: string }
    expect(move.team).toBe(t.tenantId)
    const again = await ops('/team-moves', {
      method: 'POST',
      body: JSON.stringify({ team: t.tenantId, target }),
    })
    expect(again.status).toBe(409)

    const latest = await ops(`/team-moves?team=${encodeURIComponent('Padaria Pão Quente')}`)
    expect(await latest.json()).toMatchObject({ id: move.id, step: 'freezing', finished: false })
    const advanced = await ops(`/team-moves/${move.id}/advance`, { method: 'POST' })
    expect(await advanced.json()).toMatchObject({ id: move.id, step: 'done', finished: true, held: false })
    let status = (await (await ops(`/team-moves/${move.id}`)).json()) as { step: string; finished: boolean }
    expect(status.finished).toBe(true)
    expect(status.step).toBe('done')
    const row = await testContext().control.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
    expect(row).toMatchObject({ shard: target, movingTo: null })
    const page = await appFetch('/contatos', { cookie: t.users.admin.cookie })
    expect(page.status).toBe(200)
    status = (await (await ops(`/team-moves/${move.id}`)).json()) as typeof status
    expect(status).toMatchObject({ state: { checked: { contacts: 5, people: 5 } } })
  })
})

describe('cron and moves', () => {
  it('should advance a move from the cron and hold the sweeps of its two shards meanwhile', async () => {
    const t = await createTestTenant('Loja Agendada')
    const other = await teamElsewhere(t.ctx.shard)
    await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 2 })
    // A campaign due now on a shard taking part in a move: the release waits for the move.
    const { id: due } = await createCampaign(other.ctx.db, {
      tenantId: other.tenantId,
      listId: (await createContactList(other.ctx.db, { tenantId: other.tenantId, count: 2 })).id,
      status: 'scheduled',
      scheduledAt: Date.now() - 1000,
    })
    const asked = await requestMove(testContext(), t.tenantId, other.ctx.shard)
    if (!asked.ok) throw new Error(asked.code)
    expect(await shardsInMoves(testContext())).toEqual(new Set([t.ctx.shard, other.ctx.shard]))
    const released = async () =>
      (await other.ctx.db.select().from(campaigns).where(eq(campaigns.id, due)).get())?.startedAt != null
    expect(await released()).toBe(false)
    await runCron()
    // The cron's slice finished this small move; the sweeps skipped both shards during that tick.
    const row = await testContext().control.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
    expect(row?.shard).toBe(other.ctx.shard)
    expect(await released()).toBe(false)
    expect(await shardsInMoves(testContext())).toEqual(new Set())
    // The next tick, with no move open, releases it.
    await runCron()
    expect(await released()).toBe(true)
  })
})
