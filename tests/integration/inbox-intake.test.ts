// Respostas' intake (decision 032) through the real events consumer and the WAHA simulator's phone:
// every reply lands on the right contact and campaign message (@lid senders, with or without the 9th
// digit, several campaigns), an unmatched one is kept "sem campanha", a redelivery adds nothing, and
// edits and revokes change the kept message.
import { describe, expect, it } from 'vitest'
import { newId } from '../../app/core/ids'
import { INBOUND_BODY_MAX } from '../../app/core/inbox/content'
import { campaignMessages, campaigns } from '../../db/schema'
import { consumeEvents, incoming } from './health-support'
import { envelope } from './helpers/waha-events'
import { contactWrites, conversationsOf, inboundOf, messagePayload, sentCampaign } from './inbox-support'

describe('Respostas intake', () => {
  it('should land replies on the right contact and campaign message: @lid, without the 9th digit, unmatched', async () => {
    const { f, s, rows: all } = await sentCampaign(6, 501)
    // A mobile whose old form (without the 9) is still a mobile: 9 then 6-9.
    const old = all.find((r) => /^\+55\d\d9[6-9]/.test(r.phoneE164))!
    const rows = [...all.filter((r) => r !== old).slice(0, 2), old]
    await contactWrites(f, s, rows[0]!.phoneE164, 'Quero saber o preço')
    const viaLid = await contactWrites(f, s, rows[1]!.phoneE164, 'Oi, tenho interesse', { asLid: true })
    expect(viaLid.message.chatId).toMatch(/@lid$/)
    // The same line written without the 9th digit (an account registered before it).
    const legacy = rows[2]!.phoneE164.replace(/^\+55(\d\d)9/, '55$1')
    await consumeEvents(f.tenant.tenantId, s.id, [incoming(s.sessionName, `${legacy}@c.us`, 'Pode ligar')])
    // Someone who never got a campaign.
    await consumeEvents(f.tenant.tenantId, s.id, [incoming(s.sessionName, '5521987650000@c.us', 'Quem é?')])

    const inbound = await inboundOf(f.tenant.tenantId)
    expect(inbound.map((m) => [m.phoneE164, m.campaignMessageId, m.campaignId, m.body])).toEqual([
      [rows[0]!.phoneE164, rows[0]!.id, f.campaignId, 'Quero saber o preço'],
      [rows[1]!.phoneE164, rows[1]!.id, f.campaignId, 'Oi, tenho interesse'],
      [rows[2]!.phoneE164, rows[2]!.id, f.campaignId, 'Pode ligar'],
      ['+5521987650000', null, null, 'Quem é?'],
    ])
    expect(inbound[1]!.chatId).toBe(`${rows[1]!.phoneE164.slice(1)}@c.us`)
    const convs = await conversationsOf(f.tenant.tenantId)
    expect(convs).toHaveLength(4)
    expect(convs.every((c) => c.unread === 1 && c.handledAt === null && c.sessionId === s.id)).toBe(true)
  })

  it('should credit the latest campaign message to that person on that session, across campaigns', async () => {
    const { f, s, rows } = await sentCampaign(1, 502)
    const { db } = f.tenant.ctx
    const phone = rows[0]!.phoneE164
    const later = async (name: string, sessionId: string, sentAt: number) => {
      const id = newId('cmp')
      await db.insert(campaigns).values({
        id,
        tenantId: f.tenant.tenantId,
        name,
        listId: f.list.id,
        texts: ['Oi'],
        sessionIds: [sessionId],
        status: 'finished',
      })
      const [row] = await db
        .insert(campaignMessages)
        .values({
          tenantId: f.tenant.tenantId,
          campaignId: id,
          contactId: rows[0]!.contactId,
          phoneE164: phone,
          status: 'delivered',
          sessionId,
          renderedText: `Oi de ${name}`,
          sentAt,
        })
        .returning({ id: campaignMessages.id })
      return { id, messageId: row!.id }
    }
    // A newer campaign from another number: a reply on this number still answers this number's message.
    await later('Outra loja', 'wses_othersession000', Date.now() + 1000)
    await contactWrites(f, s, phone, 'Primeira')
    const newer = await later('Natal', s.id, Date.now() + 2000)
    await contactWrites(f, s, phone, 'Segunda')
    const inbound = await inboundOf(f.tenant.tenantId)
    expect(inbound.map((m) => [m.body, m.campaignId, m.campaignMessageId])).toEqual([
      ['Primeira', f.campaignId, rows[0]!.id],
      ['Segunda', newer.id, newer.messageId],
    ])
    const [conv] = await conversationsOf(f.tenant.tenantId)
    expect(conv).toMatchObject({ phoneE164: phone, unread: 2, lastBody: 'Segunda' })
  })

  it('should keep one message per WAHA id under redelivery, in one batch or many', async () => {
    const { f, s, rows } = await sentCampaign(1, 503)
    const { event } = await contactWrites(f, s, rows[0]!.phoneE164, 'Oi')
    await consumeEvents(f.tenant.tenantId, s.id, [event, event])
    await consumeEvents(f.tenant.tenantId, s.id, [event])
    expect(await inboundOf(f.tenant.tenantId)).toHaveLength(1)
    expect((await conversationsOf(f.tenant.tenantId))[0]).toMatchObject({ unread: 1 })
  })

  it('should apply edits and revokes of a kept message, and ignore ours and unknown ones', async () => {
    const { f, s, rows } = await sentCampaign(2, 504)
    const first = await contactWrites(f, s, rows[0]!.phoneE164, 'Quero 2 unidades')
    const second = await contactWrites(f, s, rows[1]!.phoneE164, 'Mensagem errada')
    const key = (id: string) => id.split('_').at(-1)!
    const edited = envelope('message.edited', s.sessionName, {
      ...messagePayload({
        ...first.message,
        id: `false_${first.message.chatId}_EDIT0001`,
        body: 'Quero 3 unidades',
      }),
      editedMessageId: key(first.message.id),
    })
    const revoked = envelope('message.revoked', s.sessionName, {
      revokedMessageId: key(second.message.id),
      after: messagePayload({ ...second.message, id: `false_${second.message.chatId}_REVOKE01`, body: '' }),
      before: null,
    })
    const unknown = envelope('message.revoked', s.sessionName, { revokedMessageId: 'NOSUCHKEY', after: null })
    await consumeEvents(f.tenant.tenantId, s.id, [edited, revoked, unknown, edited])
    const [a, b] = await inboundOf(f.tenant.tenantId)
    expect(a).toMatchObject({ body: 'Quero 3 unidades', originalBody: 'Quero 2 unidades', revokedAt: null })
    expect(a!.editedAt).not.toBeNull()
    expect(b).toMatchObject({ body: '', media: null })
    expect(b!.revokedAt).not.toBeNull()
    expect(await inboundOf(f.tenant.tenantId)).toHaveLength(2)
  })

  it('should keep an oversized text cut with a flag, and attachments by type and name', async () => {
    const { f, s, rows } = await sentCampaign(1, 505)
    const chat = `${rows[0]!.phoneE164.slice(1)}@c.us`
    const long = envelope(
      'message',
      s.sessionName,
      messagePayload({
        id: `false_${chat}_LONG0001`,
        chatId: chat,
        body: 'x'.repeat(INBOUND_BODY_MAX + 500),
      }),
    )
    const pdf = envelope(
      'message',
      s.sessionName,
      messagePayload(
        { id: `false_${chat}_PDF00001`, chatId: chat, body: 'Segue o comprovante' },
        {
          hasMedia: true,
          media: {
            url: 'http://waha/api/files/x.pdf',
            mimetype: 'application/pdf',
            filename: 'comprovante.pdf',
          },
        },
      ),
    )
    await consumeEvents(f.tenant.tenantId, s.id, [long, pdf])
    const [a, b] = await inboundOf(f.tenant.tenantId)
    expect(a!.body).toHaveLength(INBOUND_BODY_MAX)
    expect(a!.truncated).toBe(true)
    expect(b).toMatchObject({
      type: 'document',
      body: 'Segue o comprovante',
      media: { mimetype: 'application/pdf', filename: 'comprovante.pdf' },
    })
  })
})
