import { describe, expect, it } from 'vitest'
import { CROSS_TENANT_CASES } from './cross-tenant-routes'
import { createTestTenant } from './helpers/app'
import { findCrossTenantLeaks } from './helpers/cross-tenant'

describe('tenant isolation', () => {
  it('should answer 404 and change nothing for every id of another tenant', async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    // Each on its own shard (decision 043): isolation holds across databases, not only within one.
    expect(owner.ctx.shard).not.toBe(intruder.ctx.shard)
    expect(await findCrossTenantLeaks(CROSS_TENANT_CASES, owner, intruder)).toEqual([])
  })

  it('should report a route that answers another tenant with something other than 404', async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    const leaks = await findCrossTenantLeaks(
      [
        {
          name: 'team page is visible to any signed-in user',
          arrange: async () => [{ method: 'GET', path: '/equipe' }],
        },
      ],
      owner,
      intruder,
    )
    expect(leaks).toEqual([
      expect.objectContaining({ case: 'team page is visible to any signed-in user', status: 200 }),
    ])
  })

  it('should report an API route that answers another tenant with something other than 404', async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    const leaks = await findCrossTenantLeaks(
      [{ name: 'API listing', arrange: async () => [{ method: 'GET', path: '/lists', api: {} }] }],
      owner,
      intruder,
    )
    expect(leaks).toEqual([expect.objectContaining({ case: 'API listing', status: 200 })])
  })

  it('should report a resource that changed even when the route answered 404', async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    const leaks = await findCrossTenantLeaks(
      [
        {
          name: 'mutated',
          arrange: async () => [
            {
              method: 'GET',
              path: '/nao-existe',
              verifyUnchanged: async () => {
                throw new Error('row changed')
              },
            },
          ],
        },
      ],
      owner,
      intruder,
    )
    expect(leaks).toEqual([expect.objectContaining({ case: 'mutated', problem: 'Error: row changed' })])
  })
})
