// Shared steps for browser journeys. Each journey runs against a fresh stack, so it starts here:
// the first-run setup creates the team and its admin and leaves the browser signed in.
import assert from 'node:assert/strict'

/** Waits for Remix to hydrate (JS on only). */
export async function hydrated(page, js) {
  if (js) await page.waitForFunction(() => window.__remixRouter?.state?.initialized === true)
}

/** Completes the first-run setup and returns the admin's credentials; the page ends on the home page. */
export async function setupAndLogin(
  page,
  {
    js = false,
    tenant = 'Padaria Pão Quente',
    name = 'Ana Souza',
    email,
    password = 'Pao-de-queijo-2026',
  } = {},
) {
  const admin = { name, email: email ?? `admin.${js ? 'js' : 'nojs'}@padaria.com.br`, password }
  await page.goto('/')
  await page.waitForURL(/\/setup$/)
  await hydrated(page, js)
  await page.getByLabel('Nome da empresa / equipe').fill(tenant)
  await page.getByLabel('Seu nome').fill(admin.name)
  await page.getByLabel('E-mail', { exact: true }).fill(admin.email)
  await page.getByLabel('Senha', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Criar equipe e entrar' }).click()
  await page.getByRole('heading', { name: `Olá, ${admin.name}!` }).waitFor()
  return admin
}

// ---- Helpers for journeys against the WAHA simulator (campaign.mjs, schedule-ai.mjs) ----

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** The simulator's API key for the sessions the journeys create. */
export const SIM_API_KEY = 'disparo-dev-key'

/** Text as Windows-1252 bytes (Excel pt-BR CSVs). */
export function windows1252(text) {
  return Buffer.from(
    Uint8Array.from(text, (c) => {
      const code = c.charCodeAt(0)
      if (code > 0xff) throw new Error(`not Latin-1: ${c}`)
      return code
    }),
  )
}

/** JSON from the simulator's control API; throws on a non-2xx answer. */
export async function simJson(stack, path, init) {
  const res = await fetch(`${stack.simUrl}${path}`, init)
  const body = await res.text()
  if (!res.ok) throw new Error(`simulator ${init?.method ?? 'GET'} ${path}: ${res.status} ${body}`)
  return JSON.parse(body)
}

/** Polls `check` (truthy = done) until `timeout`; `between` runs between tries (e.g. a reload). */
export async function until(what, check, { timeout = 60_000, every = 1000, between } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await check()
      if (last) return last
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout / 1000} s waiting for ${what} (last: ${String(last?.message ?? last)})`,
      )
    }
    await sleep(every)
    if (between) await between()
  }
}

/** Reloads the page, ignoring a navigation interrupted by the page's own refresh. */
export async function reload(page) {
  try {
    await page.reload({ waitUntil: 'domcontentloaded' })
  } catch {}
}

/** A number from the report: the funnel metric, else the status grid ("Mensagens"). */
export async function metric(page, key) {
  const read = async (testid) => {
    const loc = page.locator(`[data-testid="${testid}"] .stat`).first()
    if ((await loc.count()) === 0) return null
    return Number((await loc.textContent({ timeout: 2000 })).replace(/\D/g, ''))
  }
  const funnel = await read(`funnel-${key}`)
  if (funnel !== null) return funnel
  if (key === 'sent') {
    const parts = await Promise.all(['sent', 'delivered', 'read'].map((s) => read(`count-${s}`)))
    if (parts.every((n) => n !== null)) return parts.reduce((a, b) => a + b, 0)
  }
  if (key === 'delivered') {
    const parts = await Promise.all(['delivered', 'read'].map((s) => read(`count-${s}`)))
    if (parts.every((n) => n !== null)) return parts.reduce((a, b) => a + b, 0)
  }
  if (key === 'read') return read('count-read')
  throw new Error(`the campaign page shows no "${key}" number (data-testid funnel-${key})`)
}

/** The campaign's status from the badge in the title (data-status). */
export async function campaignStatus(page) {
  return page.locator('h1 [data-status]').first().getAttribute('data-status', { timeout: 2000 })
}

/** Creates a session on the simulator through the form (fast pacing), scans its QR, waits for WORKING. */
export async function createConnectedSession(page, { js, stack, displayName, sessionName, phone }) {
  await page.goto('/integracoes/sessoes/nova')
  await page.getByRole('heading', { name: 'Nova sessão WhatsApp' }).waitFor()
  await hydrated(page, js)
  await page.getByLabel('Endereço do servidor WAHA').fill(stack.simUrl)
  await page.getByLabel('Nome de exibição').fill(displayName)
  await page.getByLabel('Chave de API do WAHA (X-Api-Key)').fill(SIM_API_KEY)
  await page.getByLabel('Nome da sessão no WAHA').fill(sessionName)
  // fast pacing: 0-1 s, 60/min, every day, 00:00-23:59
  await page.getByLabel('Intervalo mínimo entre mensagens (segundos)').fill('0')
  await page.getByLabel('Intervalo máximo entre mensagens (segundos)').fill('1')
  await page.getByLabel('Máximo de mensagens por minuto').fill('60')
  for (const day of ['Dom', 'Seg', 'Ter', 'Qua', 'Qui', 'Sex', 'Sáb']) {
    await page.getByRole('checkbox', { name: day, exact: true }).check()
  }
  await page.getByLabel('Início', { exact: true }).fill('00:00')
  await page.getByLabel('Fim', { exact: true }).fill('23:59')
  await page.getByRole('button', { name: 'Cadastrar e iniciar' }).click()
  await page.getByText('cadastrada e iniciada').waitFor()
  await page.getByRole('heading', { name: displayName }).waitFor()
  await hydrated(page, js)
  await page.getByTestId('session-qr').waitFor({ timeout: 20_000 })
  const scan = await fetch(`${stack.simUrl}/_sim/sessions/${sessionName}/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, pushName: displayName }),
  })
  assert.equal(scan.status, 201, `scan ${sessionName}: ${await scan.text()}`)
  await page.locator('[data-testid="session-status"][data-status="WORKING"]').waitFor({ timeout: 20_000 })
}

/**
 * Imports `contacts` ([name, phone, city] rows) as an Excel-style CSV (Windows-1252, ';', CRLF) into a
 * new list and waits until it is ready with every contact valid. The page ends on the list.
 */
export async function importCsvList(page, { js, listName, contacts, file = 'clientes.csv' }) {
  const csv = ['Nome;Celular;Cidade', ...contacts.map((c) => c.join(';')), ''].join('\r\n')
  await page.goto('/contatos/importar')
  await page.getByRole('heading', { name: 'Importar lista de contatos' }).waitFor()
  await hydrated(page, js)
  await page
    .getByLabel('Arquivo')
    .setInputFiles({ name: file, mimeType: 'text/csv', buffer: windows1252(csv) })
  await page.getByLabel('Nome da lista nova').fill(listName)
  await page.getByRole('button', { name: 'Enviar e importar' }).click()
  await page.getByRole('heading', { name: new RegExp(listName) }).waitFor()
  await page.locator('.badge', { hasText: 'Pronta' }).first().waitFor({ timeout: 30_000 })
  assert.equal(
    await page.getByTestId('count-valid').locator('.stat').textContent(),
    String(contacts.length),
    'every contact imported',
  )
}

/**
 * The composer's "Ritmo de envio" for a test: gaps of `minDelay`–`maxDelay` s, `perMinute` a minute,
 * every day 00:00–23:59 (São Paulo), no typing simulation.
 */
export async function fillComposerPacing(page, { minDelay = 0, maxDelay = 1, perMinute = 60 } = {}) {
  await page.getByLabel('Intervalo mínimo (segundos)', { exact: true }).fill(String(minDelay))
  await page.getByLabel('Intervalo máximo (segundos)', { exact: true }).fill(String(maxDelay))
  await page.getByLabel('Máximo por minuto (por sessão)', { exact: true }).fill(String(perMinute))
  for (const day of ['Dom', 'Seg', 'Ter', 'Qua', 'Qui', 'Sex', 'Sáb']) {
    await page.getByRole('checkbox', { name: day, exact: true }).check()
  }
  await page.getByLabel('Das (horário de São Paulo)').fill('00:00')
  await page.getByLabel('Até', { exact: true }).fill('23:59')
  await page.getByRole('checkbox', { name: 'Simular digitação antes de cada mensagem' }).uncheck()
}

/**
 * Opens "Nova campanha" and fills its first fields: the campaign's name, the list `listName` (which
 * must be offered) and, when given, "Texto 1". Returns the list's option value.
 */
export async function openComposer(page, { js, name, listName, text }) {
  await page.goto('/campanhas/nova')
  await page.getByRole('heading', { name: 'Nova campanha' }).waitFor()
  await hydrated(page, js)
  await page.getByLabel('Nome da campanha').fill(name)
  const list = page.getByLabel('Lista de contatos')
  const value = await list.locator('option', { hasText: listName }).getAttribute('value')
  assert.ok(value, `the list "${listName}" is offered in the composer`)
  await list.selectOption(value)
  if (text) await page.getByLabel('Texto 1', { exact: true }).fill(text)
  return value
}

/**
 * A journey's usual start: the first-run setup signed in, one session paired on the simulator as
 * `session` ({ displayName, sessionName, phone }), and the list `listName` imported from `contacts`.
 */
export async function teamWithList(page, { js, stack, session, listName, contacts }) {
  await setupAndLogin(page, { js })
  await createConnectedSession(page, { js, stack, ...session })
  await importCsvList(page, { js, listName, contacts })
}

/**
 * Composes a campaign of `text` to `listName` through `session` with no delays, sends it ("Enviar
 * agora", confirmed for three contacts) and waits on its page until it is finished; returns its path.
 */
export async function sendToListUntilFinished(page, { js, session, name, listName, text }) {
  await openComposer(page, { js, name, listName, text })
  await page.getByRole('checkbox', { name: new RegExp(session.displayName) }).check()
  await fillComposerPacing(page, { minDelay: 0, maxDelay: 1, perMinute: 60 })
  if (!js) await page.getByRole('button', { name: 'Atualizar revisão' }).click()
  await page.getByRole('button', { name: 'Enviar agora' }).click()
  const confirm = page.getByTestId('launch-confirm')
  await confirm.getByText('Enviar para 3 contatos por 1 sessão?').waitFor({ timeout: 20_000 })
  await confirm.getByRole('button', { name: 'Confirmar envio' }).click()
  await page.waitForURL(/\/campanhas\/cmp_[^/?#]+$/, { timeout: 20_000 })
  await until('the campaign to finish', async () => (await campaignStatus(page)) === 'finished', {
    timeout: 60_000,
    between: () => reload(page),
  })
  return new URL(page.url()).pathname
}
