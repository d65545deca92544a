// Realistic data for the layout journey, made through the app's own forms (as a person would): an AI
// provider tested against the simulator's fake, a connected session, a list with long names and a few
// rejected rows, a list waiting for its column mapping, a team member, a finished campaign with
// delivered/read/replied messages and an opt-out, and a campaign scheduled for tomorrow.
// Returns the ids the pages with parameters need.
import assert from 'node:assert/strict'
import {
  campaignStatus,
  createConnectedSession,
  fillComposerPacing,
  hydrated,
  metric,
  openComposer,
  reload,
  simJson,
  until,
  windows1252,
} from './common.mjs'

export const LIST_NAME = 'Clientes VIP — Zona Sul de São Paulo (promoção de fim de ano)'
const CONTACTS = [
  [
    'Maria Antônia Gonçalves de Albuquerque Simões',
    '(11) 98765-4501',
    'maria.antonia.albuquerque@empresa-exemplo.com.br',
    'Padaria e Confeitaria Pão Quente do Jabaquara Ltda.',
  ],
  ['João da Conceição', '(11) 98765-4502', 'joao@exemplo.com.br', 'Mercadinho São João'],
  ['Lúcia Gonçalves', '(11) 98765-4503', '', 'Açougue Boi na Brasa'],
  ['Fábio Brandão', '(11) 98765-4504', 'fabio.brandao@exemplo.com.br', ''],
  ['Cecília Ribeiro', '(11) 98765-4505', '', 'Floricultura Jardim das Acácias'],
  ['Açucena Lima', '(11) 98765-4506', 'acucena@exemplo.com.br', 'Ateliê Açucena'],
]
const REJECTED = [
  ['Zé Ninguém', '(20) 98765-4321', '', ''],
  ['Número curto', '123', '', ''],
]

/** A contact list through Contatos → Importar; returns its id. Waits for "Pronta" unless `mapping`. */
async function importList(page, { js, name, csv, file, mapping = false }) {
  await page.goto('/contatos/importar')
  await hydrated(page, js)
  await page
    .getByLabel('Arquivo')
    .setInputFiles({ name: file, mimeType: 'text/csv', buffer: windows1252(csv) })
  await page.getByLabel('Nome da lista nova').fill(name)
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  if (mapping) {
    await page.waitForURL(/\/contatos\/listas\/[^/]+\/mapear$/)
    return new URL(page.url()).pathname.split('/')[3]
  }
  await page.getByRole('heading', { name: new RegExp(name.slice(0, 20)) }).waitFor()
  await page.locator('.badge', { hasText: 'Pronta' }).first().waitFor({ timeout: 30_000 })
  return new URL(page.url()).pathname.split('/')[3]
}

/** Fills the composer for `listName` with one session and fast pacing, then clicks `button`. */
async function compose(page, { js, name, session, text, schedule }) {
  await openComposer(page, { js, name, listName: LIST_NAME, text })
  await page.getByRole('checkbox', { name: new RegExp(session) }).check()
  await fillComposerPacing(page)
  await page.getByRole('checkbox', { name: 'Rastrear cliques nos links' }).check()
  if (schedule) {
    await page.getByLabel('Data', { exact: true }).fill(schedule.date)
    await page.getByLabel('Hora (São Paulo)', { exact: true }).fill(schedule.time)
  }
  await page.getByRole('button', { name: schedule ? 'Agendar' : 'Enviar agora', exact: true }).click()
  if (!schedule) {
    // "Enviar agora" asks first (a dialog with JS, a page of its own without).
    const confirm = page.getByTestId('launch-confirm')
    await confirm.getByRole('button', { name: 'Confirmar envio' }).click({ timeout: 20_000 })
  }
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 }).catch(async (error) => {
    const alerts = await page.locator('.form-error, .error, [role="alert"]').allTextContents()
    throw new Error(`the composer did not open the campaign page: ${alerts.join(' | ') || error.message}`)
  })
  return new URL(page.url()).pathname.split('/')[2]
}

/** Tomorrow at 10:00 in São Paulo, as the composer's date and time fields want it. */
function tomorrowInSaoPaulo() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(
    Date.now() + 86_400_000,
  )
  return { date: day, time: '10:00' }
}

export async function seed(page, { js, stack }) {
  const mode = js ? 'js' : 'nojs'

  // An AI provider, tested against the simulator's OpenAI-compatible fake.
  await page.goto('/integracoes/ia')
  await hydrated(page, js)
  const card = page.getByTestId('ai-platform-openai-compatible')
  await card.getByText('Configurar Outro compatível com OpenAI').click()
  await card.getByLabel('Nome').fill('Simulador de IA da agência')
  await card.getByLabel('URL base da API').fill(`${stack.simUrl}/ai/v1`)
  await card.getByLabel(/Chave de API/).fill('sk-test-valid')
  await card.getByLabel('Modelo').fill('gpt-4o-mini')
  await card.getByRole('button', { name: 'Salvar' }).click()
  await card.locator('article.ai-provider').getByRole('button', { name: 'Testar conexão' }).click()
  await card.locator('.badge.ok', { hasText: 'Ativo' }).waitFor()

  // A connected session.
  const session = {
    displayName: 'Loja Centro — atendimento e promoções',
    sessionName: `layout-${mode}`,
    phone: '5511988884444',
  }
  await createConnectedSession(page, { js, stack, ...session })
  const sessionId = new URL(page.url()).pathname.split('/')[3]

  // A list with long names, e-mails and companies, and two rejected rows.
  const header = 'Nome;Celular;E-mail;Empresa'
  const rows = [...CONTACTS, ...REJECTED].map((c) => c.join(';'))
  const listId = await importList(page, {
    js,
    name: LIST_NAME,
    file: 'clientes-vip-zona-sul.csv',
    csv: [header, ...rows, ''].join('\r\n'),
  })

  // Everyone on that list gets a tag in bulk (decision 036); its first person has a page of their own.
  await page.goto(`/contatos/listas/${listId}`)
  await hydrated(page, js)
  await page.getByTestId('bulk-tag-add').getByLabel('Etiqueta').fill('Clientes da zona sul')
  await page.getByRole('button', { name: 'Adicionar etiqueta' }).click()
  await page.getByText(/Etiqueta "Clientes da zona sul" adicionada/).waitFor()
  const personHref = await page.locator('a[href^="/contatos/pessoas/"]').first().getAttribute('href')
  const personId = personHref.split('/')[3]

  // A saved segment (decision 037): the list above, in São Paulo's capital area code.
  await page.goto('/contatos/segmentos/novo')
  await hydrated(page, js)
  await page.getByLabel('Nome do segmento').fill('Zona sul, capital de São Paulo, com consentimento')
  await page.getByLabel('SP', { exact: true }).check()
  await page.getByLabel('Estados (pelo DDD do telefone)').selectOption('capital')
  await page.getByRole('button', { name: 'Salvar segmento' }).click()
  await page.getByText(/Segmento ".*" salvo/).waitFor()
  const segmentId = new URL(page.url()).pathname.split('/')[3]

  // A list whose columns are not obvious (two phone columns): it waits for the mapping.
  const mappingListId = await importList(page, {
    js,
    name: 'Fornecedores (planilha do financeiro)',
    file: 'fornecedores-2026.csv',
    mapping: true,
    csv: [
      'Razão social;Celular do responsável;Telefone comercial;Cidade;Observações',
      'Distribuidora de Laticínios Serra da Mantiqueira;(11) 98765-4601;(11) 3222-1234;São José dos Campos;entrega às terças',
      'Moinho Boa Farinha;(19) 98765-4602;(19) 3333-4321;Campinas;',
      '',
    ].join('\r\n'),
  })

  // A team member.
  await page.goto('/equipe')
  await hydrated(page, js)
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Adicionar membro' }) })
  await add.getByLabel('Nome').fill('Bruno Henrique de Oliveira Lima')
  await add
    .getByLabel('E-mail', { exact: true })
    .fill(`bruno.henrique.oliveira.${mode}@padaria-pao-quente.com.br`)
  await add.getByLabel('Papel').selectOption('operator')
  await add.getByLabel('Senha inicial').fill('Broa-de-milho-2026')
  await add.getByRole('button', { name: 'Adicionar membro' }).click()
  await page.getByText('Membro adicionado').waitFor()

  // A campaign sent now: it finishes, the simulator acks, one contact asks and one leaves (SAIR).
  const campaignId = await compose(page, {
    js,
    name: 'Promoção de pão de queijo com 20% de desconto — clientes VIP',
    session: session.displayName,
    text: '{Olá|Oi} {{primeiro_nome}}! Pão de queijo fresquinho com 20% de desconto hoje. Veja: https://exemplo.com.br/promocao-de-fim-de-ano?origem=whatsapp',
  })
  await until('the campaign to finish', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 90_000,
    every: 1500,
    between: () => reload(page),
  })
  const sent = (await simJson(stack, '/_sim/messages')).filter((m) => m.fromMe)
  assert.equal(sent.length, CONTACTS.length, 'one message per valid contact')
  for (const [m, text] of [
    [sent[0], 'Quanto custa a dúzia? Vocês entregam no Jabaquara?'],
    [sent[1], 'SAIR'],
  ]) {
    await simJson(stack, `/_sim/sessions/${m.session}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: m.chatId.replace(/@.*/, ''), text }),
    })
  }
  await until(
    'reads, replies and the opt-out on the campaign page',
    async () =>
      (await metric(page, 'read')) > 0 &&
      (await metric(page, 'replied')) === 2 &&
      (await metric(page, 'optOuts')) === 1,
    { timeout: 60_000, every: 2000, between: () => reload(page) },
  )

  // The replies are in Respostas: the conversation with the question (decision 032).
  await page.goto('/respostas')
  const conversationHref = await page
    .locator('tr', { hasText: 'Quanto custa a dúzia?' })
    .locator('a[href^="/respostas/"]')
    .first()
    .getAttribute('href')
  const conversationId = conversationHref?.split('/')[2]
  assert.ok(conversationId, 'the reply is listed in Respostas')

  // A campaign scheduled for tomorrow (editable).
  const scheduledId = await compose(page, {
    js,
    name: 'Lançamento do panetone artesanal',
    session: session.displayName,
    text: 'Oi {{primeiro_nome}}, o panetone artesanal chegou! Encomende pelo WhatsApp.',
    schedule: tomorrowInSaoPaulo(),
  })
  await page.locator('h1 [data-status="scheduled"]').waitFor()

  // It also goes to the saved segment (decision 039): with JavaScript the review counts it as soon as
  // the box is checked; without, once saved. Still scheduled afterwards.
  await page.goto(`/campanhas/${scheduledId}/editar`)
  await hydrated(page, js)
  await page.getByText('Mais listas, segmentos e exclusões').click()
  await page
    .getByTestId('audience-segments')
    .getByLabel('Zona sul, capital de São Paulo, com consentimento')
    .check()
  if (js) {
    await page
      .getByTestId('audience-breakdown')
      .getByText(/no segmento Zona sul/)
      .waitFor()
    // The live review's request is over before the form is submitted (a navigation aborts it).
    await page.locator('[data-testid="review"][aria-busy="false"]').waitFor()
  }
  await page.getByRole('button', { name: 'Salvar alterações' }).click()
  await page
    .getByTestId('audience-breakdown')
    .getByText(/no segmento Zona sul/)
    .waitFor()
  await page.goto(`/campanhas/${scheduledId}`)
  await page.getByText('Segmento usado: Zona sul, capital de São Paulo, com consentimento').waitFor()
  await page.locator('h1 [data-status="scheduled"]').waitFor()

  // A webhook endpoint (decision 033): its page shows the settings and the (empty) delivery log. An
  // address outside this machine, so nothing is ever delivered during the journey.
  await page.goto('/integracoes/webhooks')
  await page.getByLabel('URL', { exact: true }).fill('https://example.com/hooks/disparo')
  await page.getByLabel(/Resposta recebida/).check()
  await page.getByRole('button', { name: 'Cadastrar endereço' }).click()
  const endpointHref = await page.locator('a[href^="/integracoes/webhooks/"]').first().getAttribute('href')
  const endpointId = endpointHref?.split('/')[3]
  assert.ok(endpointId, 'the webhook endpoint was created')

  return {
    sessionId,
    listId,
    mappingListId,
    personId,
    segmentId,
    campaignId,
    scheduledId,
    conversationId,
    endpointId,
  }
}
