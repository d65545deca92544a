// Respostas' pages (decision 032) through the real Worker: the list (grouping, filters, escaping, the
// navigation's unread badge), one conversation, answering through the WAHA simulator (once, even on a
// double or parallel submit; viewers refused), handled and assigned.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { chunks } from '../../app/core/db/limits'
import { campaignMessages, conversations, inboundMessages, sessionEvents } from '../../db/schema'
import { flashOf } from './contacts-support'
import { consumeEvents, incoming } from './health-support'
import { appFetch } from './helpers/app'
import { simJson } from './helpers/engine'
import { answersOf, contactWrites, conversationsOf, sentCampaign } from './inbox-support'

async function page(path: string, cookie: string) {
  const res = await appFetch(path, { cookie })
  expect(res.status).toBe(200)
  return res.text()
}

function answerKey(html: string): string {
  const key = /name="key" value="([^"]+)"/.exec(html)?.[1]
  if (!key) throw new Error('no answer form')
  return key
}

type SimMessage = { chatId: string; fromMe: boolean; body: string }

async function ownMessagesTo(session: string, chatId: string, body: string) {
  const all = await simJson<SimMessage[]>(
    `/_sim/messages?session=${session}&chatId=${encodeURIComponent(chatId)}`,
  )
  return all.filter((m) => m.fromMe && m.body === body)
}

describe('Respostas pages', () => {
  it('should group by contact, newest first, filter, escape, and count unread in the navigation', async () => {
    const { f, s, rows } = await sentCampaign(2, 511)
    const cookie = f.tenant.users.viewer.cookie
    await contactWrites(f, s, rows[0]!.phoneE164, 'Primeira mensagem')
    await contactWrites(f, s, rows[0]!.phoneE164, 'Oi <b>negrito</b> <script>alert(1)</script>')
    await contactWrites(f, s, rows[1]!.phoneE164, 'Tem em azul?')
    await consumeEvents(f.tenant.tenantId, s.id, [
      incoming(s.sessionName, '5521987650001@c.us', 'Número novo'),
    ])

    const html = await page('/respostas', cookie)
    // Three conversations, one per contact; the unmatched one is "sem campanha".
    expect(html.match(/data-testid="conversation-/g)).toHaveLength(3)
    expect(html).toContain('sem campanha')
    expect(html).toContain('Promoção de teste')
    expect(html).toContain('&lt;b&gt;negrito&lt;/b&gt;')
    expect(html).not.toContain('<b>negrito</b>')
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('2 novas')
    expect(html).toMatch(/Respostas(<!-- -->)?\s*<span class="nav-badge"[^>]*>3<\/span>/)
    // Newest first: the unmatched number wrote last.
    expect(html.indexOf('Número novo')).toBeLessThan(html.indexOf('Tem em azul?'))

    const byCampaign = await page(`/respostas?campanha=${f.campaignId}`, cookie)
    expect(byCampaign.match(/data-testid="conversation-/g)).toHaveLength(2)
    expect(byCampaign).not.toContain('Número novo')
    const bySearch = await page(`/respostas?q=${encodeURIComponent('azul')}`, cookie)
    expect(bySearch.match(/data-testid="conversation-/g)).toHaveLength(1)
    const bySession = await page(`/respostas?numero=${s.id}`, cookie)
    expect(bySession.match(/data-testid="conversation-/g)).toHaveLength(3)

    // Opening a conversation reads it: the badge goes down, the timeline has both sides.
    const convs = await conversationsOf(f.tenant.tenantId)
    const first = convs.find((c) => c.phoneE164 === rows[0]!.phoneE164)!
    const conv = await page(`/respostas/${first.id}`, cookie)
    expect(conv).toContain('Primeira mensagem')
    expect(conv).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(conv).toContain('data-testid="sent-campaign"')
    expect(conv).toContain('Campanha Promoção de teste')
    // Viewers read only.
    expect(conv).toContain('Quem só visualiza não pode responder')
    expect(conv).not.toContain('name="key"')
    expect(await page('/respostas', cookie)).toMatch(
      /Respostas(<!-- -->)?\s*<span class="nav-badge"[^>]*>2<\/span>/,
    )

    const open = await page('/respostas?estado=handled', cookie)
    expect(open).toContain('Nenhuma conversa com esses filtros.')
  })

  it('should answer through the simulator once, even on a double or parallel submit, and refuse viewers', async () => {
    const { f, s, rows } = await sentCampaign(1, 512)
    const t = f.tenant
    await contactWrites(f, s, rows[0]!.phoneE164, 'Qual o horário da loja?')
    const [conv] = await conversationsOf(t.tenantId)
    const path = `/respostas/${conv!.id}`
    const key = answerKey(await page(path, t.users.operator.cookie))
    const form = { intent: 'answer', key, body: 'Das 9h às 18h!', sessionId: s.id }

    const viewer = await appFetch(path, { cookie: t.users.viewer.cookie, form })
    expect(viewer.status).toBe(403)
    expect(await answersOf(t.tenantId)).toHaveLength(0)

    const sent = await appFetch(path, { cookie: t.users.operator.cookie, form })
    expect(flashOf(sent)).toMatchObject({ kind: 'success', message: 'inbox.answer.sent' })
    const again = await appFetch(path, { cookie: t.users.operator.cookie, form })
    expect(flashOf(again)).toMatchObject({ message: 'inbox.answer.already' })
    expect(await ownMessagesTo(s.sessionName, conv!.chatId, 'Das 9h às 18h!')).toHaveLength(1)

    // Three tabs submitting the same new form at once: one answer.
    const key2 = answerKey(await page(path, t.users.admin.cookie))
    const form2 = { intent: 'answer', key: key2, body: 'Sábado também.', sessionId: s.id }
    const results = await Promise.all(
      [0, 1, 2].map(() => appFetch(path, { cookie: t.users.admin.cookie, form: form2 })),
    )
    expect(results.map((r) => flashOf(r)?.message).sort()).toEqual([
      'inbox.answer.already',
      'inbox.answer.already',
      'inbox.answer.sent',
    ])
    expect(await ownMessagesTo(s.sessionName, conv!.chatId, 'Sábado também.')).toHaveLength(1)

    const answers = await answersOf(t.tenantId)
    expect(answers.map((a) => [a.status, a.sentBy, a.sessionId])).toEqual([
      ['sent', t.users.operator.id, s.id],
      ['sent', t.users.admin.id, s.id],
    ])
    expect(answers.every((a) => a.wahaMessageId)).toBe(true)
    const typing = await simJson<{ calls: Array<{ endpoint: string }> }>(
      `/_sim/sends?session=${s.sessionName}&chatId=${encodeURIComponent(conv!.chatId)}`,
    )
    expect(typing.calls.filter((c) => c.endpoint === 'startTyping')).toHaveLength(2)
    // The number's health sees each answer (session events of kind `answer`).
    const { db } = f.tenant.ctx
    const events = await db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, s.id))
    expect(events.filter((e) => e.kind === 'answer')).toHaveLength(2)
    const [after] = await conversationsOf(t.tenantId)
    expect(after).toMatchObject({ lastAnsweredBy: t.users.admin.id, handledBy: t.users.admin.id, unread: 0 })
    const html = await page(path, t.users.viewer.cookie)
    expect(html).toContain('Resposta de admin Loja Envio')
    expect(html).toContain('Das 9h às 18h!')
    expect(html).toContain('Resolvida')
  })

  it('should keep the text and refuse when the chosen number is not connected', async () => {
    const { f, s, rows } = await sentCampaign(1, 513)
    await contactWrites(f, s, rows[0]!.phoneE164, 'Oi')
    const [conv] = await conversationsOf(f.tenant.tenantId)
    const { db } = f.tenant.ctx
    await db
      .update(conversations)
      .set({ sessionId: 'wses_0000000000000000' })
      .where(eq(conversations.id, conv!.id))
    const path = `/respostas/${conv!.id}`
    const key = answerKey(await page(path, f.tenant.users.operator.cookie))
    const res = await appFetch(path, {
      cookie: f.tenant.users.operator.cookie,
      form: { intent: 'answer', key, body: 'Texto que não pode se perder' },
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Esse número não está conectado. Escolha outro.')
    expect(html).toContain('Texto que não pode se perder')
    expect(await answersOf(f.tenant.tenantId)).toHaveLength(0)
  })

  it('should mark handled, reopen and assign, operators and admins only', async () => {
    const { f, s, rows } = await sentCampaign(1, 514)
    const t = f.tenant
    await contactWrites(f, s, rows[0]!.phoneE164, 'Oi')
    const [conv] = await conversationsOf(t.tenantId)
    const path = `/respostas/${conv!.id}`
    const post = (cookie: string, form: Record<string, string>) => appFetch(path, { cookie, form })
    expect((await post(t.users.viewer.cookie, { intent: 'handled' })).status).toBe(403)
    expect(flashOf(await post(t.users.operator.cookie, { intent: 'handled' }))).toMatchObject({
      message: 'inbox.handled.done',
    })
    expect((await conversationsOf(t.tenantId))[0]).toMatchObject({ handledBy: t.users.operator.id })
    const handled = await page('/respostas?estado=handled', t.users.viewer.cookie)
    expect(handled.match(/data-testid="conversation-/g)).toHaveLength(1)
    await post(t.users.operator.cookie, { intent: 'reopen' })
    expect((await conversationsOf(t.tenantId))[0]).toMatchObject({ handledAt: null })

    expect(
      flashOf(await post(t.users.admin.cookie, { intent: 'assign', userId: t.users.viewer.id })),
    ).toMatchObject({ kind: 'error', message: 'inbox.assign.invalid' })
    expect(
      flashOf(await post(t.users.admin.cookie, { intent: 'assign', userId: t.users.operator.id })),
    ).toMatchObject({ message: 'inbox.assign.done' })
    expect((await conversationsOf(t.tenantId))[0]).toMatchObject({ assignedTo: t.users.operator.id })
    expect(await page('/respostas', t.users.viewer.cookie)).toContain('Com operator Loja Envio')
    // A new message reopens a handled conversation.
    await post(t.users.operator.cookie, { intent: 'handled' })
    await contactWrites(f, s, rows[0]!.phoneE164, 'Mais uma coisa')
    expect((await conversationsOf(t.tenantId))[0]).toMatchObject({ handledAt: null, unread: 1 })
  })

  it('pages past 50 conversations by keyset: every conversation once, ties kept, filters carried', async () => {
    const { f, s } = await sentCampaign(1, 515)
    const t = f.tenant
    const base = Date.now() - 86_400_000
    // 120 conversations; pairs share a timestamp, so a page boundary can fall between equals.
    const rows = Array.from({ length: 120 }, (_, i) => ({
      tenantId: t.tenantId,
      phoneE164: `+55119${String(70_000_000 + i).padStart(8, '0')}`,
      chatId: `55119${String(70_000_000 + i).padStart(8, '0')}@c.us`,
      sessionId: s.id,
      lastInboundAt: base + Math.floor(i / 2) * 1000,
      lastBody: `mensagem ${i}`,
      handledAt: i % 3 === 0 ? base : null,
    }))
    // D1 binds at most 100 variables per statement.
    for (const part of chunks(rows, 12)) await f.tenant.ctx.db.insert(conversations).values(part)
    const seen: string[] = []
    let path: string | null = '/respostas'
    const pages: number[] = []
    while (path) {
      const html = await page(path, t.users.viewer.cookie)
      const ids = [...html.matchAll(/data-testid="conversation-(\d+)"/g)].map((m) => m[1]!)
      pages.push(ids.length)
      seen.push(...ids)
      const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null
      if (pages.length > 1) expect(html).toContain('Conversas mais antigas, de 120 no total.')
      path = next
    }
    expect(pages).toEqual([50, 50, 20])
    expect(new Set(seen).size).toBe(120)
    // The "open" filter (80 of them) stays in the next page's address.
    const open = await page('/respostas?estado=open', t.users.viewer.cookie)
    expect(open).toContain('Mostrando as 50 mais recentes de 80.')
    const next = /<a href="([^"]+)" rel="next">/.exec(open)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toMatch(/estado=open/)
    const second = await page(next!, t.users.viewer.cookie)
    expect(second.match(/data-testid="conversation-/g)).toHaveLength(30)
    expect(second).toContain('← Mais recentes')
    // A broken cursor is the first page, not an error.
    const broken = await page('/respostas?antes=abc', t.users.viewer.cookie)
    expect(broken.match(/data-testid="conversation-/g)).toHaveLength(50)
  })

  it('shows a possible opt-out inside the conversation; operators decide it there, viewers only read', async () => {
    const { f, s, rows } = await sentCampaign(1, 516)
    const t = f.tenant
    await contactWrites(f, s, rows[0]!.phoneE164, 'Como faço para sair da lista?')
    const [conv] = await conversationsOf(t.tenantId)
    const path = `/respostas/${conv!.id}`
    const viewerHtml = await page(path, t.users.viewer.cookie)
    expect(viewerHtml).toContain('data-testid="possible-optouts"')
    expect(viewerHtml).toContain('Pode ser um pedido para sair')
    expect(viewerHtml).not.toContain('value="confirmPossible"')
    const html = await page(path, t.users.operator.cookie)
    const possibleId = /name="possibleId" value="(\d+)"/.exec(html)?.[1]
    expect(possibleId).toBeDefined()
    const post = (cookie: string, intent: string, id = possibleId!) =>
      appFetch(path, { cookie, form: { intent, possibleId: id } })
    expect((await post(t.users.viewer.cookie, 'confirmPossible')).status).toBe(403)
    expect(flashOf(await post(t.users.operator.cookie, 'confirmPossible'))).toMatchObject({
      message: 'optouts.possible.confirmed',
    })
    const after = await page(path, t.users.operator.cookie)
    expect(after).not.toContain('data-testid="possible-optouts"')
    expect(after).toContain('pediu para não receber campanhas')
    // Deciding it again (another tab) changes nothing; a bad id is a clear error, not a crash.
    expect(flashOf(await post(t.users.operator.cookie, 'dismissPossible'))).toMatchObject({
      message: 'optouts.possible.already',
    })
    expect(flashOf(await post(t.users.operator.cookie, 'dismissPossible', 'x'))).toMatchObject({
      kind: 'error',
    })
  })

  it('pages a long conversation back in time: every message once, the campaign message in its place', async () => {
    const { f, s, rows } = await sentCampaign(1, 517)
    const t = f.tenant
    const first = await contactWrites(f, s, rows[0]!.phoneE164, 'mensagem inicial')
    const [conv] = await conversationsOf(t.tenantId)
    const sentAt = (
      await f.tenant.ctx.db.select().from(campaignMessages).where(eq(campaignMessages.id, rows[0]!.id))
    )[0]!.sentAt!
    // 229 more messages, a minute apart, from an hour after the campaign; pairs share an instant.
    const more = Array.from({ length: 229 }, (_, i) => ({
      tenantId: t.tenantId,
      sessionId: s.id,
      phoneE164: rows[0]!.phoneE164,
      chatId: first.message.chatId,
      wahaMessageId: `false_${first.message.chatId}_PAGE${String(i).padStart(4, '0')}`,
      messageKey: `PAGE${String(i).padStart(4, '0')}`,
      type: 'text' as const,
      body: `mensagem ${i}`,
      receivedAt: sentAt + 3_600_000 + Math.floor(i / 2) * 60_000,
    }))
    for (const part of chunks(more, 8)) await f.tenant.ctx.db.insert(inboundMessages).values(part)
    const seen: string[] = []
    let path: string | null = `/respostas/${conv!.id}`
    let pages = 0
    let campaignShown = 0
    while (path) {
      const html = await page(path, t.users.viewer.cookie)
      pages++
      // The rendered bubbles (the loader's JSON for hydration holds the same texts, not between tags).
      seen.push(...[...html.matchAll(/>mensagem (inicial|\d+)</g)].map((m) => m[1]!))
      campaignShown += (html.match(/data-testid="sent-campaign"/g) ?? []).length
      if (pages > 1) expect(html).toContain('Ir para as mais recentes')
      path = /<a href="([^"]+)">↑ Mensagens anteriores<\/a>/.exec(html)?.[1] ?? null
      expect(pages).toBeLessThan(6)
    }
    expect(pages).toBe(3)
    expect(seen).toHaveLength(230)
    expect(new Set(seen).size).toBe(230)
    expect(campaignShown).toBe(1)
  })
})
