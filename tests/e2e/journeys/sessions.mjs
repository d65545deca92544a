// Integrações → Sessões WhatsApp against the WAHA simulator: create a session (with a pacing error
// first), see the QR code, "scan" it through the simulator's control API and watch the status turn
// Conectada — with JS the page updates in place (no reload); without JS it refreshes itself. Then the
// simulator restarts without its sessions: the page and the list say "Não encontrada no WAHA" (not
// Conectada), "Recriar no WAHA" brings the QR back, and once scanned the last error is gone.
import assert from 'node:assert/strict'
import { hydrated, setupAndLogin } from './common.mjs'

export const name =
  'sessions: create against the WAHA simulator, scan the QR, connected; recreate when WAHA forgot it'
export const allowConsole = [/status of 4\d\d/]

export async function run({ page, js, shot, stack }) {
  const mode = js ? 'js' : 'nojs'
  const sessionName = `loja-${mode}`
  await setupAndLogin(page, { js })

  await page.getByRole('navigation').getByText('Integrações').click()
  await page.getByRole('navigation').getByRole('link', { name: 'Sessões WhatsApp' }).click()
  await page.getByRole('heading', { name: 'Sessões WhatsApp' }).waitFor()
  await page.getByText('Nenhuma sessão cadastrada ainda.').waitFor()
  await page.getByRole('link', { name: 'Nova sessão' }).click()
  await page.getByRole('heading', { name: 'Nova sessão WhatsApp' }).waitFor()
  await hydrated(page, js)

  // DEFAULT_WAHA_URL pre-fills the server (the simulator in local development).
  assert.equal(await page.getByLabel('Endereço do servidor WAHA').inputValue(), stack.simUrl)
  await page.getByLabel('Nome de exibição').fill('Loja Centro')
  await page.getByLabel('Chave de API do WAHA (X-Api-Key)').fill('disparo-dev-key')
  await page.getByLabel('Nome da sessão no WAHA').fill(sessionName)
  await page.getByLabel('Intervalo mínimo entre mensagens (segundos)').fill('90')
  await page.getByLabel('Intervalo máximo entre mensagens (segundos)').fill('60')
  await page.getByRole('button', { name: 'Cadastrar e iniciar' }).click()
  await page.getByText('O intervalo máximo deve ser maior ou igual ao mínimo.').waitFor()
  await shot('create-error')
  assert.equal(
    await page.getByLabel('Nome da sessão no WAHA').inputValue(),
    sessionName,
    'typed values are kept',
  )

  await page.getByLabel('Intervalo mínimo entre mensagens (segundos)').fill('30')
  await page.getByLabel('Chave de API do WAHA (X-Api-Key)').fill('disparo-dev-key')
  await page.getByRole('button', { name: 'Cadastrar e iniciar' }).click()
  await page.getByText('cadastrada e iniciada').waitFor()
  await page.getByRole('heading', { name: 'Loja Centro' }).waitFor()
  await hydrated(page, js)

  // The simulator starts the session and shows a QR code (JS: polled; no JS: meta refresh).
  await page.getByTestId('session-qr').waitFor({ timeout: 20_000 })
  assert.match(await page.getByTestId('session-qr').getAttribute('src'), /^data:image\/png;base64,/)
  assert.equal(await page.getByText('disparo-dev-key').count(), 0, 'the key is never shown')
  await shot('qr')

  // The pairing-code alternative: the simulator answers with a code to type on the phone.
  await page.getByLabel('Número do WhatsApp (com DDD)').fill('55 11 98888-7777')
  await page.getByRole('button', { name: 'Gerar código' }).click()
  await page.getByText('Código gerado.').waitFor()
  await page
    .getByTestId('pairing-code')
    .getByText(/Digite este código no celular: [A-Z0-9]{4}-[A-Z0-9]{4}/)
    .waitFor()
  await hydrated(page, js)

  if (js) await page.evaluate(() => (window.__sameDocument = true))
  const scan = await fetch(`${stack.simUrl}/_sim/sessions/${sessionName}/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '5511988887777', pushName: 'Loja Centro' }),
  })
  assert.equal(scan.status, 201, await scan.text())

  // WAHA's webhook (HMAC-signed) or the page's poll turns it WORKING.
  await page.locator('[data-testid="session-status"][data-status="WORKING"]').waitFor({ timeout: 20_000 })
  await page.getByText('Número conectado: +5511988887777').waitFor()
  assert.equal(await page.getByTestId('session-qr').count(), 0)
  if (js) assert.equal(await page.evaluate(() => window.__sameDocument), true, 'updated without a reload')
  // The simulator's signed webhooks reached Disparo's per-session URL and were accepted.
  const deliveries = await (
    await fetch(`${stack.simUrl}/_sim/webhooks?session=${sessionName}&event=session.status`)
  ).json()
  assert.ok(deliveries.length > 0, 'WAHA delivered session.status webhooks')
  assert.ok(
    deliveries.every((d) => /\/webhooks\/waha\/wses_[0-9a-z]{16}$/.test(d.url)),
    JSON.stringify(deliveries[0]),
  )
  assert.ok(
    deliveries.some((d) => d.status === 200),
    JSON.stringify(deliveries),
  )
  assert.deepEqual(
    deliveries.filter((d) => d.status !== 200),
    [],
    'every delivery accepted',
  )
  await shot('working')

  // The warm-up plan of the new number (decision 020).
  await page.getByTestId('warmup-plan').getByText('Dia 1 de 14 do aquecimento.').waitFor()
  await page.getByRole('button', { name: 'Testar conexão' }).click()
  await page.getByText(/Conexão OK: WAHA .* Situação da sessão: WORKING\./).waitFor()

  await page.getByRole('link', { name: 'Voltar para as sessões' }).first().click()
  const row = page.getByTestId(`session-row-${sessionName}`)
  await row.getByText('Conectada').waitFor()
  await row.getByText('+5511988887777').waitFor()
  // A new number is on day 1 of its warm-up: today's cap is the plan's start (20), not the full 500.
  await row.getByText('0 de 20').waitFor()
  await shot('list')

  // WAHA restarts without its session store: it no longer knows the session.
  const reset = await fetch(`${stack.simUrl}/_sim/reset`, { method: 'POST' })
  assert.equal(reset.status, 200, await reset.text())
  await row.getByRole('link', { name: 'Loja Centro' }).click()
  await page.getByRole('heading', { name: 'Loja Centro' }).waitFor()
  await hydrated(page, js)
  await page.getByRole('button', { name: 'Testar conexão' }).click()
  const missingFlash = page.getByText(/a sessão "loja-(js|nojs)" não existe nele\. Use "Recriar no WAHA"/)
  await missingFlash.waitFor()
  const status = page.getByTestId('session-status')
  await page.locator('[data-testid="session-status"][data-status="NOT_FOUND"]').waitFor()
  // The new status must not reload the page data a second time and drop the message.
  await page.waitForTimeout(1500)
  assert.ok(await missingFlash.isVisible(), 'the test result stays on screen')
  assert.equal((await status.textContent()).trim(), 'Não encontrada no WAHA')
  await page.getByTestId('session-not-found').getByText('O servidor WAHA não tem mais esta sessão').waitFor()
  assert.equal(await page.getByText('Tudo certo: a sessão está conectada').count(), 0, 'not "connected"')
  assert.equal(
    await page.getByRole('button', { name: 'Reiniciar' }).count(),
    0,
    'no restart of a missing session',
  )
  await shot('not-found')
  await page.getByRole('link', { name: 'Voltar para as sessões' }).first().click()
  await row.locator('[data-status="NOT_FOUND"]', { hasText: 'Não encontrada no WAHA' }).waitFor()
  assert.equal(await row.getByText('Conectada').count(), 0, 'the list does not say Conectada')
  await row.getByText('O servidor WAHA não tem mais esta sessão', { exact: false }).waitFor()
  await shot('list-not-found')

  // "Recriar no WAHA": same name, our webhook, then the QR to scan.
  await row.getByRole('link', { name: 'Loja Centro' }).click()
  await page.getByRole('heading', { name: 'Loja Centro' }).waitFor()
  await hydrated(page, js)
  await page.getByRole('button', { name: 'Recriar no WAHA' }).click()
  await page.getByText('recriada no WAHA com o mesmo nome', { exact: false }).waitFor()
  await page.getByTestId('session-qr').waitFor({ timeout: 20_000 })
  await shot('recreated-qr')
  const rescan = await fetch(`${stack.simUrl}/_sim/sessions/${sessionName}/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '5511988887777', pushName: 'Loja Centro' }),
  })
  assert.equal(rescan.status, 201, await rescan.text())
  await page.locator('[data-testid="session-status"][data-status="WORKING"]').waitFor({ timeout: 20_000 })
  await page.getByText('Tudo certo: a sessão está conectada e pode enviar.').waitFor()
  // Working again: the "not found" error is gone (webhook or poll), also after a fresh load.
  await page.goto(new URL(page.url()).pathname)
  await page.locator('[data-testid="session-status"][data-status="WORKING"]').waitFor()
  assert.equal(await page.getByTestId('session-last-error').count(), 0, 'no "Último erro" once it works')
  const recreated = await (
    await fetch(`${stack.simUrl}/_sim/webhooks?session=${sessionName}&event=session.status`)
  ).json()
  assert.ok(
    recreated.some((d) => d.status === 200 && /\/webhooks\/waha\/wses_[0-9a-z]{16}$/.test(d.url)),
    `the recreated session's signed webhooks are accepted: ${JSON.stringify(recreated.slice(-3))}`,
  )
  await page.getByRole('link', { name: 'Voltar para as sessões' }).first().click()
  await row.getByText('Conectada').waitFor()
  assert.equal((await row.locator('td').last().textContent()).trim(), '—', 'no last error on the list')
  await shot('list-recreated')
}
