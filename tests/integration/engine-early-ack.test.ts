// The race docs/design.md §3 ("Send", "Events") warns about: WAHA's ack webhook can arrive before our
// sendText call returns the message id. The events consumer keeps such acks (pending_acks); recording the
// send applies them.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sendOne } from '../../app/core/sending/send-one.server'
import { sessionPacing } from '../../app/core/sending/session-config.server'
import type { WahaClient } from '../../app/core/waha/client'
import { campaignMessages, campaigns, contacts, pendingAcks, wahaSessions } from '../../db/schema'
import { createEngineFixture } from './helpers/engine'

describe('acks that race the send call', () => {
  it('should apply acks stored before the send was recorded, and consume them', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 1, seed: 401 })
    const db = f.tenant.ctx.db
    const [contact] = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
    const chatId = `${contact!.phoneE164.slice(1)}@c.us`
    await db.update(contacts).set({ waChatId: chatId }).where(eq(contacts.id, contact!.id))
    await db
      .update(campaigns)
      .set({ status: 'running', dispatchDone: true })
      .where(eq(campaigns.id, f.campaignId))
    const [row] = await db
      .insert(campaignMessages)
      .values({
        tenantId: f.tenant.tenantId,
        campaignId: f.campaignId,
        contactId: contact!.id,
        phoneE164: contact!.phoneE164,
        status: 'queued',
        renderedText: 'Oi!',
      })
      .returning()
    const wahaId = `true_${chatId}_3EB0RACE0000000001`
    await db.insert(pendingAcks).values([
      { wahaMessageId: wahaId, tenantId: f.tenant.tenantId, ack: 3, at: Date.now() - 500 },
      { wahaMessageId: wahaId, tenantId: f.tenant.tenantId, ack: 2, at: Date.now() - 900 },
    ])
    const sessionRow = (await db
      .select()
      .from(wahaSessions)
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
      .get())!
    // A WAHA that answers sendText with that id (the acks above already arrived).
    const client = {
      sendText: async () => ({ ok: true as const, value: { messageId: wahaId, raw: {} } }),
    } as unknown as WahaClient
    const result = await sendOne(
      {
        ctx: f.tenant.ctx,
        session: {
          row: sessionRow,
          pacing: sessionPacing(sessionRow),
          guard: { state: 'saudavel', slow: null, ramp: null },
          client,
        },
        sleep: async () => {},
      },
      { messageId: row!.id, tenantId: f.tenant.tenantId, campaignId: f.campaignId },
    )
    expect(result.kind).toBe('sent')
    const after = await db.select().from(campaignMessages).where(eq(campaignMessages.id, row!.id)).get()
    expect(after).toMatchObject({ status: 'read', wahaMessageId: wahaId })
    expect(after?.deliveredAt).not.toBeNull()
    expect(after?.readAt).not.toBeNull()
    expect(await db.select().from(pendingAcks).where(eq(pendingAcks.wahaMessageId, wahaId))).toEqual([])
  })
})
