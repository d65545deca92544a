// Helpers for the health loop's integration tests: WAHA events through the real events consumer,
// the real cron, the guard's stored regime and histories, and "time travel" for one number (its
// stored instants moved back, as if the time had passed).

import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { newId } from '../../app/core/ids'
import type { EventJob } from '../../app/core/queue-messages'
import { campaigns } from '../../db/schema'
import worker from '../../workers/app'
import { createContactList } from '../builders'
import { campaignD1, sessionD1 } from './helpers/app'
import type { EngineFixture } from './helpers/engine'
import { envelope } from './helpers/waha-events'

/** An ack webhook (-1 ERROR, 2 DEVICE, 3 READ) for one of our messages. */
export function ack(session: string, id: string, chatId: string, value: number) {
  const names: Record<number, string> = { [-1]: 'ERROR', 1: 'SERVER', 2: 'DEVICE', 3: 'READ' }
  return envelope('message.ack', session, {
    id,
    from: chatId,
    to: null,
    participant: null,
    fromMe: true,
    ack: value,
    ackName: names[value],
  })
}

/** A message from a contact (a reply, or "SAIR"). */
export function incoming(session: string, from: string, body: string) {
  return envelope('message', session, {
    id: `false_${from}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`,
    timestamp: Math.floor(Date.now() / 1000),
    from,
    fromMe: false,
    source: 'app',
    body,
    to: null,
    participant: null,
    hasMedia: false,
    ack: 2,
    ackName: 'DEVICE',
  })
}

/** Runs WAHA events through the real events queue consumer. */
export async function consumeEvents(tenantId: string, sessionId: string, events: unknown[]) {
  const batch = createMessageBatch<EventJob>(
    'disparo-events',
    events.map((event, i) => ({
      id: `e${i}_${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: 1,
      body: { type: 'waha-event', v: 1, tenantId, sessionId, event },
    })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, env, ctx)
  return getQueueResult(batch, ctx)
}

/** One run of the real cron at a minute the health guard runs (a multiple of five). */
export async function runCron() {
  const at = new Date()
  at.setUTCMinutes(0)
  const controller = createScheduledController({ scheduledTime: at, cron: '* * * * *' })
  const ctx = createExecutionContext()
  await worker.scheduled(controller, env, ctx)
  await waitOnExecutionContext(ctx)
}

export async function healthRow(sessionId: string) {
  return (await sessionD1(sessionId))
    .prepare('SELECT * FROM session_health WHERE session_id = ?')
    .bind(sessionId)
    .first<{
      state: string
      score: number
      paused_until: number | null
      ramp_started_at: number | null
      evidence_since: number | null
      reasons: string
    }>()
}

export async function sessionRow(sessionId: string) {
  return (await sessionD1(sessionId))
    .prepare('SELECT status, paused_until, paused_reason FROM waha_sessions WHERE id = ?')
    .bind(sessionId)
    .first<{ status: string; paused_until: number | null; paused_reason: string | null }>()
}

export async function sessionEvents(sessionId: string, kind: string) {
  const { results } = await (await sessionD1(sessionId))
    .prepare(
      'SELECT key, at, detail, user_id FROM session_events WHERE session_id = ? AND kind = ? ORDER BY at',
    )
    .bind(sessionId, kind)
    .all<{ key: string; at: number; detail: string | null; user_id: string | null }>()
  return results
}

export async function healthNotes(campaignId: string) {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      "SELECT detail, user_id FROM campaign_events WHERE campaign_id = ? AND kind = 'health' ORDER BY id",
    )
    .bind(campaignId)
    .all<{ detail: string; user_id: string | null }>()
  return results.map((r) => ({
    ...(JSON.parse(r.detail) as {
      action: string
      session: string
      state: string
      until?: number
      cap?: number
    }),
    userId: r.user_id,
  }))
}

/** Moves every stored instant of one number back by `ms`, as if that much time had passed. */
export async function ageSession(sessionId: string, ms: number) {
  const d1 = await sessionD1(sessionId)
  await d1.batch([
    d1.prepare('UPDATE session_events SET at = at - ? WHERE session_id = ?').bind(ms, sessionId),
    d1
      .prepare(
        `UPDATE session_health SET state_since = state_since - ?1, evaluated_at = evaluated_at - ?1,
        paused_until = paused_until - ?1, ramp_started_at = ramp_started_at - ?1, evidence_since = evidence_since - ?1
       WHERE session_id = ?2`,
      )
      .bind(ms, sessionId),
    d1.prepare('UPDATE waha_sessions SET paused_until = paused_until - ? WHERE id = ?').bind(ms, sessionId),
    d1
      .prepare(
        'UPDATE session_health_hours SET hour_start = hour_start - ?1, computed_at = computed_at - ?1 WHERE session_id = ?2',
      )
      .bind(Math.floor(ms / 3_600_000) * 3_600_000, sessionId),
  ])
  await d1
    .prepare(
      `UPDATE campaign_messages SET sent_at = sent_at - ?1, sending_at = sending_at - ?1, queued_at = queued_at - ?1
     WHERE session_id = ?2`,
    )
    .bind(ms, sessionId)
    .run()
}

/** Another draft campaign of the fixture's tenant over `sessionIds`, with a fresh list. */
export async function anotherCampaign(
  f: EngineFixture,
  sessionIds: string[],
  contacts: number,
  seed: number,
) {
  const list = await createContactList(f.tenant.ctx.db, {
    tenantId: f.tenant.tenantId,
    count: contacts,
    seed,
  })
  const id = newId('cmp')
  await f.tenant.ctx.db.insert(campaigns).values({
    id,
    tenantId: f.tenant.tenantId,
    name: `Campanha ${seed}`,
    listId: list.id,
    texts: ['Oi {{primeiro_nome}}, {novidade|promoção} para você'],
    sessionIds,
    simulateTyping: false,
  })
  return { id, list }
}
