// The bench-only D1 meter (app/core/db/meter.server.ts): it counts every statement with D1's own
// rows read/written (batched, drizzle's array mode, plain run/all/first), keeps query results exactly
// as the bare binding returns them, and is off unless BENCH_D1_METER = "1": the Worker then uses the
// very same env and /_bench/d1 is an unknown address.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/d1'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../app/core/db/client.server'
import { type D1Counters, meteredD1, meteredEnv } from '../../app/core/db/meter.server'
import { campaigns, tenants } from '../../db/schema'
import worker from '../../workers/app'
import { createCampaign, createTenant } from '../builders'
import { appFetch, ORIGIN } from './helpers/app'

const fresh = (): D1Counters => ({
  queries: 0,
  roundTrips: 0,
  rowsRead: 0,
  rowsWritten: 0,
  unmetered: 0,
  bySql: {},
})

describe('D1 meter (bench only)', () => {
  it('should count queries, round trips and D1 rows, and return what the bare binding returns', async () => {
    const tenant = await createTenant(getDb(env.DB))
    const c = fresh()
    const d1 = meteredD1(env.DB, c)
    const db = drizzle(d1)
    const bare = drizzle(env.DB)

    await db.insert(tenants).values({ id: 'ten_meter', name: 'Meter' })
    // D1's own figure for the same write (index entries count as rows written).
    const { meta } = await env.DB.prepare('INSERT INTO tenants (id, name) VALUES (?, ?)')
      .bind('ten_meter_bare', 'Bare')
      .run()
    expect(meta.rows_written).toBeGreaterThan(0)
    expect(c).toMatchObject({ queries: 1, roundTrips: 1, rowsWritten: meta.rows_written, unmetered: 0 })

    // drizzle's array mode (raw()): two columns named `name` stay apart, as without the meter.
    const query = (d: typeof db) =>
      d
        .select({ a: tenants.name, b: campaigns.name, id: tenants.id })
        .from(tenants)
        .innerJoin(campaigns, eq(campaigns.tenantId, tenants.id))
        .where(eq(tenants.id, tenant.id))
    await createCampaign(getDb(env.DB), { tenantId: tenant.id, name: 'Outra coisa' })
    const before = { ...c }
    const rows = await query(db)
    expect(rows).toEqual(await query(bare))
    expect(rows[0]).toMatchObject({ a: tenant.name, b: 'Outra coisa', id: tenant.id })
    expect(c.queries - before.queries).toBe(1)
    expect(c.rowsRead - before.rowsRead).toBeGreaterThan(0)

    // A batch is one round trip and counts each statement.
    const mid = { ...c }
    await db.batch([
      db.update(tenants).set({ name: 'M2' }).where(eq(tenants.id, 'ten_meter')),
      db.select().from(tenants).where(eq(tenants.id, 'ten_meter')),
    ])
    expect(c.queries - mid.queries).toBe(2)
    expect(c.roundTrips - mid.roundTrips).toBe(1)
    expect(c.rowsWritten - mid.rowsWritten).toBe(1)

    // Plain statements (first, all, run) too.
    const end = { ...c }
    expect(await d1.prepare('SELECT name FROM tenants WHERE id = ?').bind('ten_meter').first('name')).toBe(
      'M2',
    )
    expect((await d1.prepare('SELECT 1 AS one').all()).results).toEqual([{ one: 1 }])
    await d1.prepare('DELETE FROM tenants WHERE id = ?').bind('ten_meter').run()
    expect(c.queries - end.queries).toBe(3)
    expect(c.rowsWritten - end.rowsWritten).toBe(1)
    expect(c.unmetered).toBe(0)
    expect(c.bySql['DELETE FROM tenants WHERE id = ?']).toEqual({
      queries: 1,
      rowsRead: expect.any(Number),
      rowsWritten: 1,
    })
  })

  it('should leave the env untouched and keep /_bench/d1 unknown without BENCH_D1_METER', async () => {
    expect(meteredEnv(env)).toBe(env)
    const res = await appFetch('/_bench/d1')
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).not.toContain('application/json')
  })

  it('should answer the counters at /_bench/d1 when the Worker runs with BENCH_D1_METER=1', async () => {
    const benchEnv = { ...env, BENCH_D1_METER: '1' } as unknown as Env
    expect(meteredEnv(benchEnv)).not.toBe(benchEnv)
    expect(meteredEnv(benchEnv)).toBe(meteredEnv(benchEnv))
    const call = async () => {
      const ctx = createExecutionContext()
      const res = await worker.fetch(new Request(`${ORIGIN}/_bench/d1`), benchEnv, ctx)
      await waitOnExecutionContext(ctx)
      return res
    }
    const first = await call()
    expect(first.status).toBe(200)
    const counters = (await first.json()) as D1Counters
    expect(Object.keys(counters).sort()).toEqual(
      ['bySql', 'queries', 'roundTrips', 'rowsRead', 'rowsWritten', 'unmetered'].sort(),
    )
    // A page that reads D1 through the metered env moves the counters.
    const ctx = createExecutionContext()
    await (await worker.fetch(new Request(`${ORIGIN}/login`), benchEnv, ctx)).text()
    await waitOnExecutionContext(ctx)
    const after = (await (await call()).json()) as D1Counters
    expect(after.queries).toBeGreaterThanOrEqual(counters.queries)
  })
})
