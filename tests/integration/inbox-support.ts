// Helpers for the Respostas tests (decision 032): a campaign sent through the WAHA simulator, contacts
// who write back on the simulator's phone (its messages fed to the real events consumer, as the webhook
// route would queue them), and the rows Respostas keeps.
import { eq } from 'drizzle-orm'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { conversations, inboundMessages, inboxAnswers } from '../../db/schema'
import { consumeEvents } from './health-support'
import { ORIGIN, tenantContext } from './helpers/app'
import { campaignRow, createEngineFixture, messages, simJson, waitFor } from './helpers/engine'
import { envelope } from './helpers/waha-events'

/** A finished campaign to `contacts` contacts over one simulated session. */
export async function sentCampaign(contacts: number, seed: number) {
  const f = await createEngineFixture({ contacts, sessions: 1, seed })
  await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), f.campaignId, ORIGIN)
  await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished')
  const rows = (await messages(f.campaignId)).sort((a, b) => a.id - b.id)
  const s = f.sessions[0]!
  return { f, s, rows }
}

type SimMessage = { id: string; chatId: string; body: string; timestamp: number }

/** WAHA's `message` payload for a message a contact typed (GOWS: the chat in `from`). */
export function messagePayload(m: { id: string; chatId: string; body: string }, extra = {}) {
  return {
    id: m.id,
    timestamp: Math.floor(Date.now() / 1000),
    from: m.chatId,
    fromMe: false,
    source: 'app',
    body: m.body,
    to: null,
    participant: null,
    hasMedia: false,
    media: null,
    ack: 2,
    ackName: 'DEVICE',
    ...extra,
  }
}

/**
 * A contact types `text` on the simulator's phone (optionally from their `@lid`); the simulator's
 * `message` event is applied by the real events consumer. Returns the simulator's message.
 */
export async function contactWrites(
  f: { tenant: { tenantId: string } },
  s: { id: string; sessionName: string },
  phone: string,
  text: string,
  opts: { asLid?: boolean } = {},
) {
  const m = await simJson<SimMessage>(`/_sim/sessions/${s.sessionName}/reply`, {
    method: 'POST',
    body: JSON.stringify({ from: phone.replace(/^\+/, ''), text, asLid: opts.asLid === true }),
  })
  const event = envelope('message', s.sessionName, messagePayload(m))
  await consumeEvents(f.tenant.tenantId, s.id, [event])
  return { message: m, event }
}

export async function inboundOf(tenantId: string) {
  const { db } = await tenantContext(tenantId)
  return (await db.select().from(inboundMessages).where(eq(inboundMessages.tenantId, tenantId))).sort(
    (a, b) => a.id - b.id,
  )
}

export async function conversationsOf(tenantId: string) {
  const { db } = await tenantContext(tenantId)
  return (await db.select().from(conversations).where(eq(conversations.tenantId, tenantId))).sort(
    (a, b) => a.id - b.id,
  )
}

export async function answersOf(tenantId: string) {
  const { db } = await tenantContext(tenantId)
  return db.select().from(inboxAnswers).where(eq(inboxAnswers.tenantId, tenantId))
}
