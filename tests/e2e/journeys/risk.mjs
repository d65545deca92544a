// Risk before launch (decision 023) in the browser, JS on and off: a connected number, a list of 60
// contacts nobody wrote to, one careless text -> the review says "Risco do envio: alto" with its reasons ->
// "Adicionar linha para sair", "Espalhar em mais dias" and "Adicionar variante" change the composer's
// fields and the review in one click each -> nothing was saved -> the page fits 360 px.
import assert from 'node:assert/strict'
import { createConnectedSession, importCsvList, openComposer, setupAndLogin, until } from './common.mjs'

export const name = 'risk: level, reasons and one-click fixes in the composer review'
export const allowConsole = [/status of 4\d\d/]

const LIST_NAME = 'Sessenta clientes'
const CONTACTS = Array.from({ length: 60 }, (_, i) => [
  `Cliente ${i + 1}`,
  `(11) 98765-${String(4100 + i).padStart(4, '0')}`,
  'São Paulo',
])
const TEXT = 'Promoção hoje! Veja bit.ly/promo'
const OPT_OUT = 'Responda SAIR para não receber mais.'

const reasons = (page) =>
  page
    .locator('[data-testid="risk-reasons"] [data-reason]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))

async function fitsIn360(page) {
  const before = page.viewportSize()
  await page.setViewportSize({ width: 360, height: 740 })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  await page.setViewportSize(before)
  assert.ok(width <= 360, `the composer with the risk panel fits 360 px (scrollWidth ${width})`)
}

export async function run({ page, js, shot, stack }) {
  await setupAndLogin(page, { js })
  await createConnectedSession(page, {
    js,
    stack,
    displayName: 'Loja Centro',
    sessionName: `risco-${js ? 'js' : 'nojs'}`,
    phone: '5511988883333',
  })
  await importCsvList(page, { js, listName: LIST_NAME, contacts: CONTACTS })

  await openComposer(page, { js, name: 'Promoção arriscada', listName: LIST_NAME, text: TEXT })
  await page.getByRole('checkbox', { name: /Loja Centro/ }).check()
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()

  const level = page.getByTestId('risk-level')
  await until(
    'the review to show the risk',
    async () => (await level.count()) > 0 && (await level.textContent()) === 'alto',
    {
      timeout: 15_000,
      every: 300,
    },
  )
  assert.deepEqual(await reasons(page), ['oneText', 'noName', 'shortLink', 'firstContacts', 'noOptOut'])
  await page.getByText('60 contatos (100% da lista) nunca receberam mensagem destes números').waitFor()
  await shot('risk')
  await fitsIn360(page)

  // "Adicionar linha para sair": the text gets the line and the reason goes away.
  await page.getByTestId('risk-fix-addOptOut').click()
  await until(
    'the opt-out line in text 1',
    async () => (await page.getByLabel('Texto 1', { exact: true }).inputValue()).endsWith(OPT_OUT),
    {
      timeout: 15_000,
      every: 300,
    },
  )
  await until('the reason to go', async () => !(await reasons(page)).includes('noOptOut'), {
    timeout: 15_000,
    every: 300,
  })

  // "Espalhar em mais dias": the daily cap field takes the value the button showed.
  const spread = page.getByTestId('risk-fix-spreadDays')
  const cap = /(\d+) mensagens por dia/.exec(await spread.textContent())?.[1]
  assert.ok(cap, 'the spread button says the new daily cap')
  await spread.click()
  await until(
    `the daily cap to become ${cap}`,
    async () => (await page.getByLabel('Limite diário (por sessão)', { exact: true }).inputValue()) === cap,
    {
      timeout: 15_000,
      every: 300,
    },
  )

  // "Adicionar variante": a second text, a copy of the first to reword.
  await page.getByTestId('risk-fix-addVariant').click()
  await until(
    'a second text',
    async () => (await page.getByLabel('Texto 2', { exact: true }).count()) === 1,
    { timeout: 15_000, every: 300 },
  )
  assert.equal(
    await page.getByLabel('Texto 2', { exact: true }).inputValue(),
    await page.getByLabel('Texto 1', { exact: true }).inputValue(),
  )
  // The other fields kept what was typed.
  assert.equal(await page.getByLabel('Nome da campanha').inputValue(), 'Promoção arriscada')
  await shot('fixed')

  // Nothing was saved.
  await page.goto('/campanhas')
  assert.equal(await page.getByText('Promoção arriscada').count(), 0, 'no campaign was saved by a fix')
}
