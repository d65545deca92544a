// Follow-up steps (decision 040) in the engine tests: a campaign with steps launched through the real
// path (launch -> dispatch queue -> sends queue -> SenderSession -> WAHA simulator), the people's
// reactions fed through the real events consumer (acks, replies, votes) and the tracked-link route, and
// the due job run with a clock moved past the step's delay.
import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import type { FollowUpStep } from '../../app/core/campaigns/steps'
import { runDueSteps } from '../../app/core/campaigns/steps.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { type campaignMessages, campaigns } from '../../db/schema'
import { ack, consumeEvents, incoming } from './health-support'
import { acrossShards, appFetch, campaignD1, campaignDb, ORIGIN } from './helpers/app'
import { createEngineFixture, type EngineFixture, messages, simJson, waitFor } from './helpers/engine'
import { envelope } from './helpers/waha-events'

export const HOUR = 60 * 60 * 1000

export function step(over: Partial<FollowUpStep>): FollowUpStep {
  return {
    texts: ['Oi de novo {{primeiro_nome}}'],
    poll: null,
    delayMinutes: 60,
    audience: 'no_reply',
    option: null,
    ...over,
  }
}

/** A campaign with `steps` (and its first message's poll, confirmation…) launched; first sends settled. */
export async function launchWithSteps(
  contacts: number,
  set: Partial<typeof campaigns.$inferInsert>,
): Promise<EngineFixture> {
  const f = await createEngineFixture({
    contacts,
    texts: ['Olá {{primeiro_nome}}, veja https://loja.example/oferta'],
  })
  await f.tenant.ctx.db.update(campaigns).set(set).where(eq(campaigns.id, f.campaignId))
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
  await stepSettled(f.campaignId, 0, contacts)
  return f
}

/** Resolves once `count` rows of the step exist and none waits or is in flight. */
export async function stepSettled(campaignId: string, k: number, count: number, timeoutMs = 30_000) {
  await waitFor(
    async () => {
      const rows = (await messages(campaignId)).filter((r) => r.step === k)
      return rows.length === count && rows.every((r) => !['pending', 'queued', 'sending'].includes(r.status))
    },
    `step ${k} settled`,
    timeoutMs,
  )
}

export async function rowsOf(campaignId: string, k: number) {
  return (await messages(campaignId)).filter((r) => r.step === k).sort((a, b) => a.contactId - b.contactId)
}

export const chatOf = (phone: string) => `${phone.replace(/\D/g, '')}@c.us`

/** The due job, as the cron runs it, at `now + ahead`. */
export function dueJob(ahead: number) {
  return acrossShards(runDueSteps, { clock: () => Date.now() + ahead })
}

type Row = typeof campaignMessages.$inferSelect

export async function reply(f: EngineFixture, row: Row, body: string) {
  const s = f.sessions[0]!
  return consumeEvents(f.tenant.tenantId, s.id, [incoming(s.sessionName, chatOf(row.phoneE164), body)])
}

export async function read(f: EngineFixture, row: Row) {
  const s = f.sessions[0]!
  return consumeEvents(f.tenant.tenantId, s.id, [
    ack(s.sessionName, row.wahaMessageId!, chatOf(row.phoneE164), 3),
  ])
}

/** The person follows the tracked link of their row (the public /l/:token route). */
export async function click(row: Row) {
  const link = await (await campaignD1(row.campaignId))
    .prepare('SELECT token FROM campaign_links WHERE message_id = ?')
    .bind(row.id)
    .first<{ token: string }>()
  const res = await appFetch(`/l/${link!.token}`)
  expect(res.status).toBe(302)
}

/** The person votes on the simulator's phone; the event goes through the real consumer. */
export async function vote(f: EngineFixture, row: Row, options: string[]) {
  const s = f.sessions[0]!
  const emitted = await simJson<{ event: string; payload: Record<string, unknown> }>(
    `/_sim/sessions/${s.sessionName}/vote`,
    { method: 'POST', body: JSON.stringify({ pollId: row.wahaMessageId, options }) },
  )
  return consumeEvents(f.tenant.tenantId, s.id, [envelope(emitted.event, s.sessionName, emitted.payload)])
}

/** Messages WhatsApp got per chat at the simulator (what each person really received). */
export async function simSends(f: EngineFixture) {
  const r = await simJson<{ calls: Array<{ endpoint: string; chatId: string; outcome: string }> }>(
    `/_sim/sends?session=${f.sessions[0]!.sessionName}`,
  )
  return r.calls.filter(
    (c) => c.endpoint.startsWith('send') && c.endpoint !== 'sendSeen' && c.outcome === 'sent',
  )
}

export async function campaignStatus(id: string) {
  const row = await (await campaignDb(id))
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id)))
    .get()
  return row!
}
