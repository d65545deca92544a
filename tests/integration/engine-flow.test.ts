// The whole pipeline on real bindings: launch -> dispatch queue -> sends queue -> SenderSession
// alarms -> WAHA simulator, until the campaign finishes with every contact accounted for.
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, sendsPerChat, statusCounts, waitFor } from './helpers/engine'

describe('send engine, end to end', () => {
  it('should send one message per contact and finish', async () => {
    const f = await createEngineFixture({ contacts: 30, sessions: 2 })
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      30_000,
    )
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 30 })
    const perChat = await sendsPerChat(f.sessions.map((s) => s.sessionName))
    expect([...perChat.values()].reduce((a, b) => a + b, 0)).toBe(30)
    expect(Math.max(...perChat.values())).toBe(1)
  })
})
