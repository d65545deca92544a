// Campaigns and tracking against the WAHA simulator: two sessions paired through the simulator's
// control API -> import a small CSV -> compose a campaign (variables, a {Olá|Oi} variant, a tracked
// link, an image, both sessions; the review's counts follow by themselves with JS, after "Atualizar
// revisão" without) -> "Enviar teste" to my number (the simulator gets it, with the image) -> "Enviar
// agora" -> confirm "Enviar para 7 contatos por 2 sessões?" (a dialog with JS, a page without) ->
// watch it finish (JS: in place, no reload; no JS: reloads) -> deliveries and reads from the simulator's acks -> a tracked click -> a reply and a SAIR
// (opt-out) -> CSV export -> pause and resume a second, slower campaign. Runs with JS on and off.
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { measureLayout } from '../layout-check.mjs'
import {
  campaignStatus,
  createConnectedSession,
  fillComposerPacing,
  hydrated,
  importCsvList,
  metric,
  openComposer,
  reload,
  setupAndLogin,
  simJson,
  until,
} from './common.mjs'

export const name = 'campaign: compose, send with two sessions, finish, track, export, pause/resume'
export const allowConsole = [/status of 4\d\d/]

const LIST_NAME = 'Clientes da campanha'
const CONTACTS = [
  ['João da Conceição', '(11) 98765-4301', 'São Paulo'],
  ['Maria Antônia Simões', '(11) 98765-4302', 'Niterói'],
  ['José Araújo', '(11) 98765-4303', 'Santos'],
  ['Lúcia Gonçalves', '(11) 98765-4304', 'Campinas'],
  ['Fábio Brandão', '(11) 98765-4305', 'Jundiaí'],
  ['Cecília Ribeiro', '(11) 98765-4306', 'Guarulhos'],
  ['Açucena Lima', '(11) 98765-4308', 'Osasco'],
]
const TEXT =
  '{Olá|Oi} {{primeiro_nome}}! Pão de queijo fresquinho com 20% de desconto hoje. Veja: https://exemplo.com.br/promo'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A valid 8x8 orange PNG, built here (no fixture file). */
function tinyPng() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const w = 8
  const h = 8
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const rows = []
  for (let y = 0; y < h; y++) {
    rows.push(0) // filter: none
    for (let x = 0; x < w; x++) rows.push(0xf5, 0x8a, 0x1f)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The page fits 360 px without sideways scrolling (then the viewport goes back). */
async function fitsIn360(page, what) {
  const before = page.viewportSize()
  // Without JavaScript a live page reloads itself every 10 s: measure a fully loaded one, not a page
  // caught half-parsed while its stylesheet is still on the way.
  await page.waitForLoadState('load')
  await page.setViewportSize({ width: 360, height: 740 })
  // The outermost elements sticking out (outside any scroll container), to say what to fix.
  const { scrollWidth, offenders } = await measureLayout(page)
  await page.setViewportSize(before)
  assert.ok(
    scrollWidth <= 360,
    `${what} fits 360 px (scrollWidth ${scrollWidth}: ${offenders.slice(0, 5).join(', ')})`,
  )
}

/** The big number of a review tile. */
async function reviewStat(page, testid) {
  const text = await page.locator(`[data-testid="${testid}"] .stat`).textContent({ timeout: 2000 })
  return Number(text.replace(/\D/g, ''))
}

/**
 * Fills the composer, checks the review, optionally sends a test to `testChat`'s number, clicks
 * "Enviar agora" and confirms; returns the campaign page's path.
 */
async function composeAndLaunch(
  page,
  {
    js,
    stack,
    shot,
    name,
    sessions,
    minDelay,
    maxDelay,
    perMinute,
    image,
    expect: people,
    testChat,
    text = TEXT,
  },
) {
  await openComposer(page, { js, name, listName: LIST_NAME, text })
  if (image) {
    await page
      .getByLabel('Anexo (opcional)')
      .setInputFiles({ name: 'promo.png', mimeType: 'image/png', buffer: tinyPng() })
  }
  // AI ("✨ Usar IA") is skipped here: it has its own tests.
  for (const s of sessions) await page.getByRole('checkbox', { name: new RegExp(s) }).check()
  await fillComposerPacing(page, { minDelay, maxDelay, perMinute })
  await page.getByRole('checkbox', { name: 'Rastrear cliques nos links' }).check()

  // The review: with JS it follows the form by itself; without, "Atualizar revisão" asks for it.
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await until(
    `the review to count ${people} to send`,
    async () => (await reviewStat(page, 'review-to-send')) === people,
    { timeout: 15_000, every: 300 },
  )
  if (image) await page.locator('[data-testid="review-image"]').first().waitFor()

  if (testChat) {
    const digits = testChat.replace(/@.*/, '')
    await page
      .getByLabel('Seu WhatsApp')
      .fill(`(${digits.slice(2, 4)}) ${digits.slice(4, 9)}-${digits.slice(9)}`)
    await page.getByRole('button', { name: 'Enviar teste' }).click()
    await page.getByTestId('test-send-outcome').getByText('Teste enviado para').waitFor()
    const got = (await simJson(stack, `/_sim/messages?chatId=${testChat}`)).filter((m) => m.fromMe)
    assert.equal(got.length, 1, `the simulator got the test: ${JSON.stringify(got)}`)
    assert.equal(got[0].type, image ? 'image' : 'text', 'the test carries the image')
    assert.match(got[0].body, /^(Olá|Oi) \S+! Pão de queijo/, got[0].body)
    await shot?.('test-sent')
    await fitsIn360(page, 'the composer')
  }

  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const question = `Enviar para ${people} contato${people === 1 ? '' : 's'} por ${sessions.length} ${
    sessions.length === 1 ? 'sessão' : 'sessões'
  }?`
  const confirm = page.getByTestId('launch-confirm')
  await confirm.getByText(question).waitFor({ timeout: 20_000 })
  if (js)
    assert.equal(await page.locator('dialog[open][data-testid="launch-confirm"]').count(), 1, 'a dialog')
  else assert.equal(await page.locator('form#composer').count(), 0, 'a page of its own')
  await shot?.('confirm')
  await fitsIn360(page, 'the confirmation')
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 }).catch(async (error) => {
    const alerts = await page.locator('.form-error, .error, [role="alert"]').allTextContents()
    throw new Error(`"Enviar agora" did not open the campaign page: ${alerts.join(' | ') || error.message}`)
  })
  await page.getByText('Campanha iniciada').waitFor()
  return new URL(page.url()).pathname
}

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  // The number "my" test goes to: not one of the list's contacts.
  const testChat = js ? '5511977770001@c.us' : '5511977770002@c.us'
  await setupAndLogin(page, { js })

  // 1-2. Two sessions, paired through the simulator.
  const sessions = [
    { displayName: 'Loja Centro', sessionName: `centro-${mode}`, phone: '5511988881111' },
    { displayName: 'Loja Bairro', sessionName: `bairro-${mode}`, phone: '5511988882222' },
  ]
  for (const s of sessions) await createConnectedSession(page, { js, stack, ...s })
  await page.goto('/integracoes/sessoes')
  await until(
    'both sessions "Conectada" on /integracoes/sessoes',
    async () => {
      for (const s of sessions) {
        if ((await page.getByTestId(`session-row-${s.sessionName}`).getByText('Conectada').count()) === 0)
          return false
      }
      return true
    },
    { timeout: 30_000, between: () => reload(page) },
  )
  await shot('sessions')

  // 3. The list.
  await importCsvList(page, { js, listName: LIST_NAME, contacts: CONTACTS })
  await page.getByText('Maria Antônia Simões').waitFor()

  // 4. Compose and send now.
  const campaignPath = await composeAndLaunch(page, {
    js,
    name: 'Promoção pão de queijo',
    sessions: sessions.map((s) => s.displayName),
    minDelay: 0,
    maxDelay: 1,
    perMinute: 60,
    image: true,
    stack,
    shot,
    expect: CONTACTS.length,
    testChat,
  })
  await shot('launched')

  // 5. Watch it finish. With JS the page revalidates in place; without, reload until it is done.
  await hydrated(page, js)
  if (js) await page.evaluate(() => (window.__sameDocument = true))
  const firstSeen = { status: await campaignStatus(page), sent: await metric(page, 'sent') }
  if (firstSeen.status === 'finished')
    console.log('  the campaign had already finished on arrival: no live update seen')
  await until('the campaign to show "Concluída"', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 90_000,
    every: 1000,
    between: js ? undefined : () => reload(page),
  })
  if (js) assert.equal(await page.evaluate(() => window.__sameDocument), true, 'updated without a reload')
  assert.ok(firstSeen.sent < CONTACTS.length || firstSeen.status === 'finished', JSON.stringify(firstSeen))
  await page.locator('h1').getByText('Concluída').waitFor()
  if (js) await reload(page) // the finished page no longer revalidates; read fresh numbers
  assert.equal(await metric(page, 'total'), CONTACTS.length, 'total on the campaign page')
  assert.equal(await metric(page, 'sent'), CONTACTS.length, 'every contact sent')
  await shot('finished')

  // The simulator got one image per contact, variables and variant rendered, links rewritten.
  const sent = (await simJson(stack, '/_sim/messages')).filter(
    (m) => m.fromMe && !m.chatId.startsWith('55119777700'),
  )
  assert.equal(
    sent.length,
    CONTACTS.length,
    `one message per contact: ${JSON.stringify(sent.map((m) => m.chatId))}`,
  )
  assert.equal(new Set(sent.map((m) => m.chatId)).size, CONTACTS.length, 'never twice to the same chat')
  for (const m of sent) {
    assert.equal(m.type, 'image', 'sent with the image')
    assert.match(m.body, /^(Olá|Oi) \S+! Pão de queijo/, m.body)
    assert.ok(!m.body.includes('{{') && !m.body.includes('exemplo.com.br'), `rendered and tracked: ${m.body}`)
    assert.match(m.body, /\/l\/[A-Za-z0-9_-]+/, m.body)
  }
  const joao = sent.find((m) => m.chatId.startsWith('5511987654301'))
  assert.ok(joao?.body.includes('João!'), `first name with accents: ${joao?.body}`)
  const usedSessions = new Set(sent.map((m) => m.session))
  console.log(`  sessions used: ${[...usedSessions].join(', ')}`)

  // 7. Tracking: deliveries and reads from the simulator's acks (realistic timings: READ ~8 s).
  await until(
    'entregues > 0 and lidas > 0 on the campaign page',
    async () => (await metric(page, 'delivered')) > 0 && (await metric(page, 'read')) > 0,
    { timeout: 60_000, every: 2000, between: () => reload(page) },
  )
  await shot('acks')

  // A tracked click: open the /l/<token> link of João's message; it redirects to the real address.
  const link = joao.body.match(/https?:\/\/[^\s]+\/l\/[A-Za-z0-9_-]+/)?.[0]
  assert.ok(link, `a tracked link in ${joao.body}`)
  assert.ok(link.startsWith(stack.url), `the link points at Disparo: ${link}`)
  // page.route never sees the target of a redirect (the network is closed), so the /l/ request is
  // passed to Disparo with redirects off, its 302 checked, and the page shown what the target would say.
  let redirectedTo = null
  await page.route(`${stack.url}/l/**`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    redirectedTo = response.status() === 302 ? response.headers().location : `HTTP ${response.status()}`
    await route.fulfill({ status: 200, contentType: 'text/plain', body: `ok: ${redirectedTo}` })
  })
  await page.goto(link)
  await page.unroute(`${stack.url}/l/**`)
  assert.equal(redirectedTo, 'https://exemplo.com.br/promo', 'the link redirects to the original address')
  await page.goto(campaignPath)
  await until('cliques = 1 on the campaign page', async () => (await metric(page, 'clicked')) === 1, {
    timeout: 30_000,
    between: () => reload(page),
  })

  // Replies: a question and a SAIR, each from the session that messaged the contact.
  const [asker, leaver] = [sent[0], sent[1]]
  const digits = (chatId) => chatId.replace(/@.*/, '')
  for (const [m, text] of [
    [asker, 'Quanto custa?'],
    [leaver, 'SAIR'],
  ]) {
    await simJson(stack, `/_sim/sessions/${m.session}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: digits(m.chatId), text }),
    })
  }
  await until(
    'respostas = 2 and opt-outs = 1 on the campaign page',
    async () => (await metric(page, 'replied')) === 2 && (await metric(page, 'optOuts')) === 1,
    { timeout: 30_000, between: () => reload(page) },
  )
  await shot('tracking')
  await page.goto('/opt-outs')
  await page.getByRole('heading', { name: 'Opt-outs', level: 1 }).waitFor()
  await page.getByTestId(`optout-+${digits(leaver.chatId)}`).waitFor()
  assert.equal(
    await page.getByTestId(`optout-+${digits(asker.chatId)}`).count(),
    0,
    'a question is not an opt-out',
  )

  // 8. Export CSV: BOM, ';', names with accents.
  await page.goto(campaignPath)
  await hydrated(page, js)
  const exportLink = page.getByRole('link', { name: 'Exportar CSV' })
  if ((await exportLink.count()) > 0) {
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()])
    const chunks = []
    for await (const chunk of await download.createReadStream()) chunks.push(chunk)
    const file = Buffer.concat(chunks).toString('utf8')
    assert.ok(file.startsWith('\uFEFF'), 'the CSV starts with a BOM')
    assert.ok(file.split('\r\n')[0].includes(';'), `';'-separated header: ${file.split('\r\n')[0]}`)
    for (const [contactName] of CONTACTS) assert.ok(file.includes(contactName), `${contactName} in the CSV`)
  } else {
    console.log('  no "Exportar CSV" link on the campaign page: export not checked')
  }

  // 6. Pause and resume a second, slower campaign (the first one finished too fast). The same people
  // got the first one minutes ago: the team's gap between campaigns (24 h by default, decision 019)
  // would hold them all, so the admin turns it off for this test, and the text differs (the same
  // text is never sent to a number twice within 24 h).
  await page.goto('/equipe')
  await hydrated(page, js)
  await page.getByLabel('Intervalo mínimo entre campanhas para a mesma pessoa (horas)').fill('0')
  await page
    .locator('form', { has: page.getByLabel('Intervalo mínimo entre campanhas para a mesma pessoa (horas)') })
    .getByRole('button', { name: 'Salvar' })
    .click()
  await page.getByText('Intervalo entre campanhas salvo: 0 h.').waitFor()
  const slowPath = await composeAndLaunch(page, {
    js,
    text: 'Última chance, {{primeiro_nome}}: pão de queijo com 20% de desconto só até amanhã.',
    name: 'Promoção lenta',
    sessions: [sessions[0].displayName],
    minDelay: 20,
    maxDelay: 30,
    perMinute: 2,
    image: false,
    stack,
    // The contact who said SAIR is left out now.
    expect: CONTACTS.length - 1,
  })
  await hydrated(page, js)
  assert.equal(await campaignStatus(page), 'running', 'the second campaign is sending')
  await page.locator('h1').getByText('Enviando').waitFor()
  await page.getByRole('button', { name: 'Pausar', exact: true }).click()
  await page.getByText('Campanha pausada.').waitFor()
  await page.locator('h1 [data-status="paused"]').waitFor()
  await page.locator('h1').getByText('Pausada').waitFor()
  // The banner says who paused it.
  await page
    .getByTestId('paused-banner')
    .getByText(/Pausada por /)
    .waitFor()
  await fitsIn360(page, 'the paused campaign page')
  await shot('paused')
  await page.getByRole('button', { name: 'Retomar', exact: true }).click()
  await page.getByText('Campanha retomada.').waitFor()
  await page.locator('h1 [data-status="running"]').waitFor()
  await page.locator('h1').getByText('Enviando').waitFor()
  assert.equal(await page.getByTestId('paused-banner').count(), 0, 'no banner once resumed')
  assert.equal(new URL(page.url()).pathname, slowPath)
  await shot('resumed')
  // stop it so nothing keeps sending while the stack shuts down
  // (it may have finished meanwhile: then "Cancelar" answers that it already finished)
  await page.getByRole('button', { name: 'Cancelar campanha' }).click()
  await page.locator('h1 [data-status="cancelled"], h1 [data-status="finished"]').first().waitFor()
}
