/**
 * Webhook dispatcher: builds WAHA's envelope once per event and POSTs the same bytes to every
 * matching webhook (session config.webhooks[] plus the global ones), signed with HMAC-SHA512 over
 * the exact body, retried per the webhook's policy with the same X-Webhook-Request-Id.
 * Fire and forget, like WAHA: nothing waits for a delivery and order across events is not kept.
 */
import { createHmac } from 'node:crypto'
import { newEventId, newRequestId } from './ids'
import { engineOf, pushBounded, type Sim } from './sim-state'
import type { SimSession, WebhookConfig } from './types'

/** WAHA Plus sender defaults when a webhook has no `retries` (CONTRACT §7). */
const DEFAULT_RETRIES = { policy: 'constant' as const, delaySeconds: 2, attempts: 15 }

export function environmentOf(sim: Sim, session?: SimSession) {
  const engine = session ? engineOf(sim, session) : sim.settings.engine
  return {
    version: sim.version,
    engine,
    tier: 'CORE',
    browser: engine === 'WEBJS' ? '/usr/bin/chromium' : null,
    platform: 'linux/x64',
    worker: { id: null },
  }
}

export function signBody(key: string, body: string): string {
  return createHmac('sha512', key).update(body).digest('hex')
}

function wants(hook: WebhookConfig, event: string): boolean {
  return Array.isArray(hook.events) && (hook.events.includes(event) || hook.events.includes('*'))
}

/** Sends `event` for `session` to every webhook that subscribed to it. */
export function emitEvent(sim: Sim, session: SimSession, event: string, payload: unknown) {
  const hooks = [...(session.config?.webhooks ?? []), ...sim.globalWebhooks].filter((hook) =>
    wants(hook, event),
  )
  if (hooks.length === 0) return
  const now = sim.now()
  const envelope = {
    id: newEventId(now, sim.random),
    timestamp: now,
    event,
    session: session.name,
    metadata: session.config?.metadata,
    me: session.paired ?? undefined,
    payload,
    engine: engineOf(sim, session),
    environment: environmentOf(sim, session),
  }
  const body = JSON.stringify(envelope)
  for (const hook of hooks) {
    void deliver(sim, hook, { session: session.name, event, eventId: envelope.id, body })
  }
}

function retryDelayMs(sim: Sim, hook: WebhookConfig, retry: number): number {
  const policy = hook.retries?.policy ?? DEFAULT_RETRIES.policy
  const base =
    (hook.retries?.delaySeconds ?? DEFAULT_RETRIES.delaySeconds) *
    1000 *
    sim.settings.timings.webhookRetryScale
  if (policy === 'linear') return base * retry
  if (policy === 'exponential') return base * 2 ** (retry - 1) * (0.8 + sim.random() * 0.4)
  return base
}

/**
 * Deliveries in flight at once per simulator, like a sender's connection pool; the rest wait their
 * turn. Without a cap, a burst of acks to a busy receiver held thousands of sockets open and ran the
 * simulator out of file descriptors (`npm run bench:send`).
 */
const MAX_IN_FLIGHT = 64
const pools = new WeakMap<Sim, { busy: number; waiting: Array<() => void> }>()

async function takeSlot(sim: Sim): Promise<void> {
  let pool = pools.get(sim)
  if (!pool) {
    pool = { busy: 0, waiting: [] }
    pools.set(sim, pool)
  }
  if (pool.busy < MAX_IN_FLIGHT) {
    pool.busy++
    return
  }
  const wait = pool.waiting
  await new Promise<void>((resolve) => wait.push(resolve))
}

/** Hands the slot to the next waiting delivery, or frees it. */
function giveSlot(sim: Sim): void {
  const pool = pools.get(sim)
  if (!pool) return
  const next = pool.waiting.shift()
  if (next) next()
  else pool.busy--
}

async function deliver(
  sim: Sim,
  hook: WebhookConfig,
  event: { session: string; event: string; eventId: string; body: string },
) {
  const { scheduler } = sim
  const { timings } = sim.settings
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'User-Agent': `WAHA/${sim.version}`,
    'X-Webhook-Request-Id': newRequestId(),
    'X-Webhook-Timestamp': String(sim.now()),
  }
  if (hook.hmac?.key) {
    headers['X-Webhook-Hmac'] = signBody(hook.hmac.key, event.body)
    headers['X-Webhook-Hmac-Algorithm'] = 'sha512'
  }
  for (const header of hook.customHeaders ?? []) headers[header.name] = header.value
  const retries = Math.max(0, Math.floor(hook.retries?.attempts ?? DEFAULT_RETRIES.attempts))

  if (timings.webhookJitterMs > 0) await scheduler.sleep(sim.random() * timings.webhookJitterMs)
  for (let attempt = 0; attempt <= retries && !scheduler.disposed; attempt++) {
    if (attempt > 0) await scheduler.sleep(retryDelayMs(sim, hook, attempt))
    if (scheduler.disposed) return
    await takeSlot(sim)
    if (scheduler.disposed) {
      giveSlot(sim)
      return
    }
    const record = {
      at: sim.now(),
      session: event.session,
      event: event.event,
      eventId: event.eventId,
      requestId: headers['X-Webhook-Request-Id']!,
      url: hook.url,
      attempt: attempt + 1,
    }
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers,
        body: event.body,
        signal: scheduler.signal(timings.webhookTimeoutMs),
      })
      await response.arrayBuffer().catch(() => undefined)
      pushBounded(sim.webhookLog, { ...record, status: response.status })
      if (response.ok) return
    } catch (error) {
      if (scheduler.disposed) return
      const message =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error)
      pushBounded(sim.webhookLog, { ...record, error: message })
    } finally {
      giveSlot(sim)
    }
  }
  if (!scheduler.disposed)
    sim.log(`[waha-sim] webhook ${event.event} to ${hook.url} gave up after ${retries + 1} attempts`)
}
