// Cross-tenant cases for Integrações → Webhooks: every intent on another team's endpoint or delivery
// answers 404 and leaves the endpoint, its deliveries and its secret unchanged.
import { eq } from 'drizzle-orm'
import { scopeTo } from '../../../app/core/db/tenant.server'
import { emitWebhookEvent } from '../../../app/core/webhooks/emit.server'
import { createEndpoint } from '../../../app/core/webhooks/endpoints.server'
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

export const WEBHOOK_CASES: CrossTenantCase[] = [
  {
    name: 'webhook endpoints and deliveries',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const scope = scopeTo(owner.ctx, owner.tenantId, owner.users.admin.id)
      const made = await createEndpoint(scope, {
        intent: 'create',
        url: 'https://crm.exemplo.com.br/hooks',
        eventTypes: ['campaign.finished'],
      })
      if (!made.ok) throw new Error('endpoint not created')
      const id = made.id
      await emitWebhookEvent(owner.ctx, owner.tenantId, 'campaign.finished', { campaignId: 'cmp_dono' })
      // Switched off, so the endpoint row stays as it is whatever the real queue consumer does.
      await owner.ctx.db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, id))
      const [delivery] = await owner.ctx.db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, id))
      const read = async () =>
        JSON.stringify([
          await owner.ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
          (
            await owner.ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))
          ).map((d) => d.id),
        ])
      // The real queue consumer may settle the delivery meanwhile: compare endpoint and delivery ids only.
      const before = await read()
      const verifyUnchanged = async () => {
        if ((await read()) !== before) throw new Error(`webhook endpoint ${id} changed`)
      }
      const path = `/integracoes/webhooks/${id}`
      const post = (form: Record<string, string>): CrossTenantProbe => ({
        method: 'POST',
        path,
        form,
        verifyUnchanged,
      })
      return [
        { method: 'GET', path, verifyUnchanged },
        post({ intent: 'update', url: 'https://invasor.example.com/x', eventTypes: 'message.read' }),
        post({ intent: 'enable' }),
        post({ intent: 'disable' }),
        post({ intent: 'rotate' }),
        post({ intent: 'test' }),
        post({ intent: 'delete', confirm: 'on' }),
        post({ intent: 'redeliver', deliveryId: delivery?.id ?? '' }),
      ]
    },
  },
]
