// A tenant's outbound webhook endpoints (Integrações → Webhooks, decision 033): create (the URL under
// the outbound rules of decision 007, the signing secret returned once), edit, switch off and on,
// delete, a new secret, a test event. Every query goes through the tenant scope (decision 004).
import { and, desc, eq, lt, or } from 'drizzle-orm'
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import type { Text } from '../../i18n/text'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { checkOutboundUrl } from '../net/outbound-url'
import { audit } from '../tenants/audit.server'
import { sealSecret } from '../tenants/secrets.server'
import { enqueueDeliveries } from './emit.server'
import type { EndpointInput } from './endpoint-form'
import { isWebhookEventType } from './event-types'
import { newSigningSecret } from './signing'

const e = webhookEndpoints

/** The tenant's endpoints, newest first (never their secrets). */
export async function listEndpoints(scope: TenantScope) {
  const rows = await scope.db
    .select({
      id: e.id,
      url: e.url,
      description: e.description,
      eventTypes: e.eventTypes,
      enabled: e.enabled,
      disabledAt: e.disabledAt,
      disabledCode: e.disabledCode,
      disabledParams: e.disabledParams,
      failureStreak: e.failureStreak,
      failingSince: e.failingSince,
      lastSuccessAt: e.lastSuccessAt,
      createdAt: e.createdAt,
    })
    .from(e)
    .where(ownedBy(scope, e))
    .orderBy(desc(e.createdAt), desc(e.id))
  return rows.map((r) => ({ ...r, eventTypes: r.eventTypes.filter(isWebhookEventType) }))
}

export type EndpointView = Awaited<ReturnType<typeof listEndpoints>>[number]

/** One endpoint of the tenant (NotFoundError for a missing id or another tenant's). */
export async function getEndpoint(scope: TenantScope, id: string): Promise<EndpointView> {
  const all = await listEndpoints(scope)
  return found(
    all.find((r) => r.id === id),
    'webhook endpoint',
  )
}

export type SaveEndpointResult =
  | { ok: true; id: string; secret: string | null }
  | { ok: false; field: 'url'; text: Text }

function checkUrl(scope: TenantScope, url: string) {
  return checkOutboundUrl(url, { allowPrivate: scope.config.allowPrivateUrls })
}

/** Creates an endpoint; its signing secret is in the result and nowhere else in clear. */
export async function createEndpoint(scope: TenantScope, input: EndpointInput): Promise<SaveEndpointResult> {
  const url = checkUrl(scope, input.url)
  if (!url.ok) return { ok: false, field: 'url', text: url.text }
  const id = newId('whe')
  const secret = newSigningSecret()
  const now = scope.clock()
  await scope.db.insert(e).values({
    id,
    tenantId: scope.tenantId,
    url: url.url.toString(),
    description: input.description ?? '',
    eventTypes: [...new Set(input.eventTypes)],
    secretEnc: await sealSecret(scope, scope.tenantId, id, 'signing_secret', secret),
    createdBy: scope.userId,
    createdAt: now,
    updatedAt: now,
  })
  await audit(scope, 'webhookEndpoint.create', id, { url: url.url.toString(), eventTypes: input.eventTypes })
  return { ok: true, id, secret }
}

/** Changes an endpoint's URL, description and events (its secret stays). */
export async function updateEndpoint(
  scope: TenantScope,
  id: string,
  input: EndpointInput,
): Promise<SaveEndpointResult> {
  await getEndpoint(scope, id)
  const url = checkUrl(scope, input.url)
  if (!url.ok) return { ok: false, field: 'url', text: url.text }
  await scope.db
    .update(e)
    .set({
      url: url.url.toString(),
      description: input.description ?? '',
      eventTypes: [...new Set(input.eventTypes)],
      updatedAt: scope.clock(),
    })
    .where(ownedRow(scope, e, id))
  await audit(scope, 'webhookEndpoint.update', id, { url: url.url.toString(), eventTypes: input.eventTypes })
  return { ok: true, id, secret: null }
}

/** Switches an endpoint off (a person: no reason code) or on again (the failure count starts over). */
export async function setEndpointEnabled(scope: TenantScope, id: string, enabled: boolean): Promise<void> {
  await getEndpoint(scope, id)
  const now = scope.clock()
  await scope.db
    .update(e)
    .set(
      enabled
        ? {
            enabled: true,
            disabledAt: null,
            disabledCode: null,
            disabledParams: null,
            failureStreak: 0,
            failingSince: null,
            updatedAt: now,
          }
        : { enabled: false, disabledAt: now, disabledCode: 'webhooks.disabled.byPerson', updatedAt: now },
    )
    .where(ownedRow(scope, e, id))
  await audit(scope, enabled ? 'webhookEndpoint.enable' : 'webhookEndpoint.disable', id, {})
}

/** Deletes an endpoint with its deliveries and their log. */
export async function deleteEndpoint(scope: TenantScope, id: string): Promise<{ url: string }> {
  const row = await getEndpoint(scope, id)
  await scope.db.delete(e).where(ownedRow(scope, e, id))
  await audit(scope, 'webhookEndpoint.delete', id, { url: row.url })
  return { url: row.url }
}

/** A new signing secret (the old one stops verifying at once); returned once. */
export async function rotateEndpointSecret(scope: TenantScope, id: string): Promise<string> {
  await getEndpoint(scope, id)
  const secret = newSigningSecret()
  await scope.db
    .update(e)
    .set({
      secretEnc: await sealSecret(scope, scope.tenantId, id, 'signing_secret', secret),
      updatedAt: scope.clock(),
    })
    .where(ownedRow(scope, e, id))
  await audit(scope, 'webhookEndpoint.rotateSecret', id, {})
  return secret
}

/** "Enviar evento de teste": a `webhook.test` delivery to this endpoint, subscribed or not. */
export async function sendTestEvent(scope: TenantScope, id: string): Promise<void> {
  const row = await getEndpoint(scope, id)
  await enqueueDeliveries(scope, scope.tenantId, [
    {
      event: { type: 'webhook.test', data: { endpointId: row.id, message: 'Disparo test event' } },
      endpointIds: [id],
    },
  ])
}

/** Where a page of deliveries starts: after the delivery (createdAt, id) of the previous page's last. */
export type DeliveryCursor = { createdAt: number; id: string }

/** Newest deliveries of one endpoint first (the delivery log), `limit` of them after `after`. */
export async function listDeliveries(
  scope: TenantScope,
  endpointId: string,
  limit = 50,
  after?: DeliveryCursor,
) {
  await getEndpoint(scope, endpointId)
  const d = webhookDeliveries
  const rows = await scope.db
    .select()
    .from(d)
    .where(
      ownedBy(
        scope,
        d,
        and(
          eq(d.endpointId, endpointId),
          after
            ? or(lt(d.createdAt, after.createdAt), and(eq(d.createdAt, after.createdAt), lt(d.id, after.id)))
            : undefined,
        ),
      ),
    )
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(limit)
  return rows
}

/** The changes the API's PATCH may bring; an absent field keeps its value. */
export type EndpointPatch = Partial<EndpointInput> & { enabled?: boolean }

/**
 * Changes the given fields of an endpoint (the API's PATCH): URL, description and events under the
 * same rules as the page's form, and switching it off or on.
 */
export async function patchEndpoint(
  scope: TenantScope,
  id: string,
  patch: EndpointPatch,
): Promise<SaveEndpointResult> {
  const row = await getEndpoint(scope, id)
  if (patch.url !== undefined || patch.description !== undefined || patch.eventTypes !== undefined) {
    const saved = await updateEndpoint(scope, id, {
      intent: 'update',
      url: patch.url ?? row.url,
      description: patch.description ?? row.description,
      eventTypes: patch.eventTypes ?? row.eventTypes,
    })
    if (!saved.ok) return saved
  }
  if (patch.enabled !== undefined && patch.enabled !== row.enabled)
    await setEndpointEnabled(scope, id, patch.enabled)
  return { ok: true, id, secret: null }
}
