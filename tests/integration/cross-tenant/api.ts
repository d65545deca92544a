// Cross-tenant cases for /api/v1: another team's contacts, lists, tags and segments answer 404 to a
// token of ours holding every scope (read, upsert into, delete), and the owner's rows stay unchanged.
import { eq } from 'drizzle-orm'
import { scopeTo } from '../../../app/core/db/tenant.server'
import { sendTestEvent } from '../../../app/core/webhooks/endpoints.server'
import {
  aiProviders,
  campaigns,
  contactLists,
  contacts,
  personTags,
  segments,
  suppressions,
  tags,
  wahaSessions,
  webhookDeliveries,
  webhookEndpoints,
} from '../../../db/schema'
import { createAiProvider, createCampaign, createContactList, createWahaSession } from '../../builders'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'
import { receiverEndpoint, receiverPath } from '../webhooks-support'

async function snapshot(owner: TestTenant, listId: string) {
  const db = owner.ctx.db
  return JSON.stringify([
    await db.select().from(contactLists).where(eq(contactLists.id, listId)),
    await db.select().from(contacts).where(eq(contacts.listId, listId)),
  ])
}

export const API_CASES: CrossTenantCase[] = [
  {
    name: 'API contacts and lists',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const { id } = await createContactList(owner.ctx.db, { tenantId: owner.tenantId, count: 2 })
      const [c] = await owner.ctx.db.select().from(contacts).where(eq(contacts.listId, id))
      const before = await snapshot(owner, id)
      const verifyUnchanged = async () => {
        if ((await snapshot(owner, id)) !== before) throw new Error(`list ${id} changed`)
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      return [
        probe('GET', `/lists/${id}`),
        probe('DELETE', `/lists/${id}`),
        probe('GET', `/contacts/${c?.id}`),
        probe('DELETE', `/contacts/${c?.id}`),
        probe('GET', `/contacts?listId=${id}`),
        probe('POST', '/contacts', { listId: id, contacts: [{ phone: c?.phoneE164, name: 'Invasor' }] }),
      ]
    },
  },
  {
    name: 'API campaigns, their messages and replies',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const { id: listId } = await createContactList(db, { tenantId: owner.tenantId, count: 1 })
      const draft = await createCampaign(db, { tenantId: owner.tenantId, listId })
      const running = await createCampaign(db, { tenantId: owner.tenantId, listId, status: 'running' })
      const rows = async () =>
        JSON.stringify(await db.select().from(campaigns).where(eq(campaigns.tenantId, owner.tenantId)))
      const before = await rows()
      const verifyUnchanged = async () => {
        if ((await rows()) !== before) throw new Error('campaigns changed')
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      const later = new Date(Date.now() + 86_400_000).toISOString()
      return [
        probe('GET', `/campaigns/${draft.id}`),
        probe('GET', `/campaigns/${running.id}/messages`),
        probe('GET', `/replies?campaignId=${running.id}`),
        probe('POST', `/campaigns/${draft.id}/schedule`, { at: later }),
        probe('POST', `/campaigns/${draft.id}/launch`),
        probe('POST', `/campaigns/${running.id}/pause`),
        probe('POST', `/campaigns/${running.id}/resume`),
        probe('POST', `/campaigns/${running.id}/cancel`),
      ]
    },
  },
  {
    name: 'API tags and segments',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const { id: listId } = await createContactList(db, { tenantId: owner.tenantId, count: 1 })
      const [c] = await db.select().from(contacts).where(eq(contacts.listId, listId))
      const personId = c?.personId ?? 0
      const [tag] = await db
        .insert(tags)
        .values({ tenantId: owner.tenantId, name: 'Dono', nameKey: 'dono' })
        .returning({ id: tags.id })
      await db.insert(personTags).values({ tenantId: owner.tenantId, personId, tagId: tag?.id ?? 0 })
      const [segment] = await db
        .insert(segments)
        .values({ tenantId: owner.tenantId, name: 'Do dono', definition: { lists: [listId] } })
        .returning({ id: segments.id })
      const rows = async () =>
        JSON.stringify([
          await db.select().from(tags).where(eq(tags.tenantId, owner.tenantId)),
          await db.select().from(personTags).where(eq(personTags.tenantId, owner.tenantId)),
          await db.select().from(segments).where(eq(segments.tenantId, owner.tenantId)),
        ])
      const before = await rows()
      const verifyUnchanged = async () => {
        if ((await rows()) !== before) throw new Error('tags or segments changed')
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      const people = { people: [{ personId }] }
      return [
        probe('GET', `/tags/${tag?.id}`),
        probe('PATCH', `/tags/${tag?.id}`, { name: 'Invasor' }),
        probe('DELETE', `/tags/${tag?.id}`),
        probe('POST', `/tags/${tag?.id}/people`, people),
        probe('POST', `/tags/${tag?.id}/people/remove`, people),
        probe('GET', `/segments/${segment?.id}`),
        probe('GET', `/segments/${segment?.id}/preview`),
        probe('PATCH', `/segments/${segment?.id}`, { name: 'Invasor', definition: {} }),
        probe('DELETE', `/segments/${segment?.id}`),
      ]
    },
  },
  {
    name: 'API opt-outs',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const [row] = await db
        .insert(suppressions)
        .values({ tenantId: owner.tenantId, phoneE164: '+5511987650001', reason: 'manual' })
        .returning()
      const verifyUnchanged = async () => {
        const still = await db
          .select()
          .from(suppressions)
          .where(eq(suppressions.id, row?.id ?? 0))
        if (still.length !== 1) throw new Error('opt-out removed')
      }
      return [{ method: 'DELETE', path: `/opt-outs/${row?.id}?reason=invasor`, api: {}, verifyUnchanged }]
    },
  },
  {
    name: 'API sessions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const { id } = await createWahaSession(db, { tenantId: owner.tenantId, status: 'SCAN_QR_CODE' })
      const row = async () =>
        JSON.stringify(await db.select().from(wahaSessions).where(eq(wahaSessions.id, id)))
      const before = await row()
      const verifyUnchanged = async () => {
        if ((await row()) !== before) throw new Error(`session ${id} changed`)
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      return [
        probe('GET', `/sessions/${id}`),
        probe('GET', `/sessions/${id}/live`),
        probe('POST', `/sessions/${id}/start`),
        probe('POST', `/sessions/${id}/stop`),
        probe('POST', `/sessions/${id}/restart`),
        probe('POST', `/sessions/${id}/logout`),
        probe('POST', `/sessions/${id}/pairing-code`, { phone: '5511987654321' }),
        probe('DELETE', `/sessions/${id}?onlyLocal=true`),
      ]
    },
  },
  {
    name: 'API AI providers',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const { id } = await createAiProvider(db, { tenantId: owner.tenantId })
      const row = async () =>
        JSON.stringify(await db.select().from(aiProviders).where(eq(aiProviders.id, id)))
      const before = await row()
      const verifyUnchanged = async () => {
        if ((await row()) !== before) throw new Error(`provider ${id} changed`)
      }
      return [
        { method: 'POST', path: `/ai/providers/${id}/test`, api: {}, verifyUnchanged },
        {
          method: 'POST',
          path: '/ai/variants',
          api: { json: { brief: 'Oi', providerId: id } },
          verifyUnchanged,
        },
        {
          method: 'POST',
          path: '/ai/providers',
          api: { json: { id, platform: 'ollama', baseUrl: 'https://ia.exemplo.com.br/v1' } },
          verifyUnchanged,
        },
      ]
    },
  },
  {
    name: 'API webhooks',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const { id } = await receiverEndpoint(owner, receiverPath('ok'), ['campaign.paused'])
      await sendTestEvent(scopeTo(owner.ctx, owner.tenantId, owner.users.admin.id), id)
      const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))
      const row = async () =>
        JSON.stringify([
          await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
          (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))).length,
        ])
      const before = await row()
      const verifyUnchanged = async () => {
        if ((await row()) !== before) throw new Error(`endpoint ${id} changed`)
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      return [
        probe('GET', `/webhooks/${id}`),
        probe('PATCH', `/webhooks/${id}`, { enabled: false }),
        probe('DELETE', `/webhooks/${id}`),
        probe('POST', `/webhooks/${id}/secret`),
        probe('POST', `/webhooks/${id}/test`),
        probe('GET', `/webhooks/${id}/deliveries`),
        probe('POST', `/webhooks/${id}/deliveries/${delivery?.id}/redeliver`),
      ]
    },
  },
]
