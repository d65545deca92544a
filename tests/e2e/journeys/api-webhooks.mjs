// Issue #16's journey: an admin creates an API token on Integrações → API (shown once, and it works on
// /api/v1), and a webhook endpoint on Integrações → Webhooks pointing at a loopback receiver started
// here, which verifies every delivery's signature with the `standardwebhooks` package and the secret
// the page showed once. Then a campaign with a PDF and one with a voice note go out through a session
// paired with the WAHA simulator, and a PDF through the API with the token (POST /media, /messages);
// the simulator's phone page shows the documents and the voice notes, and the endpoint's delivery log shows the deliveries (message.sent, campaign.started/finished),
// each received and verified by the receiver. Runs with JS on and off (plain forms both ways); the
// token and webhook pages are checked at 360 px.
import assert from 'node:assert/strict'
import { fitsIn360, startReceiver, tinyOggOpus, tinyPdf } from './api-webhooks-support.mjs'
import {
  campaignStatus,
  createConnectedSession,
  fillComposerPacing,
  hydrated,
  importCsvList,
  openComposer,
  reload,
  setupAndLogin,
  simJson,
  until,
} from './common.mjs'

export const name = 'api and webhooks: token, signed deliveries, a PDF and a voice note on the phone'
export const allowConsole = [/status of 4\d\d/]

// Two lists of different people: the person rules (decision 019) skip a second campaign message to
// the same person within the minimum interval between campaigns.
const PDF_LIST = 'Clientes do cardápio'
const VOICE_LIST = 'Clientes do recado'
const CONTACTS = [
  ['Ana Beatriz Conceição', '(11) 98765-4401', 'São Paulo'],
  ['Otávio Simões', '(11) 98765-4402', 'Santos'],
]
const VOICE_CONTACTS = [
  ['Iara Gonçalves', '(11) 98765-4403', 'Campinas'],
  ['Júlio Araújo', '(11) 98765-4404', 'Jundiaí'],
]
const EVENTS = ['message.sent', 'campaign.started', 'campaign.finished']

/** Integrações → API: a token with two scopes; returns the token the page showed once. */
async function createToken(page, { js, stack }) {
  await page.goto('/integracoes/api')
  await page.getByRole('heading', { name: 'API', exact: true }).waitFor()
  await hydrated(page, js)
  await page.getByLabel('Nome', { exact: true }).fill('CRM da padaria')
  await page.getByRole('checkbox', { name: /contacts:read/ }).check()
  await page.getByRole('checkbox', { name: /messages:send/ }).check()
  await page.getByRole('button', { name: 'Criar token' }).click()
  const shown = page.getByTestId('new-token')
  await shown.getByText('Token "CRM da padaria" criado').waitFor()
  const token = await shown.locator('input').inputValue()
  assert.match(token, /^dsp_live_[0-9A-Za-z]{68}$/, 'the token is shown once, whole')
  await fitsIn360(page, 'the API page with a new token')
  await page.goto('/integracoes/api')
  await page.getByText('CRM da padaria').first().waitFor()
  assert.equal(await page.getByTestId('new-token').count(), 0, 'not shown again')
  assert.equal((await page.content()).includes(token), false, 'the token is nowhere on the page again')
  // it works on the API, within its scopes
  const lists = await fetch(`${stack.url}/api/v1/lists`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(lists.status, 200, `GET /api/v1/lists with the token: ${lists.status}`)
  const write = await fetch(`${stack.url}/api/v1/lists`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Sem permissão' }),
  })
  assert.equal(write.status, 403, 'a scope not ticked is refused')
  return token
}

/** Integrações → Webhooks: an endpoint at the receiver; returns its page's path. */
async function createEndpoint(page, { js, receiver }) {
  await page.goto('/integracoes/webhooks')
  await hydrated(page, js)
  await page.getByLabel('URL', { exact: true }).fill(receiver.url)
  await page.getByLabel('Descrição (opcional)').fill('Receptor de teste')
  for (const type of EVENTS)
    await page.getByRole('checkbox', { name: new RegExp(type.replace('.', '\\.')) }).check()
  await page.getByRole('button', { name: 'Cadastrar endereço' }).click()
  const secretBox = page.getByTestId('new-secret')
  await secretBox.waitFor()
  const secret = await secretBox.locator('input').inputValue()
  assert.match(secret, /^whsec_/, `a Standard Webhooks secret: ${secret.slice(0, 8)}…`)
  receiver.setSecret(secret)
  await fitsIn360(page, 'the webhooks page with a new secret')
  await page.getByRole('link', { name: 'Abrir' }).first().click()
  await page.waitForURL(/\/integracoes\/webhooks\/whe_[0-9a-z]+$/)
  return new URL(page.url()).pathname
}

/** The composer: the list, `text`, the file, the session, fast pacing; launches and waits for "Concluída". */
async function sendCampaign(page, { js, name, listName, text, file, session }) {
  await openComposer(page, { js, name, listName, text })
  await page.getByLabel('Anexo (opcional)').setInputFiles(file)
  await page.getByRole('checkbox', { name: new RegExp(session) }).check()
  await fillComposerPacing(page, { minDelay: 0, maxDelay: 1, perMinute: 60 })
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await until(
    `the review of "${name}" to count ${CONTACTS.length}`,
    async () =>
      Number(
        (await page.locator('[data-testid="review-to-send"] .stat').textContent({ timeout: 2000 })).replace(
          /\D/g,
          '',
        ),
      ) === CONTACTS.length,
    { timeout: 15_000, every: 300 },
  )
  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const confirm = page.getByTestId('launch-confirm')
  await confirm
    .getByText(`Enviar para ${CONTACTS.length} contatos por 1 sessão?`)
    .waitFor({ timeout: 20_000 })
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 }).catch(async (error) => {
    const alerts = await page.locator('.form-error, .error, [role="alert"]').allTextContents()
    throw new Error(`"${name}" did not start: ${alerts.join(' | ') || error.message}`)
  })
  await until(`"${name}" to finish`, async () => (await campaignStatus(page)) === 'finished', {
    timeout: 90_000,
    between: () => reload(page),
  })
}

/** With the token: a PDF uploaded to POST /api/v1/media, then sent by POST /api/v1/messages. */
async function sendThroughApi(stack, token, { phone, text, name }) {
  const auth = { Authorization: `Bearer ${token}` }
  const upload = await fetch(`${stack.url}/api/v1/media?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/pdf' },
    body: tinyPdf(),
  })
  const media = await upload.json()
  assert.equal(upload.status, 201, `POST /media: ${JSON.stringify(media)}`)
  assert.equal(media.kind, 'document')
  const sent = await fetch(`${stack.url}/api/v1/messages`, {
    method: 'POST',
    headers: {
      ...auth,
      'Content-Type': 'application/json',
      'Idempotency-Key': `boleto-${phone.replace(/\D/g, '')}`,
    },
    body: JSON.stringify({ phone, text, mediaId: media.id }),
  })
  assert.equal(sent.status, 202, `POST /messages: ${await sent.text()}`)
}

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const receiver = await startReceiver()
  try {
    await setupAndLogin(page, { js })
    const token = await createToken(page, { js, stack })
    await shot('token')
    const endpointPath = await createEndpoint(page, { js, receiver })
    await shot('endpoint')

    const session = { displayName: 'Padaria API', sessionName: `api-${mode}`, phone: '5511988884444' }
    await createConnectedSession(page, { js, stack, ...session })
    await importCsvList(page, { js, listName: PDF_LIST, contacts: CONTACTS })
    await importCsvList(page, { js, listName: VOICE_LIST, contacts: VOICE_CONTACTS, file: 'recado.csv' })

    await sendCampaign(page, {
      js,
      name: 'Cardápio de dezembro',
      listName: PDF_LIST,
      text: 'Oi {{primeiro_nome}}, segue o cardápio de dezembro.',
      file: { name: 'Cardapio-dezembro.pdf', mimeType: 'application/pdf', buffer: tinyPdf() },
      session: session.displayName,
    })
    await shot('pdf-sent')
    await sendCampaign(page, {
      js,
      name: 'Recado de voz',
      listName: VOICE_LIST,
      text: '',
      file: { name: 'recado.ogg', mimeType: 'audio/ogg', buffer: tinyOggOpus() },
      session: session.displayName,
    })
    await shot('voice-sent')
    // and one message through the API with the token made above (through the same engine)
    await sendThroughApi(stack, token, {
      phone: '(11) 98765-4405',
      text: 'Seu boleto do pedido 1234',
      name: 'Boleto-1234.pdf',
    })

    // What WAHA got: one document and one voice note per contact, and the API's document.
    const sent = await until('the API message at the simulator', async () => {
      const all = (await simJson(stack, '/_sim/messages')).filter((m) => m.fromMe)
      return all.length >= 5 ? all : null
    })
    assert.deepEqual(
      sent.map((m) => m.type).sort(),
      ['document', 'document', 'document', 'voice', 'voice'],
      `a PDF and a voice note to each, and the API's PDF: ${JSON.stringify(sent.map((m) => [m.chatId, m.type]))}`,
    )

    // The simulator's phone page shows them.
    await page.goto(`${stack.simUrl}/_sim/`)
    const section = page.locator(`#s-${session.sessionName}`)
    await section.locator('[data-kind="document"]', { hasText: 'Cardapio-dezembro.pdf' }).first().waitFor()
    assert.equal(
      await section.locator('[data-kind="document"]').count(),
      CONTACTS.length + 1,
      'a document per chat, and the one sent through the API',
    )
    assert.equal(
      await section.locator('[data-kind="voice"]').count(),
      VOICE_CONTACTS.length,
      'a voice note per chat',
    )
    assert.equal(
      await section.locator('audio').count(),
      VOICE_CONTACTS.length,
      'each voice note with a player',
    )
    await section.getByText('segue o cardápio de dezembro').first().waitFor()
    await section.locator('[data-kind="document"]', { hasText: 'Boleto-1234.pdf' }).waitFor()
    await section.getByText('Seu boleto do pedido 1234').waitFor()
    await shot('phone')

    // The receiver got every event, signed: each campaign's started, finished and one sent per contact, and
    // the API's message, a one-message campaign (started, sent, finished).
    const wanted = 2 + CONTACTS.length + (2 + VOICE_CONTACTS.length) + 3
    await until(
      `${wanted} verified deliveries at the receiver`,
      async () => receiver.received.length >= wanted,
      {
        timeout: 60_000,
      },
    )
    assert.deepEqual(receiver.refused, [], 'no delivery failed its signature check')
    const types = receiver.received.map((r) => r.event.type)
    assert.equal(receiver.received.length, wanted, types.join(', '))
    assert.equal(
      types.filter((t) => t === 'message.sent').length,
      CONTACTS.length + VOICE_CONTACTS.length + 1,
      types.join(', '),
    )
    assert.equal(types.filter((t) => t === 'campaign.started').length, 3, types.join(', '))
    assert.equal(types.filter((t) => t === 'campaign.finished').length, 3, types.join(', '))

    // The delivery log shows them, delivered.
    await page.goto(endpointPath)
    await page.getByRole('heading', { name: 'Entregas' }).waitFor()
    await until(
      `the log to show ${wanted} deliveries, all delivered`,
      async () => {
        const rows = page.locator('[data-testid^="delivery-"]')
        if ((await rows.count()) < wanted) return false
        return (await rows.filter({ hasText: 'Entregue' }).count()) === wanted
      },
      { timeout: 30_000, between: () => reload(page) },
    )
    for (const type of EVENTS)
      assert.ok((await page.locator('[data-testid^="delivery-"] code', { hasText: type }).count()) > 0, type)
    assert.ok((await page.getByText('HTTP 204').count()) >= wanted, 'each attempt with its HTTP status')
    await shot('deliveries')
    await fitsIn360(page, 'the delivery log')
  } finally {
    await receiver.close()
  }
}
