// "Enviar teste para meu número" through the real Worker and the WAHA simulator: the typed message,
// rendered with the list's first contact who will get the campaign (or the user's own name), with the
// image, goes at once to the typed number through the chosen connected session; nothing of the
// campaign is saved or counted; bad numbers and sessions are refused with a message; 5 a minute per
// user, even when the clicks arrive at once.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignMessages, campaigns, suppressions } from '../../db/schema'
import { createContactList, createWahaSession } from '../builders'
import { OGG_OPUS, PDF, sized } from '../fixtures/media-bytes'
import { composerForm, PNG_1X1, postComposer } from './campaigns-helpers'
import { createTestTenant, findD1, type TestTenant } from './helpers/app'
import { createSimSession, simJson } from './helpers/engine'

type SimMessage = { chatId: string; body: string; type: string; fromMe: boolean; session: string }

async function fixture() {
  const t = await createTestTenant('Loja Teste Envio')
  const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 3, name: 'Clientes' })
  const session = await createSimSession(t, { pacing: { mediaMode: 'base64' } })
  return {
    ...t,
    listId: list.id,
    phones: list.phones,
    working: session.id,
    sessionName: session.sessionName,
    stopped: '',
  }
}

async function contactNames(listId: string) {
  const { results } = await (await findD1('contact_lists', listId))
    .prepare('SELECT name, phone_e164 AS phone FROM contacts WHERE list_id = ? ORDER BY id')
    .bind(listId)
    .all<{ name: string; phone: string }>()
  return results
}

async function simSent(sessionName: string): Promise<SimMessage[]> {
  return (await simJson<SimMessage[]>(`/_sim/messages?session=${sessionName}`)).filter((m) => m.fromMe)
}

async function nothingSaved(t: TestTenant) {
  expect(await t.ctx.db.select().from(campaigns).where(eq(campaigns.tenantId, t.tenantId))).toHaveLength(0)
  expect(
    await t.ctx.db.select().from(campaignMessages).where(eq(campaignMessages.tenantId, t.tenantId)),
  ).toHaveLength(0)
}

const MY_NUMBER = '(11) 98765-4321'
const MY_CHAT = '5511987654321@c.us'

describe('Enviar teste para meu número', () => {
  it("should send the rendered message with the first receiving contact's variables, saving nothing", async () => {
    const f = await fixture()
    const people = await contactNames(f.listId)
    // The first contact opted out: the test borrows the next one, as the campaign would skip them.
    await f.ctx.db
      .insert(suppressions)
      .values({ tenantId: f.tenantId, phoneE164: people[0]!.phone, reason: 'opt_out' })
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        intent: 'test',
        'texts[0]': 'Oi {{nome}}, *20% off* hoje!',
        testPhone: MY_NUMBER,
        testSessionId: f.working,
      }),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-testid="test-send-outcome"')
    expect(html).toContain(`Teste enviado para +5511987654321`)
    expect(html).toContain('Oi {{nome}}, *20% off* hoje!') // the form keeps what was typed
    const sent = await simSent(f.sessionName)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      chatId: MY_CHAT,
      type: 'text',
      body: `Oi ${people[1]!.name}, *20% off* hoje!`,
    })
    await nothingSaved(f)
  })

  it("should use the user's own name without a list, and send the uploaded image with the caption", async () => {
    const f = await fixture()
    const form = composerForm(
      f,
      {
        intent: 'test',
        listId: '',
        'texts[0]': 'Olá {{primeiro_nome}}!',
        testPhone: '11987654321',
        testSessionId: f.working,
      },
      { name: 'promo.png', bytes: PNG_1X1, type: 'image/png' },
    )
    const res = await postComposer(f.users.admin.cookie, form)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Teste enviado para +5511987654321')
    // The image stays attached to the form for the next submit.
    expect(html).toMatch(/name="mediaKey" value="media\/[^"]+"/)
    const [message] = await simSent(f.sessionName)
    expect(message).toMatchObject({ chatId: MY_CHAT, type: 'image' })
    expect(message?.body.toLowerCase()).toBe('olá admin!')
    await nothingSaved(f)
  })

  it('should send a voice note alone, and a document by sendFile with its name and caption', async () => {
    const f = await fixture()
    const test = { intent: 'test', listId: '', testPhone: '11987654321', testSessionId: f.working }
    const voice = await postComposer(
      f.users.admin.cookie,
      composerForm(
        f,
        { ...test, 'texts[0]': '' },
        { name: 'recado.ogg', bytes: sized(OGG_OPUS, 600), type: 'audio/ogg' },
      ),
    )
    expect(await voice.text()).toContain('Teste enviado para +5511987654321')
    const doc = await postComposer(
      f.users.admin.cookie,
      composerForm(
        f,
        { ...test, 'texts[0]': 'Segue a tabela' },
        { name: 'tabela.pdf', bytes: PDF, type: 'application/pdf' },
      ),
    )
    expect(await doc.text()).toContain('Teste enviado para +5511987654321')
    const [v, d] = (
      await simJson<Array<SimMessage & { media?: { filename?: string } }>>(
        `/_sim/messages?session=${f.sessionName}`,
      )
    ).filter((m) => m.fromMe)
    expect(v).toMatchObject({ chatId: MY_CHAT, type: 'voice', body: '' })
    expect(d).toMatchObject({
      chatId: MY_CHAT,
      type: 'document',
      body: 'Segue a tabela',
      media: { filename: 'tabela.pdf' },
    })
    await nothingSaved(f)
  })

  it.each([
    ['an empty number', '', 'Informe o número com DDD'],
    ['a number without DDD', '98765-4321', 'Telefone sem DDD'],
    ['letters', 'meu número', 'Telefone com letras ou símbolos inválidos'],
  ])('should refuse %s with a message and send nothing', async (_name, phone, message) => {
    const f = await fixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'test', testPhone: phone, testSessionId: f.working }),
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).not.toContain('Corrija os campos destacados abaixo.')
    expect(await simSent(f.sessionName)).toHaveLength(0)
    await nothingSaved(f)
  })

  it("should refuse a disconnected session and another tenant's session", async () => {
    const f = await fixture()
    const stopped = await createWahaSession(f.ctx.db, { tenantId: f.tenantId, status: 'STOPPED' })
    const other = await createTestTenant('Outra Loja')
    const foreign = await createSimSession(other)
    for (const [sessionId, message] of [
      [stopped.id, 'Esta sessão não está conectada agora'],
      [foreign.id, 'Escolha uma sessão conectada para enviar o teste'],
      ['', 'Escolha uma sessão conectada para enviar o teste'],
    ] as const) {
      const res = await postComposer(
        f.users.operator.cookie,
        composerForm(f, { intent: 'test', testPhone: MY_NUMBER, testSessionId: sessionId }),
      )
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message)
    }
    expect(await simSent(foreign.sessionName)).toHaveLength(0)
    expect(await simSent(f.sessionName)).toHaveLength(0)
  })

  it('should allow 5 tests a minute per user, even when the clicks arrive at once', async () => {
    const f = await fixture()
    const post = (cookie: string) =>
      postComposer(
        cookie,
        composerForm(f, { intent: 'test', testPhone: MY_NUMBER, testSessionId: f.working }),
      )
    const answers = await Promise.all(Array.from({ length: 7 }, () => post(f.users.operator.cookie)))
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    const refused = answers.find((r) => r.status === 429)!
    expect(await refused.text()).toMatch(/Você já enviou 5 testes no último minuto\. Aguarde \d+ s/)
    expect(await simSent(f.sessionName)).toHaveLength(5)
    // Another user of the same team has a quota of their own.
    expect((await post(f.users.admin.cookie)).status).toBe(200)
    expect(await simSent(f.sessionName)).toHaveLength(6)
  })
})
