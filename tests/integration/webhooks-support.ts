// Helpers for the outbound webhook tests (decision 033): endpoints pointing at the loopback receiver
// (tests/setup/webhook-receiver-global.ts) and what it received, verified with the reference
// Standard Webhooks implementation.
import { env } from 'cloudflare:workers'
import { Webhook } from 'standardwebhooks'
import { scopeTo } from '../../app/core/db/tenant.server'
import { createEndpoint } from '../../app/core/webhooks/endpoints.server'
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../app/core/webhooks/event-types'
import type { TestTenant } from './helpers/app'

export type Received = { path: string; headers: Record<string, string>; body: string }

/** A path on the receiver unique to one test: `/ok/<random>` etc. */
export const receiverPath = (kind: 'ok' | 'fail' | 'redirect' | 'slow') => `/${kind}/${crypto.randomUUID()}`

/** An endpoint of the tenant at the receiver, subscribed to `types` (all by default). */
export async function receiverEndpoint(
  tenant: TestTenant,
  path: string,
  types: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES,
) {
  const made = await createEndpoint(scopeTo(tenant.ctx, tenant.tenantId, tenant.users.admin.id), {
    intent: 'create',
    url: `${env.WEBHOOK_RECEIVER_URL}${path}`,
    eventTypes: [...types],
  })
  if (!made.ok || !made.secret) throw new Error('endpoint not created')
  return { id: made.id, secret: made.secret }
}

/** What the receiver got on paths starting with `prefix`. */
export async function received(prefix: string): Promise<Received[]> {
  const res = await fetch(`${env.WEBHOOK_RECEIVER_URL}/_requests?prefix=${encodeURIComponent(prefix)}`)
  return (await res.json()) as Received[]
}

/**
 * The payloads received, each verified with standardwebhooks' Webhook.verify (throws if one fails).
 * `fakeClock`: sent under a fake clock far ahead, so verify's 5-minute tolerance cannot pass; the
 * signature is then compared with the reference implementation's own `sign` for the same instant.
 */
export async function verifiedEvents(prefix: string, secret: string, opts: { fakeClock?: boolean } = {}) {
  return (await received(prefix)).map((r) => {
    const headers = {
      'webhook-id': r.headers['webhook-id'] ?? '',
      'webhook-timestamp': r.headers['webhook-timestamp'] ?? '',
      'webhook-signature': r.headers['webhook-signature'] ?? '',
    }
    const hook = new Webhook(secret)
    if (opts.fakeClock) {
      const expected = hook.sign(
        headers['webhook-id'],
        new Date(Number(headers['webhook-timestamp']) * 1000),
        r.body,
      )
      if (expected !== headers['webhook-signature']) throw new Error('signature does not verify')
    }
    const payload = (opts.fakeClock ? JSON.parse(r.body) : hook.verify(r.body, headers)) as {
      type: string
      data: Record<string, unknown>
    }
    return { id: headers['webhook-id'], ...payload }
  })
}
