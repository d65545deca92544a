// Opt-outs: add by hand (validated), remove (admins, reason required, audited), LGPD erasure, CSV export.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  auditLog,
  campaignMessages,
  contactLists,
  contacts,
  importRowsRejected,
  suppressions,
} from '../../db/schema'
import { createCampaign, createContactList, personIds } from '../builders'
import { flashOf, harness } from './contacts-support'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

async function optOuts(t: TestTenant) {
  return harness(t).ctx.db.select().from(suppressions).where(eq(suppressions.tenantId, t.tenantId))
}

describe('opt-outs page', () => {
  it('should add a validated number by hand and show it with who added it', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: '0xx11 8765-4321', note: 'Pediu por telefone' },
    })
    expect(flashOf(res)).toMatchObject({
      kind: 'success',
      message: 'optouts.added',
      vars: { phone: '+5511987654321' },
    })
    expect(await optOuts(t)).toEqual([
      expect.objectContaining({
        phoneE164: '+5511987654321',
        reason: 'manual',
        note: 'Pediu por telefone',
        createdBy: t.users.operator.id,
      }),
    ])
    const html = await (await appFetch('/opt-outs', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('data-testid="optout-+5511987654321"')
    expect(html).toContain('Adicionado à mão')
    expect(html).toContain(`operator Loja Teste`)
    const again = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: '11987654321' },
    })
    expect(flashOf(again)).toMatchObject({ message: 'optouts.already' })
    expect(await optOuts(t)).toHaveLength(1)
  })

  it.each([
    ['', 'Preencha este campo.'],
    ['1234', 'Telefone com dígitos de menos'],
    ['(20) 98765-4321', 'DDD inexistente no Brasil'],
    ['+1 202 555 0100', 'Número de outro país'],
  ])('should refuse %j with a clear message', async (phone, message) => {
    const t = await createTestTenant()
    const res = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(message)
    expect(await optOuts(t)).toEqual([])
  })

  it('should update the counters of lists holding the number', async () => {
    const t = await createTestTenant()
    const { id, phones } = await createContactList(harness(t).ctx.db, { tenantId: t.tenantId, count: 5 })
    await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: phones[0]! },
    })
    const list = await harness(t).ctx.db.select().from(contactLists).where(eq(contactLists.id, id)).get()
    expect(list).toMatchObject({ validCount: 4, suppressedCount: 1 })
  })

  it('should let only admins remove, with a required reason kept in the audit log', async () => {
    const t = await createTestTenant()
    await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: '11987654321' },
    })
    const [row] = await optOuts(t)
    const id = String(row?.id)
    const byOperator = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'remove', id, reason: 'engano' },
    })
    expect(byOperator.status).toBe(403)
    const noReason = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'remove', id, reason: '  ' },
    })
    expect(flashOf(noReason)).toMatchObject({ kind: 'error', message: 'optouts.remove.reasonRequired' })
    expect(await optOuts(t)).toHaveLength(1)
    const ok = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'remove', id, reason: 'Cliente pediu para voltar' },
    })
    expect(flashOf(ok)).toMatchObject({ kind: 'success', message: 'optouts.removed' })
    expect(await optOuts(t)).toEqual([])
    const logged = await harness(t)
      .ctx.db.select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, 'optout.remove')))
    expect(logged).toEqual([
      expect.objectContaining({
        userId: t.users.admin.id,
        detail: expect.objectContaining({ phone: '+5511987654321', reason: 'Cliente pediu para voltar' }),
      }),
    ])
  })

  it("should erase a person's data everywhere and keep only the suppression", async () => {
    const t = await createTestTenant()
    const db = harness(t).ctx.db
    const a = await createContactList(db, { tenantId: t.tenantId, count: 3, seed: 1 })
    const phone = a.phones[0]!
    const b = await createContactList(db, { tenantId: t.tenantId, count: 2, seed: 2 })
    await db.insert(contacts).values({
      tenantId: t.tenantId,
      listId: b.id,
      personId: (await personIds(db, t.tenantId, [phone])).get(phone)!,
      name: 'Maria Sigilo',
      phoneE164: phone,
    })
    await db.insert(importRowsRejected).values({
      tenantId: t.tenantId,
      listId: b.id,
      lineNumber: 9,
      raw: `Maria Sigilo;(${phone.slice(3, 5)}) ${phone.slice(5, 10)}-${phone.slice(10)}`,
      reason: 'Telefone repetido',
    })
    const campaign = await createCampaign(db, { tenantId: t.tenantId, listId: a.id })
    await db.insert(campaignMessages).values([
      {
        tenantId: t.tenantId,
        campaignId: campaign.id,
        contactId: 1,
        phoneE164: phone,
        contactName: 'Maria Sigilo',
        renderedText: 'Oi Maria!',
        status: 'read',
      },
      {
        tenantId: t.tenantId,
        campaignId: campaign.id,
        contactId: 2,
        phoneE164: a.phones[1]!,
        contactName: 'Outra',
        renderedText: 'Oi Outra!',
        status: 'sent',
      },
    ])
    const other = await createTestTenant('Outra loja')
    const foreign = await createContactList(other.ctx.db, { tenantId: other.tenantId, count: 1, seed: 1 })

    const noConfirm = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'erase', phone },
    })
    expect(noConfirm.status).toBe(400)
    expect(await noConfirm.text()).toContain('Marque a confirmação')
    const byOperator = await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'erase', phone, confirm: 'on' },
    })
    expect(byOperator.status).toBe(403)

    const res = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'erase', phone, confirm: 'on' },
    })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'optouts.erased', vars: { count: 2 } })
    expect(
      await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, t.tenantId), eq(contacts.phoneE164, phone))),
    ).toEqual([])
    const msgs = await db.select().from(campaignMessages).where(eq(campaignMessages.campaignId, campaign.id))
    expect(msgs.map((m) => [m.phoneE164, m.contactName, m.renderedText, m.status])).toEqual([
      [phone, null, null, 'read'],
      [a.phones[1], 'Outra', 'Oi Outra!', 'sent'],
    ])
    expect(await db.select().from(importRowsRejected).where(eq(importRowsRejected.listId, b.id))).toEqual([])
    expect(await optOuts(t)).toEqual([expect.objectContaining({ phoneE164: phone, reason: 'erased' })])
    expect(await db.select().from(contactLists).where(eq(contactLists.id, a.id)).get()).toMatchObject({
      validCount: 2,
    })
    // another tenant's contact with the same number is untouched
    expect(foreign.phones[0]).toBe(phone)
    expect(await other.ctx.db.select().from(contacts).where(eq(contacts.listId, foreign.id))).toHaveLength(1)
  })

  it('should export the opt-outs as formula-safe CSV in words, with São Paulo times', async () => {
    const t = await createTestTenant()
    await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: '11987654321', note: '=HYPERLINK("x")' },
    })
    // a "SAIR" reply of a contact, 2026-11-23 13:07 UTC = 10:07 in São Paulo
    await harness(t)
      .ctx.db.insert(suppressions)
      .values({
        tenantId: t.tenantId,
        phoneE164: '+5521987654321',
        reason: 'opt_out',
        source: 'SAIR',
        createdAt: Date.UTC(2026, 10, 23, 13, 7),
      })
    const res = await appFetch('/opt-outs/exportar', { cookie: t.users.viewer.cookie })
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="opt-outs-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('\uFEFFTelefone;Motivo;Origem;Observação;Data;Quem')
    // newest first (by id): the one added by hand, then the reply
    expect(lines[1]).toMatch(
      /^"=""\+5511987654321""";Adicionado à mão;À mão;"'=HYPERLINK\(""x""\)";\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};\S/,
    )
    expect(lines[2]).toBe('"=""+5521987654321""";Pediu para sair;"Mensagem ""SAIR""";;23/11/2026 10:07;')
    expect(lines.slice(3)).toEqual([''])
    const en = await appFetch('/opt-outs/exportar', { cookie: `${t.users.viewer.cookie}; disparo_lang=en` })
    const enLines = new TextDecoder().decode(await en.arrayBuffer()).split('\r\n')
    expect(enLines[0]).toBe('Phone;Reason;Source;Note;Date;Who')
    expect(enLines[2]).toBe('"=""+5521987654321""";Asked to leave;"Message ""SAIR""";;23/11/2026 10:07;')
    // the page shows the same words, never the stored code
    const html = await (await appFetch('/opt-outs', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('<td>Mensagem &quot;SAIR&quot;</td>')
    expect(html).toContain('<td>À mão</td>')
  })
})
