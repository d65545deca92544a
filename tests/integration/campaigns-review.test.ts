// The composer's review through the real Worker: counts and sample leave out opted-out and otherwise
// suppressed contacts and say how many of each (and the import's invalid rows) were left out, the
// campaign image is shown in the preview bubble, and a background refresh (the JS fetcher's
// intent=refresh without files) answers the review for what was typed without saving anything.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts, suppressions } from '../../db/schema'
import { campaignFixture, composerForm, PNG_1X1, postComposer, tenantCampaigns } from './campaigns-helpers'
import { appFetch } from './helpers/app'
import { statOf } from './report-support'

describe('review', () => {
  it('should leave out opted-out and suppressed contacts from the counts and the sample, and say so', async () => {
    const f = await campaignFixture()
    const people = await f.ctx.db
      .select({ name: contacts.name, phone: contacts.phoneE164 })
      .from(contacts)
      .where(eq(contacts.listId, f.listId))
      .orderBy(contacts.id)
    await f.ctx.db.insert(suppressions).values([
      { tenantId: f.tenantId, phoneE164: people[0]!.phone, reason: 'opt_out' },
      { tenantId: f.tenantId, phoneE164: people[1]!.phone, reason: 'manual' },
    ])
    await f.ctx.db.update(contactLists).set({ invalidCount: 3 }).where(eq(contactLists.id, f.listId))
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'refresh', 'texts[0]': 'Oi {{nome}}!' }),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(statOf(html, 'review-to-send')).toBe('3')
    expect(statOf(html, 'review-opted-out')).toBe('1')
    expect(statOf(html, 'review-suppressed')).toBe('1')
    expect(statOf(html, 'review-invalid')).toBe('3')
    expect(html).toContain(
      'Ficam de fora: 1 que pediram para sair, 1 bloqueado pela equipe, 3 linhas inválidas da planilha.',
    )
    // The sample: the first three contacts who will get it.
    for (const p of people.slice(2)) expect(html).toContain(`Oi ${p.name}!`)
    for (const p of people.slice(0, 2)) {
      expect(html).not.toContain(`Oi ${p.name}!`)
      expect(html).not.toContain(p.phone)
    }
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should say nobody is left out when nobody is', async () => {
    const f = await campaignFixture()
    const html = await (
      await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'refresh' }))
    ).text()
    expect(statOf(html, 'review-to-send')).toBe('5')
    expect(html).toContain('Ninguém da lista fica de fora.')
  })

  it('should show the campaign image in the preview bubble, new or saved', async () => {
    const f = await campaignFixture()
    const form = composerForm(
      f,
      { intent: 'refresh' },
      { name: 'promo.png', bytes: PNG_1X1, type: 'image/png' },
    )
    const html = await (await postComposer(f.users.operator.cookie, form)).text()
    const src = /data-testid="review-image"[^>]*|<img[^>]*data-testid="review-image"[^>]*/.exec(html)?.[0]
    const url = /src="(\/campanhas\/midia\/[^"]+)"/.exec(src ?? '')?.[1]
    expect(
      url,
      html.slice(html.indexOf('data-testid="review"'), html.indexOf('data-testid="review"') + 400),
    ).toBeTruthy()
    const image = await appFetch(url!, { cookie: f.users.operator.cookie })
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')

    // Saved with the image: the editor's review shows it too.
    const key = /name="mediaKey" value="([^"]+)"/.exec(html)?.[1]
    const save = composerForm(f, { mediaKey: key, mediaType: 'image/png' })
    const saved = await postComposer(f.users.operator.cookie, save)
    expect(saved.status).toBe(303)
    const edit = await (
      await appFetch(saved.headers.get('Location')!, { cookie: f.users.operator.cookie })
    ).text()
    expect(edit).toContain(`src="${url}"`)
  })

  it('should answer a background refresh (no files, what was typed) and keep the list out of it when unknown', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, { intent: 'refresh', listId: 'lst_nao_existe' })
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Escolha uma lista e escreva a mensagem para ver a prévia.')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})
