// For `npm run bench:rowsize`: fills a local D1 (the real migrations, Miniflare's workerd) through the
// real code paths — the import's writeStep, dispatchPage, the sender's claim and outcome statements,
// the events consumer's applyEvents (acks, replies, SAIR), tracked-link clicks, finishIfDone and the
// health guard — and counts D1's own rows written per phase (D1Meter).
import { and, eq, inArray } from 'drizzle-orm'
import { finishIfDone } from '../../app/core/campaigns/lifecycle.server'
import type { AppContext } from '../../app/core/context.server'
import { getDb } from '../../app/core/db/client.server'
import { evaluateSessionHealth } from '../../app/core/health/guard.server'
import { dispatchPage } from '../../app/core/sending/dispatch.server'
import { claimStatement, outcomeStatement } from '../../app/core/sending/outbox.server'
import type { AttemptOutcome } from '../../app/core/sending/outbox-types'
import { protectionHolds } from '../../app/core/sending/protection.server'
import { text } from '../../app/i18n/text'
import { campaignMessages, contacts, pendingAcks } from '../../db/schema'
import { seededRandom } from '../builders'
import { applyAcks, repliesAndClicks } from './rowsize-events'
import type { D1Meter } from './rowsize-meter'
import { setUpTenant, type Tenant } from './rowsize-tenant'

const HOUR = 3_600_000
const noQueue = { send: async () => {}, sendBatch: async () => {} }

/** How many rows each life step touched (the denominators of "rows written per …"). */
export type LifeCounts = Record<
  'created' | 'claimed' | 'sent' | 'delivered' | 'read' | 'replies' | 'clicks' | 'evaluations' | 'contacts',
  number
>

export async function fillDatabase(
  d1: D1Database,
  meter: D1Meter,
  opts: { tenants: number; contactsPerTenant: number },
): Promise<LifeCounts> {
  let now = Date.UTC(2026, 10, 9, 11, 0) // 08:00 in São Paulo
  const random = seededRandom(2029)
  const ctx = {
    db: getDb(d1),
    control: getDb(d1),
    shard: 'DB',
    env: { DB: d1, SEND_QUEUE: noQueue, DISPATCH_QUEUE: noQueue, EVENTS_QUEUE: noQueue } as unknown as Env,
    config: { tenantShards: ['DB'] } as unknown as AppContext['config'],
    clock: () => now,
    random,
  } satisfies AppContext
  const { db } = ctx
  const counts: LifeCounts = {
    created: 0,
    claimed: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replies: 0,
    clicks: 0,
    evaluations: 0,
    contacts: 0,
  }
  const all: Tenant[] = []
  for (let t = 0; t < opts.tenants; t++) all.push(await setUpTenant(ctx, meter, t, opts.contactsPerTenant))
  counts.contacts = opts.tenants * opts.contactsPerTenant

  // Two campaigns per tenant over its list, two days apart (the person gap is 24 h).
  for (const round of [0, 1]) {
    const round_ = all.map((t) => ({ tenant: t, campaignId: t.campaigns[round]! }))
    meter.phase = 'dispatch'
    for (let open = round_.slice(); open.length > 0; ) {
      const next: typeof open = []
      for (const c of open) {
        const r = await dispatchPage(ctx, {
          type: 'dispatch',
          v: 1,
          tenantId: c.tenant.id,
          campaignId: c.campaignId,
        })
        counts.created += r.created
        if (r.state === 'continued') next.push(c)
        now += 2_000
      }
      open = next
    }
    const rows = await db
      .select({
        id: campaignMessages.id,
        tenantId: campaignMessages.tenantId,
        phone: campaignMessages.phoneE164,
      })
      .from(campaignMessages)
      .where(
        and(
          inArray(
            campaignMessages.campaignId,
            round_.map((c) => c.campaignId),
          ),
          eq(campaignMessages.status, 'queued'),
        ),
      )
    const sent: Array<{
      tenantId: string
      session: Tenant['sessions'][number]
      wahaId: string
      phone: string
      id: number
    }> = []
    for (let i = 0; i < rows.length; i += 40) {
      const part = rows.slice(i, i + 40)
      const attempts = part.map((r) => {
        const tenant = all.find((t) => t.id === r.tenantId)!
        const session = tenant.sessions[r.id % tenant.sessions.length]!
        return {
          row: r,
          session,
          attemptId: `a${r.id.toString(36)}${Math.floor(random() * 1e9).toString(36)}`,
        }
      })
      meter.phase = 'claim'
      const budget = (id: string) => ({
        id,
        firstContactDailyBudget: 0,
        dailyCap: 500,
        timeZone: 'America/Sao_Paulo',
      })
      const claimed = (await db.batch(
        attempts.map((a) =>
          claimStatement(
            db,
            { messageId: a.row.id, tenantId: a.row.tenantId },
            a.session.id,
            a.attemptId,
            now,
            protectionHolds(budget(a.session.id), now),
          ),
        ) as unknown as Parameters<typeof db.batch>[0],
      )) as unknown as Array<Array<{ id: number; contactId: number; contactChatId: string | null }>>
      meter.phase = 'outcome'
      const writes = []
      for (const [k, a] of attempts.entries()) {
        const msg = claimed[k]?.[0]
        if (!msg) continue
        counts.claimed++
        now += 1_500
        const chatId = `${a.row.phone.slice(1)}@c.us`
        const roll = random()
        const outcome: AttemptOutcome =
          roll < 0.03
            ? { kind: 'failed', text: text('send.not_on_whatsapp'), errorKind: 'not_on_whatsapp' }
            : roll < 0.04
              ? { kind: 'unknown', text: text('send.stuck'), errorKind: 'timeout' }
              : {
                  kind: 'sent',
                  wahaMessageId: `true_${chatId}_3EB0${Math.floor(random() * 2 ** 52)
                    .toString(16)
                    .toUpperCase()
                    .padStart(16, '0')}`,
                }
        if (outcome.kind === 'sent') {
          writes.push(
            db
              .select()
              .from(pendingAcks)
              .where(eq(pendingAcks.wahaMessageId, outcome.wahaMessageId ?? '')),
          )
          sent.push({
            tenantId: a.row.tenantId,
            session: a.session,
            wahaId: outcome.wahaMessageId ?? '',
            phone: a.row.phone,
            id: a.row.id,
          })
        }
        writes.push(outcomeStatement(db, msg.id, a.attemptId, outcome, [a.session.id], now))
        if (!msg.contactChatId)
          writes.push(db.update(contacts).set({ waChatId: chatId }).where(eq(contacts.id, msg.contactId)))
      }
      if (writes.length > 0) await db.batch(writes as unknown as Parameters<typeof db.batch>[0])
    }
    counts.sent += sent.length
    await applyAcks(ctx, meter, sent, counts, random, () => (now += 20_000))
    await repliesAndClicks(
      ctx,
      meter,
      sent,
      round_.map((c) => c.campaignId),
      counts,
      random,
      () => (now += 60_000),
    )
    meter.phase = 'finish'
    for (const c of round_) await finishIfDone(ctx, c.campaignId)
    meter.phase = 'health'
    for (let h = 0; h < 12; h++, now += HOUR)
      for (const t of all)
        for (const s of t.sessions) {
          const r = await evaluateSessionHealth(ctx, s.id, { force: true })
          if (r?.evaluated) counts.evaluations++
        }
    now += 36 * HOUR
  }
  return counts
}
