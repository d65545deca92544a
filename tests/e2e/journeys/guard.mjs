// The number guard in the browser (decision 022), JS on and off: two connected numbers, a campaign
// sent through both; WhatsApp refuses the first number's first message with error 463 (the simulator's
// failure injection) -> the guard puts that number "Em risco" mid-campaign and rests it -> the campaign
// goes on through the other number and finishes with every contact reached exactly once -> the
// campaign's history says why -> the first number's health page shows the state, the reason and the
// automatic action, and fits 360 px. (The risk panel before launch has its own journey: risk.mjs.)
import assert from 'node:assert/strict'
import { measureLayout } from '../layout-check.mjs'
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

export const name = 'guard: a number turns "Em risco" mid-campaign, the other number finishes it, health page'
export const allowConsole = [/status of 4\d\d/]

const LIST_NAME = 'Clientes da loja'
const CONTACTS = Array.from({ length: 8 }, (_, i) => [
  `Cliente ${i + 1}`,
  `(11) 98761-${String(5100 + i).padStart(4, '0')}`,
  'São Paulo',
])

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  await setupAndLogin(page, { js })
  const risky = { displayName: 'Loja Centro', sessionName: `centro-guard-${mode}`, phone: '5511988884444' }
  const healthy = { displayName: 'Loja Bairro', sessionName: `bairro-guard-${mode}`, phone: '5511988885555' }
  await createConnectedSession(page, { js, stack, ...risky })
  const riskyPath = new URL(page.url()).pathname
  assert.match(riskyPath, /^\/integracoes\/sessoes\/wses_/, 'the session page of the first number')
  await createConnectedSession(page, { js, stack, ...healthy })
  await importCsvList(page, { js, listName: LIST_NAME, contacts: CONTACTS })

  // WhatsApp will refuse the first number's next message with 463 (a time-lock on new contacts).
  await simJson(stack, '/_sim/failures', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: risky.sessionName, kind: 'error-463', count: 1 }),
  })

  await openComposer(page, {
    js,
    name: 'Promoção protegida',
    listName: LIST_NAME,
    text: 'Oi {{primeiro_nome}}, separamos uma oferta para você. Responda SAIR para não receber mais.',
  })
  for (const s of [risky, healthy])
    await page.getByRole('checkbox', { name: new RegExp(s.displayName) }).check()
  await fillComposerPacing(page)
  await page.getByRole('button', { name: 'Enviar agora', exact: true }).click()
  await page
    .getByTestId('launch-confirm')
    .getByRole('button', { name: 'Confirmar envio' })
    .click({ timeout: 20_000 })
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
  const campaignPath = new URL(page.url()).pathname

  // The campaign goes on through the healthy number and finishes.
  await until(
    'the campaign to finish on the other number',
    async () => (await campaignStatus(page)) === 'finished',
    {
      timeout: 90_000,
      between: () => reload(page),
    },
  )
  // Every contact got exactly one message, and none from the number at risk after the refusal.
  for (const [, phone] of CONTACTS) {
    const digits = `55${phone.replace(/\D/g, '')}`
    const got = (await simJson(stack, `/_sim/messages?chatId=${digits}@c.us`)).filter((m) => m.fromMe)
    assert.equal(got.length, 1, `${phone} got one message: ${JSON.stringify(got)}`)
  }
  const riskySends = await simJson(stack, `/_sim/sends?session=${risky.sessionName}`)
  const riskySent = Object.values(riskySends.byChat).reduce((n, c) => n + c.sent, 0)
  assert.equal(riskySent, 0, 'the number at risk sent nothing after its refusal')

  // The campaign's history says why the first number stopped.
  await page.goto(campaignPath)
  await hydrated(page, js)
  const history = page.getByTestId('report-history')
  await history.getByText(/“Loja Centro” ficou “Em risco”/).waitFor()
  await history.getByText(/passadas para os números saudáveis/).waitFor()
  await shot('campaign-history')

  // The health page of the first number: state, reason, the automatic action.
  await page.goto(`${riskyPath}/saude`)
  await hydrated(page, js)
  const state = page.getByTestId('health-state')
  await state.waitFor()
  assert.equal(await state.getAttribute('data-state'), 'em_risco', 'the number is "Em risco"')
  assert.equal((await state.textContent())?.trim(), 'Em risco')
  await page
    .getByTestId('health-reasons')
    .getByText(/463\/475/)
    .waitFor()
  await page
    .getByTestId('health-history')
    .getByText(/em descanso até/)
    .waitFor()
  await page.getByTestId('health-days').waitFor()
  await shot('health')
  const before = page.viewportSize()
  await page.setViewportSize({ width: 360, height: 740 })
  const layout = await measureLayout(page)
  await page.setViewportSize(before)
  assert.ok(layout.scrollWidth <= 360, `the health page fits 360 px: ${layout.offenders.join(', ')}`)

  // The sessions list says the first number rests.
  await page.goto('/integracoes/sessoes')
  await hydrated(page, js)
  await page.getByTestId(`session-row-${risky.sessionName}`).waitFor()
}
