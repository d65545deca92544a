// Risk before launch through the real Worker (decision 023), the JavaScript-off path: plain POSTs of
// the composer. The review shows the level, its reasons in words, the finish time with the warm-up
// counted, and the one-click fixes as submit buttons; each fix comes back as the composer's fields
// changed and a fresh review, and nothing is saved.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { FIRST_CONTACTS_SAMPLE, firstContactsEstimate } from '../../app/core/campaigns/launch-risk.server'
import { OPT_OUT_LINE } from '../../app/core/campaigns/launch-risk-text'
import { scopeTo } from '../../app/core/db/tenant.server'
import { campaignMessages, contactLists, contacts, wahaSessions } from '../../db/schema'
import { createCampaign, createContactList, createWahaSession, personIds } from '../builders'
import { makeSegment } from './audience-support'
import {
  type CampaignFixture,
  campaignFixture,
  campaignRow,
  composerForm,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import type { TestTenant } from './helpers/app'

/** The page's text with tags dropped and entities decoded (what a person reads). */
function words(html: string): string {
  return html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}
/** Outbox rows written straight in (history of older campaigns), in chunks D1 accepts. */
async function insertRows(f: CampaignFixture, rows: (typeof campaignMessages.$inferInsert)[]) {
  // 5 rows per insert: a row binds a dozen values (the step of decision 040 made it 11) and D1 takes 100.
  for (let i = 0; i < rows.length; i += 5)
    await f.ctx.db.insert(campaignMessages).values(rows.slice(i, i + 5))
}
const section = (html: string, testId: string) => {
  const at = html.indexOf(`data-testid="${testId}"`)
  if (at < 0) return ''
  const end = html.indexOf('</section>', at)
  return html.slice(at, end < 0 ? undefined : end)
}
const levelOf = (html: string) => /data-testid="risk" data-level="(\w+)"/.exec(html)?.[1] ?? null
const reasonsOf = (html: string) =>
  [...section(html, 'risk').matchAll(/data-reason="(\w+)"/g)].map((m) => m[1])
const fixOf = (html: string, kind: string) =>
  new RegExp(`<button[^>]*value="(risk-fix:[^"]*)"[^>]*data-testid="risk-fix-${kind}"`).exec(html)?.[1] ??
  new RegExp(`<button[^>]*data-testid="risk-fix-${kind}"[^>]*value="(risk-fix:[^"]*)"`).exec(html)?.[1] ??
  null
const inputValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1] ??
  null
const textareaOf = (html: string, name: string) =>
  words(
    new RegExp(`<textarea[^>]*name="${name.replace(/[[\]]/g, '\\$&')}"[^>]*>([^<]*)</textarea>`).exec(
      html,
    )?.[1] ?? '',
  ).trim()

/** 60 contacts, one session sending all day every day, warm-up on or off, connected today. */
async function riskFixture(opts: { warmup: boolean }): Promise<CampaignFixture> {
  const f = await campaignFixture()
  const list = await createContactList(f.ctx.db, {
    tenantId: f.tenantId,
    count: 60,
    name: 'Sessenta',
    seed: 11,
  })
  await f.ctx.db
    .update(wahaSessions)
    .set({
      windowDays: '0,1,2,3,4,5,6',
      windowStartMin: 0,
      windowEndMin: 1440,
      packageMin: 0,
      packageMax: 0,
      warmupEnabled: opts.warmup,
      firstConnectedAt: Date.now(),
    })
    .where(eq(wahaSessions.id, f.working))
  return { ...f, listId: list.id, phones: list.phones }
}

/** An earlier campaign of the working number reached every contact of the list yesterday. */
async function wroteToEveryone(f: Awaited<ReturnType<typeof riskFixture>>) {
  const old = await createCampaign(f.ctx.db, { tenantId: f.tenantId, listId: f.listId, status: 'finished' })
  await insertRows(
    f,
    f.phones.map((phone, i) => ({
      tenantId: f.tenantId,
      campaignId: old.id,
      contactId: i + 1,
      phoneE164: phone,
      status: 'read',
      sessionId: f.working,
      sentAt: Date.now() - 86_400_000,
    })),
  )
}

const CARELESS = 'Promoção hoje! Veja bit.ly/promo'

async function review(
  f: CampaignFixture,
  fields: Record<string, string | string[] | undefined>,
  campaignId?: string,
) {
  const res = await postComposer(
    f.users.operator.cookie,
    composerForm(f, { intent: 'refresh', ...fields }),
    campaignId,
  )
  return { status: res.status, html: await res.text() }
}

describe('risk before launch', () => {
  it('shows the level and every reason in words, with the fixes that exist', async () => {
    const f = await riskFixture({ warmup: false })
    const { status, html } = await review(f, { 'texts[0]': CARELESS })
    expect(status).toBe(200)
    expect(levelOf(html)).toBe('alto')
    expect(reasonsOf(html)).toEqual(['oneText', 'noName', 'shortLink', 'firstContacts', 'noOptOut'])
    const text = words(section(html, 'risk'))
    expect(text).toContain('Risco do envio: alto')
    expect(text).toContain('Os 60 contatos recebem o mesmo texto.')
    expect(text).toContain('1 texto não chama a pessoa pelo nome: use {{primeiro_nome}} ou {{nome}}.')
    expect(text).toContain('Link encurtado (bit.ly)')
    expect(text).toContain('60 contatos (100% da lista) nunca receberam mensagem destes números')
    expect(text).toContain('1 texto não diz como parar de receber')
    // 60 in a day on one number: half is 30 a day; twice the 30–60 s gap.
    expect(fixOf(html, 'addVariant')).toBe('risk-fix:addVariant')
    expect(fixOf(html, 'spreadDays')).toBe('risk-fix:spreadDays:30')
    expect(fixOf(html, 'slowDown')).toBe('risk-fix:slowDown:60:120')
    expect(fixOf(html, 'addOptOut')).toBe('risk-fix:addOptOut')
    expect(text).toContain('Espalhar em mais dias (até 30 mensagens por dia por número)')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('is low for a careful campaign, in English too', async () => {
    const f = await riskFixture({ warmup: true })
    // Numbers that already wrote to everyone: no first contacts.
    await wroteToEveryone(f)
    const careful =
      '{Oi|Olá} {{primeiro_nome}}! Novidades em https://loja.example.com.br. Responda SAIR para não receber mais.'
    const { html } = await review(f, { 'texts[0]': careful })
    expect(levelOf(html)).toBe('baixo')
    expect(words(section(html, 'risk'))).toContain('Nada nesta campanha chama atenção do WhatsApp.')
    expect(html).not.toContain('data-testid="risk-fix-')

    const en = await postComposer(
      `${f.users.operator.cookie}; disparo_lang=en`,
      composerForm(f, { intent: 'refresh', 'texts[0]': CARELESS }),
    )
    const enText = words(section(await en.text(), 'risk'))
    expect(enText).toContain('Sending risk: high')
    expect(enText).toContain('Shortened link (bit.ly)')
    expect(enText).toContain('1 text does not say how to stop receiving')
  })

  it('counts as first contacts only the people the chosen numbers never wrote to', async () => {
    const f = await riskFixture({ warmup: false })
    const other = await createWahaSession(f.ctx.db, { tenantId: f.tenantId, displayName: 'Outro número' })
    const old = await createCampaign(f.ctx.db, { tenantId: f.tenantId, listId: f.listId, status: 'finished' })
    const row = (phone: string, i: number, sessionId: string, sentAt: number | null) => ({
      tenantId: f.tenantId,
      campaignId: old.id,
      contactId: i + 1,
      phoneE164: phone,
      status: sentAt ? 'delivered' : 'failed',
      sessionId,
      sentAt,
    })
    // This number wrote to 40 of the 60 and only tried the other 20 (a failed attempt is not a
    // message the person got); another number wrote to 5 of those 20.
    const hourAgo = Date.now() - 3_600_000
    await insertRows(
      f,
      f.phones.slice(0, 40).map((p, i) => row(p, i, f.working, hourAgo)),
    )
    const old2 = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      listId: f.listId,
      status: 'finished',
    })
    await insertRows(
      f,
      f.phones.slice(40, 45).map((p, i) => ({ ...row(p, i + 40, other.id, hourAgo), campaignId: old2.id })),
    )
    const old3 = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      listId: f.listId,
      status: 'finished',
    })
    await insertRows(
      f,
      f.phones.slice(40).map((p, i) => ({ ...row(p, i + 40, f.working, null), campaignId: old3.id })),
    )
    const { html } = await review(f, { 'texts[0]': CARELESS })
    // 20 of 60 (33%): under the 50% threshold.
    expect(reasonsOf(html)).not.toContain('firstContacts')

    // Choosing both numbers: 15 never got a message from either.
    const both = await review(f, { 'texts[0]': CARELESS, sessionIds: [f.working, other.id] })
    expect(reasonsOf(both.html)).not.toContain('firstContacts')

    // Only the other number (connected, all day): 55 of 60 never got its messages.
    await f.ctx.db
      .update(wahaSessions)
      .set({
        windowDays: '0,1,2,3,4,5,6',
        windowStartMin: 0,
        windowEndMin: 1440,
        warmupEnabled: false,
        firstConnectedAt: Date.now() - 400 * 86_400_000,
      })
      .where(eq(wahaSessions.id, other.id))
    const alone = await review(f, { 'texts[0]': CARELESS, sessionIds: [other.id] })
    expect(words(section(alone.html, 'risk'))).toContain(
      '55 contatos (92% da lista) nunca receberam mensagem destes números',
    )
  })

  it('estimates first contacts on a sample spread over a big list, not on its first rows', async () => {
    const f = await campaignFixture()
    const size = FIRST_CONTACTS_SAMPLE + 400
    const listId = 'lst_grande_amostra'
    await f.ctx.db.insert(contactLists).values({
      id: listId,
      tenantId: f.tenantId,
      name: 'Grande',
      status: 'ready',
      totalRows: size,
      validCount: size,
    })
    const phones = Array.from({ length: size }, (_, i) => `+55119${String(10_000_000 + i)}`)
    const ids = await personIds(f.ctx.db, f.tenantId, phones)
    for (let i = 0; i < size; i += 10)
      await f.ctx.db.insert(contacts).values(
        phones.slice(i, i + 10).map((p, j) => ({
          tenantId: f.tenantId,
          listId,
          personId: ids.get(p)!,
          name: `C ${i + j}`,
          phoneE164: p,
          sourceLine: i + j + 2,
        })),
      )
    // The older half of the list already got a message from this number.
    const old = await createCampaign(f.ctx.db, { tenantId: f.tenantId, listId, status: 'finished' })
    const half = size / 2
    await insertRows(
      f,
      phones.slice(0, half).map((p, i) => ({
        tenantId: f.tenantId,
        campaignId: old.id,
        contactId: i + 1,
        phoneE164: p,
        status: 'read',
        sessionId: f.working,
        sentAt: Date.now() - 86_400_000,
      })),
    )
    const estimate = await firstContactsEstimate(
      scopeTo(f.ctx, f.tenantId),
      { listId },
      [f.working],
      size,
      size,
    )
    expect(Math.abs((estimate ?? 0) - half)).toBeLessThan(size * 0.02)
    expect(await firstContactsEstimate(scopeTo(f.ctx, f.tenantId), { listId }, [], size, size)).toBeNull()
  })

  it('samples an audience of lists and segments too, and says the share is of the audience', async () => {
    const f = await riskFixture({ warmup: false })
    const seg = await makeSegment(f as unknown as TestTenant, 'Toda a lista', { lists: [f.listId] })
    const { status, html } = await review(f, {
      listId: '',
      audienceSegments: [String(seg)],
      'texts[0]': CARELESS,
    })
    expect(status).toBe(200)
    expect(reasonsOf(html)).toContain('firstContacts')
    expect(words(section(html, 'risk'))).toContain(
      '60 contatos (100% do público) nunca receberam mensagem destes números',
    )
    // Numbers that already wrote to everyone in the segment: no first contacts.
    await wroteToEveryone(f)
    const again = await review(f, { listId: '', audienceSegments: [String(seg)], 'texts[0]': CARELESS })
    expect(reasonsOf(again.html)).not.toContain('firstContacts')
  })

  it('shows the finish time with the warm-up counted', async () => {
    const warm = await riskFixture({ warmup: true })
    const w = await review(warm, { 'texts[0]': CARELESS })
    const estimate = words(section(w.html, 'estimate').split('data-testid="risk"')[0] ?? '')
    // Day 1 of 14 lets 20 out today, then 25, then 31: 60 messages take three days of the plan.
    expect(estimate).toMatch(/Término estimado: ~\d dias?( e \d+ h)? com 1 sessão/)
    expect(estimate).toMatch(
      /Termina por volta de \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(horário de São Paulo\)\./,
    )
    expect(estimate).toContain(
      'Loja Centro está em aquecimento (dia 1 de 14): hoje envia no máximo 20 mensagens.',
    )
    expect(estimate).toContain('o aquecimento dos números novos')
    // The warm-up keeps each day's volume low: no "new number for this volume" reason.
    expect(reasonsOf(w.html)).not.toContain('newNumber')

    const cold = await riskFixture({ warmup: false })
    const c = await review(cold, { 'texts[0]': CARELESS })
    const coldEstimate = words(section(c.html, 'estimate').split('data-testid="risk"')[0] ?? '')
    // 60 at a mean 45 s gap: 45 minutes, no warm-up line.
    expect(coldEstimate).toContain('Término estimado: ~45 min com 1 sessão')
    expect(c.html).not.toContain('data-testid="review-warmup"')
  })

  it('says a new number would send too much a day when its warm-up is off', async () => {
    const f = await riskFixture({ warmup: false })
    const big = await createContactList(f.ctx.db, {
      tenantId: f.tenantId,
      count: 150,
      name: 'Grande',
      seed: 5,
    })
    await f.ctx.db
      .update(wahaSessions)
      .set({ minDelayS: 1, maxDelayS: 1, maxPerMinute: 60 })
      .where(eq(wahaSessions.id, f.working))
    const { html } = await review(f, {
      listId: big.id,
      'texts[0]': CARELESS,
      minDelayS: '1',
      maxDelayS: '1',
      maxPerMinute: '60',
    })
    expect(reasonsOf(html)).toContain('newNumber')
    expect(words(section(html, 'risk'))).toContain(
      'Loja Centro é um número novo (conectado hoje) e enviaria cerca de 150 mensagens por dia desta campanha. O aquecimento deste número está desligado.',
    )
    // Spreading proposes at most the new-number volume a day.
    expect(fixOf(html, 'spreadDays')).toBe('risk-fix:spreadDays:75')
  })
})

describe('one-click fixes (plain POST, nothing saved)', () => {
  it('"Adicionar variante" adds a copy of the first text to reword', async () => {
    const f = await riskFixture({ warmup: false })
    const { status, html } = await review(f, { 'texts[0]': CARELESS, intent: 'risk-fix:addVariant' })
    expect(status).toBe(200)
    expect(textareaOf(html, 'texts[0]')).toBe(CARELESS)
    expect(textareaOf(html, 'texts[1]')).toBe(CARELESS)
    // Still one text for everyone until the copy says something else.
    expect(reasonsOf(html)).toContain('oneText')
    const reworded = await review(f, { 'texts[0]': CARELESS, 'texts[1]': 'Só hoje: veja bit.ly/promo' })
    expect(reasonsOf(reworded.html)).not.toContain('oneText')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('"Adicionar linha para sair" appends the line to every text without one', async () => {
    const f = await riskFixture({ warmup: false })
    const fields = {
      'texts[0]': CARELESS,
      'texts[1]': 'Oi! Digite PARAR para sair.',
      intent: 'risk-fix:addOptOut',
    }
    const { html } = await review(f, fields)
    expect(textareaOf(html, 'texts[0]')).toBe(`${CARELESS} ${OPT_OUT_LINE}`)
    expect(textareaOf(html, 'texts[1]')).toBe('Oi! Digite PARAR para sair.')
    expect(reasonsOf(html)).not.toContain('noOptOut')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('"Espalhar em mais dias" lowers the daily cap and the finish moves out', async () => {
    const f = await riskFixture({ warmup: false })
    const before = await review(f, { 'texts[0]': CARELESS })
    const intent = fixOf(before.html, 'spreadDays')
    expect(intent).toBe('risk-fix:spreadDays:30')
    const after = await review(f, { 'texts[0]': CARELESS, intent: intent! })
    expect(inputValue(after.html, 'dailyCap')).toBe('30')
    const estimate = words(section(after.html, 'estimate').split('data-testid="risk"')[0] ?? '')
    expect(estimate).toMatch(/Término estimado: ~\d+ (h|dias?)/)
    expect(estimate).not.toContain('~45 min')
    // The effective pacing table says the campaign now sets the daily cap.
    expect(words(section(after.html, 'effective-pacing'))).toMatch(
      /Loja Centro 30–60 s \(iguais\) 10 \(iguais\) 30 \(da campanha\)/,
    )
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('"Enviar mais devagar" raises the gaps', async () => {
    const f = await riskFixture({ warmup: false })
    const { html } = await review(f, { 'texts[0]': CARELESS, intent: 'risk-fix:slowDown:60:120' })
    expect(inputValue(html, 'minDelayS')).toBe('60')
    expect(inputValue(html, 'maxDelayS')).toBe('120')
    // 60 at a mean 90 s gap: 90 minutes.
    expect(words(section(html, 'estimate'))).toContain('Término estimado: ~1 h e 30 min com 1 sessão')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('changes nothing saved when the campaign is being edited', async () => {
    const f = await riskFixture({ warmup: false })
    const saved = await postComposer(f.users.operator.cookie, composerForm(f, { 'texts[0]': CARELESS }))
    expect(saved.status).toBe(303)
    const id = (await tenantCampaigns(f))[0]!.id
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { 'texts[0]': CARELESS, intent: 'risk-fix:addOptOut', token: undefined }),
      id,
    )
    expect(res.status).toBe(200)
    expect(textareaOf(await res.text(), 'texts[0]')).toContain(OPT_OUT_LINE)
    const row = await campaignRow(f, id)
    expect(row?.texts).toEqual([CARELESS])
    expect(row?.status).toBe('draft')
  })

  it('refuses a tampered fix or one with no room, in words, and saves nothing', async () => {
    const f = await riskFixture({ warmup: false })
    const bad = await review(f, { 'texts[0]': CARELESS, intent: 'risk-fix:spreadDays:0' })
    expect(bad.status).toBe(400)
    expect(words(bad.html)).toContain('Esta correção não vale mais. Atualize a revisão e tente de novo.')
    expect(inputValue(bad.html, 'dailyCap')).toBe('500')
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`texts[${i}]`, `${CARELESS} ${i}`]))
    const full = await review(f, { ...ten, intent: 'risk-fix:addVariant' })
    expect(full.status).toBe(400)
    expect(words(full.html)).toContain('Já há o máximo de textos: apague um para adicionar uma variante.')
    expect(full.html).not.toContain('name="texts[10]"')
    expect(await tenantCampaigns(f)).toHaveLength(0)
    const rows = await f.ctx.db
      .select()
      .from(campaignMessages)
      .where(and(eq(campaignMessages.tenantId, f.tenantId)))
    expect(rows).toHaveLength(0)
  })
})
