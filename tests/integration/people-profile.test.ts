// A person's page (decision 036, issue #15 item 5): every field, lists, consent, opt-out state, the
// timeline across campaigns, editing by operators (not viewers), and the LGPD erase posted from it.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignMessages, contacts, people, suppressions } from '../../db/schema'
import { createCampaign, createContactList } from '../builders'
import { flashOf } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

describe('person page', () => {
  it('should show fields, lists, opt-out and the campaigns timeline, and let operators edit', async () => {
    const t = await createTestTenant()
    const db = t.ctx.db
    const a = await createContactList(db, { tenantId: t.tenantId, name: 'Feira de março', count: 2, seed: 1 })
    const [row] = await db.select().from(contacts).where(eq(contacts.listId, a.id))
    const phone = row!.phoneE164
    await db
      .update(people)
      .set({ name: 'Maria Souza', fields: { cidade: 'Recife' }, consentSource: 'formulário', consentAt: 1 })
      .where(eq(people.id, row!.personId))
    const sent = await createCampaign(db, { tenantId: t.tenantId, name: 'Ofertas de abril', listId: a.id })
    const at = Date.UTC(2026, 3, 2, 15, 0)
    await db.insert(campaignMessages).values({
      tenantId: t.tenantId,
      campaignId: sent.id,
      contactId: row!.id,
      phoneE164: phone,
      status: 'read',
      sentAt: at,
      deliveredAt: at + 60_000,
      readAt: at + 120_000,
      repliedAt: at + 180_000,
    })
    await db
      .insert(suppressions)
      .values({ tenantId: t.tenantId, phoneE164: phone, reason: 'opt_out', source: 'SAIR' })
    const path = `/contatos/pessoas/${row!.personId}`
    const html = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
    for (const part of [
      'Maria Souza',
      phone,
      'Recife',
      'formulário',
      'Feira de março',
      'Ofertas de abril',
      'opt-out desde',
    ])
      expect(html, part).toContain(part)
    expect(html).toContain('02/04/2026')
    // viewers read only: no edit form, no erase form, and a 403 on the action
    expect(html).not.toContain('name="intent" value="update"')
    expect(html).not.toContain('action="/opt-outs"')
    const edit = { intent: 'update', name: 'Maria S. Oliveira', email: 'maria@exemplo.com.br', company: '' }
    expect((await appFetch(path, { cookie: t.users.viewer.cookie, form: edit })).status).toBe(403)
    let res = await appFetch(path, { cookie: t.users.operator.cookie, form: edit })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'person.saved' })
    res = await appFetch(path, { cookie: t.users.operator.cookie, form: { ...edit, email: 'maria@' } })
    expect(flashOf(res)).toMatchObject({ kind: 'error', message: 'person.badEmail' })
    const person = await db.select().from(people).where(eq(people.id, row!.personId)).get()
    expect(person).toMatchObject({
      name: 'Maria S. Oliveira',
      email: 'maria@exemplo.com.br',
      fields: { cidade: 'Recife' },
    })
    // the list keeps its own row
    expect((await db.select().from(contacts).where(eq(contacts.id, row!.id)).get())?.name).toBe(row!.name)
  })

  it('should erase the person from their page (admins), keeping only the opt-out', async () => {
    const t = await createTestTenant()
    const db = t.ctx.db
    const a = await createContactList(db, { tenantId: t.tenantId, count: 2, seed: 4 })
    const [row] = await db.select().from(contacts).where(eq(contacts.listId, a.id))
    const path = `/contatos/pessoas/${row!.personId}`
    const html = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(html).toContain('action="/opt-outs"')
    expect(await (await appFetch(path, { cookie: t.users.operator.cookie })).text()).not.toContain(
      'action="/opt-outs"',
    )
    const res = await appFetch('/opt-outs', {
      cookie: t.users.admin.cookie,
      form: { intent: 'erase', phone: row!.phoneE164, confirm: 'on' },
    })
    expect(res.status).toBe(303)
    expect(await db.select().from(people).where(eq(people.id, row!.personId))).toEqual([])
    const kept = await db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, t.tenantId), eq(suppressions.phoneE164, row!.phoneE164)))
    expect(kept).toMatchObject([{ reason: 'erased' }])
    expect((await appFetch(path, { cookie: t.users.admin.cookie })).status).toBe(404)
  })
})
