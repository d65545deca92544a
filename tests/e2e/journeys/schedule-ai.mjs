// A scheduled campaign written with AI: the OpenAI-compatible provider against the simulator's fake
// (saved, tested, default) -> one session paired through the simulator -> a small CSV list -> compose
// with "✨ Usar IA" (brief -> 3 suggestions -> "Usar este texto") -> "Agendar" for a minute ahead (São
// Paulo time) -> the real cron tick (scripts/start.mjs, every minute on the minute) releases it ->
// it sends from the scheduled minute on, once per contact, and finishes. Runs with JS on and off.
import assert from 'node:assert/strict'
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

export const name =
  'schedule + AI: suggestions, schedule a minute ahead, cron releases it, every contact once'
export const allowConsole = [/status of 4\d\d/]

const TIME_ZONE = 'America/Sao_Paulo'
const LIST_NAME = 'Clientes do pão de queijo'
const CONTACTS = [
  ['Joana Conceição', '(11) 98765-4411', 'São Paulo'],
  ['Sérgio Araújo', '(11) 98765-4412', 'Santos'],
  ['Lívia Gonçalves', '(11) 98765-4413', 'Campinas'],
  ['Otávio Simões', '(11) 98765-4416', 'Osasco'],
]
const BRIEF = 'Promoção de pão de queijo, 20% de desconto hoje'

/** São Paulo wall clock of an instant: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
function saoPaulo(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** "dd/mm/aaaa, hh:mm:ss" in São Paulo (the campaign page's dates) -> epoch ms. */
function saoPauloToEpoch(text) {
  const m = /(\d{2})\/(\d{2})\/(\d{4}),?\s+(\d{2}):(\d{2}):(\d{2})/.exec(text)
  assert.ok(m, `a São Paulo date in "${text}"`)
  const [d, mo, y, h, mi, s] = m.slice(1).map(Number)
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  // the zone's offset at that instant, from Intl (no hard-coded -03:00)
  const wall = saoPaulo(asUtc)
  const [wy, wmo, wd] = wall.date.split('-').map(Number)
  const [wh, wmi] = wall.time.split(':').map(Number)
  const offset = Date.UTC(wy, wmo - 1, wd, wh, wmi, s) - asUtc
  return asUtc - offset
}

/** The scheduled minute: the next full minute + 1, or + 2 when the next one is under 20 s away. */
function scheduleTarget(now = Date.now()) {
  const nextMinute = Math.floor(now / 60_000) * 60_000 + 60_000
  return nextMinute + 60_000 + (nextMinute - now < 20_000 ? 60_000 : 0)
}

const iso = (ms) => new Date(ms).toISOString().slice(11, 19)
const normalize = (text) => (text ?? '').replace(/\r\n/g, '\n').trim()

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  await setupAndLogin(page, { js })

  // 1. The AI provider: OpenAI-compatible against the simulator's fake, tested (Ativo).
  await page.goto('/integracoes/ia')
  await hydrated(page, js)
  const card = page.getByTestId('ai-platform-openai-compatible')
  await card.getByText('Configurar Outro compatível com OpenAI').click()
  await card.getByLabel('Nome').fill('Simulador')
  await card.getByLabel('URL base da API').fill(`${stack.simUrl}/ai/v1`)
  await card.getByLabel(/Chave de API/).fill('sk-test-valid')
  await card.getByLabel('Modelo').fill('gpt-4o-mini')
  await card.getByRole('button', { name: 'Salvar' }).click()
  const saved = card.locator('article.ai-provider')
  await saved.waitFor()
  await saved.getByRole('button', { name: 'Testar conexão' }).click()
  await page.getByText(/Conexão funcionando/).waitFor()
  await card.locator('.badge.ok', { hasText: 'Ativo' }).waitFor()

  // 2. One session (fast pacing) and the list.
  const session = { displayName: 'Padaria Centro', sessionName: `schedai-${mode}`, phone: '5511988883333' }
  await createConnectedSession(page, { js, stack, ...session })
  await importCsvList(page, { js, listName: LIST_NAME, contacts: CONTACTS })

  // 3. Compose: name, list, then "✨ Usar IA".
  const campaignName = `Pão de queijo agendado (${mode})`
  const listValue = await openComposer(page, { js, name: campaignName, listName: LIST_NAME })
  await page.locator('summary', { hasText: '✨ Usar IA' }).click()
  await page.getByLabel('Briefing').fill(BRIEF)
  const provider = page.getByLabel('Provedor de IA')
  const providerText = await provider.locator('option:checked').textContent()
  assert.match(providerText, /Simulador/, 'the tested provider is preselected (the default)')
  await page.getByRole('button', { name: 'Gerar sugestões' }).click()
  const suggestions = page.getByTestId('ai-variants')
  await suggestions.waitFor({ timeout: 30_000 })
  await suggestions.getByRole('heading', { name: 'Sugestões da IA (revise antes de usar)' }).waitFor()
  const variants = (await suggestions.locator('.card p').allTextContents()).map(normalize)
  assert.equal(variants.length, 3, `three suggestions: ${JSON.stringify(variants)}`)
  assert.equal(new Set(variants).size, 3, 'the suggestions differ')
  for (const v of variants) assert.match(v, /pão de queijo/i, `the brief shapes each suggestion: ${v}`)
  // what was typed survives the round trip
  assert.equal(await page.getByLabel('Nome da campanha').inputValue(), campaignName)
  assert.equal(await page.getByLabel('Lista de contatos').inputValue(), listValue)
  await shot('ai-suggestions')

  const chosen = variants[1]
  await suggestions.locator('.card').nth(1).getByRole('button', { name: 'Usar este texto' }).click()
  const texts = page.locator('textarea[name^="texts["]')
  await until(
    'the chosen suggestion in a message text',
    async () => (await texts.evaluateAll((els) => els.map((e) => e.value))).map(normalize).includes(chosen),
    { timeout: 15_000, every: 300 },
  )
  // "Texto 1" was empty: the suggestion fills it instead of adding a "Texto 2".
  assert.equal(normalize(await page.getByLabel('Texto 1', { exact: true }).inputValue()), chosen)
  assert.equal(await texts.count(), 1, 'no second text was added')

  await page.getByRole('checkbox', { name: new RegExp(session.displayName) }).check()
  await fillComposerPacing(page)

  // 4. Schedule for the next full minute + 1 (São Paulo time).
  const at = scheduleTarget()
  const local = saoPaulo(at)
  await page.getByLabel('Data', { exact: true }).fill(local.date)
  await page.getByLabel('Hora (São Paulo)', { exact: true }).fill(local.time)
  await page.getByRole('button', { name: 'Agendar', exact: true }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 }).catch(async (error) => {
    const alerts = await page.locator('.form-error, .error, [role="alert"]').allTextContents()
    throw new Error(`"Agendar" did not open the campaign page: ${alerts.join(' | ') || error.message}`)
  })
  await page.getByText('Campanha agendada.').waitFor()
  await page.locator('h1 [data-status="scheduled"]').waitFor()
  await page.locator('h1').getByText('Agendada').waitFor()
  const scheduledFor = await page.getByText(/^Agendada para /).textContent()
  assert.equal(
    saoPauloToEpoch(scheduledFor),
    at,
    `scheduled for ${local.date} ${local.time}: ${scheduledFor}`,
  )
  await shot('scheduled')
  const campaignPath = new URL(page.url()).pathname

  // 5. The cron tick releases it. The status may turn "Enviando" up to a minute early (the release
  // claims campaigns due within the next minute and delays the dispatch to the second), so the
  // start is checked on the first send and on "Iniciada em".
  let runningSeenAt = null
  await until(
    'the campaign to start sending (Enviando/Concluída)',
    async () => {
      const status = await campaignStatus(page)
      if ((status === 'running' || status === 'finished') && runningSeenAt === null)
        runningSeenAt = Date.now()
      return status === 'running' || status === 'finished'
    },
    { timeout: Math.max(at + 60_000 - Date.now(), 5_000), every: 2000, between: () => reload(page) },
  )
  await until('the campaign to show "Concluída"', async () => (await campaignStatus(page)) === 'finished', {
    timeout: Math.max(at + 100_000 - Date.now(), 5_000),
    every: 2000,
    between: () => reload(page),
  })
  await page.goto(campaignPath)
  await hydrated(page, js)
  await page.locator('h1').getByText('Concluída').waitFor()
  assert.equal(await metric(page, 'total'), CONTACTS.length, 'total on the campaign page')
  assert.equal(await metric(page, 'sent'), CONTACTS.length, 'every contact sent')
  const startedAt = saoPauloToEpoch(await page.getByText(/^Iniciada em /).textContent())
  assert.ok(
    startedAt >= at && startedAt <= at + 60_000,
    `"Iniciada em" ${iso(startedAt)} within a minute of ${iso(at)}`,
  )
  await shot('finished')

  // The simulator: one send per contact, none twice, none before the scheduled minute.
  const sends = await simJson(stack, `/_sim/sends?session=${encodeURIComponent(session.sessionName)}`)
  const chats = Object.entries(sends.byChat)
  assert.equal(sends.total, CONTACTS.length, `one send per contact: ${JSON.stringify(sends.byChat)}`)
  assert.equal(chats.length, CONTACTS.length, `every contact reached: ${JSON.stringify(sends.byChat)}`)
  for (const [chatId, c] of chats)
    assert.deepEqual([c.calls, c.sent, c.failed], [1, 1, 0], `${chatId}: ${JSON.stringify(c)}`)
  const times = sends.calls
    .filter((c) => c.endpoint === 'sendText' || c.endpoint === 'sendImage')
    .map((c) => c.at)
  assert.equal(times.length, CONTACTS.length, 'the send log lists every send')
  const first = Math.min(...times)
  // 1 s of slack: the dispatch delay is rounded to whole seconds
  assert.ok(first >= at - 1_000, `first send ${iso(first)} not before the scheduled ${iso(at)} (UTC)`)
  assert.ok(first <= at + 60_000, `first send ${iso(first)} within a minute of ${iso(at)} (UTC)`)
  const messages = (await simJson(stack, '/_sim/messages')).filter((m) => m.fromMe)
  assert.equal(messages.length, CONTACTS.length, 'one message per contact')
  for (const m of messages) assert.equal(normalize(m.body), chosen, 'the chosen AI text was sent')
  console.log(
    `  scheduled ${local.time} SP (${iso(at)} UTC); "Enviando" seen ${runningSeenAt ? `${((runningSeenAt - at) / 1000).toFixed(1)} s` : '—'}, first send ${((first - at) / 1000).toFixed(1)} s, last ${((Math.max(...times) - at) / 1000).toFixed(1)} s after it`,
  )
}
