// Setup -> home -> team: add a staff member (with a validation error first) -> logout -> bad password
// -> login. Runs with JavaScript on and off against a fresh stack.
import assert from 'node:assert/strict'

export const name = 'foundation: setup, team, logout, login'
export const allowConsole = [/status of 4\d\d/]

async function hydrated(page, js) {
  if (js) await page.waitForFunction(() => window.__remixRouter?.state?.initialized === true)
}

export async function run({ page, js, shot }) {
  const mode = js ? 'js' : 'nojs'
  const admin = { email: `admin.${mode}@padaria.com.br`, password: 'Pao-de-queijo-2026' }

  await page.goto('/')
  assert.match(page.url(), /\/setup$/)
  await hydrated(page, js)
  await page.getByRole('button', { name: 'Criar equipe e entrar' }).click()
  await page.getByText('Preencha este campo.').first().waitFor()
  await page.getByLabel('Nome da empresa / equipe').fill('Padaria Pão Quente')
  await page.getByLabel('Seu nome').fill('Ana Souza')
  await page.getByLabel('E-mail', { exact: true }).fill(admin.email)
  await page.getByLabel('Senha', { exact: true }).fill('curta')
  await page.getByRole('button', { name: 'Criar equipe e entrar' }).click()
  await page.getByText('A senha deve ter pelo menos 10 caracteres.').waitFor()
  assert.equal(
    await page.getByLabel('E-mail', { exact: true }).inputValue(),
    admin.email,
    'typed values are kept',
  )
  await shot('setup-errors')
  await page.getByLabel('Senha', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Criar equipe e entrar' }).click()
  await page.getByRole('heading', { name: 'Olá, Ana Souza!' }).waitFor()
  await shot('home')

  await page.getByRole('navigation').getByRole('link', { name: 'Equipe' }).click()
  await page.getByRole('heading', { name: 'Equipe' }).waitFor()
  await hydrated(page, js)
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Adicionar membro' }) })
  await add.getByLabel('Nome').fill('Bruno Lima')
  await add.getByLabel('E-mail', { exact: true }).fill(`bruno.${mode}@padaria.com.br`)
  await add.getByLabel('Papel').selectOption('operator')
  await add.getByLabel('Senha inicial').fill('1234567890')
  await add.getByRole('button', { name: 'Adicionar membro' }).click()
  await page.getByText('Essa senha está entre as mais usadas e vazadas', { exact: false }).waitFor()
  await add.getByLabel('Senha inicial').fill('Broa-de-milho-2026')
  await add.getByRole('button', { name: 'Adicionar membro' }).click()
  await page.getByText(`Membro adicionado: bruno.${mode}@padaria.com.br`).waitFor()
  await page.getByTestId(`member-bruno.${mode}@padaria.com.br`).waitFor()
  await shot('team')

  await page.getByRole('button', { name: 'Sair da conta' }).click()
  await page.getByText('Você saiu da sua conta.').waitFor()
  assert.match(page.url(), /\/login$/)

  await hydrated(page, js)
  await page.getByLabel('E-mail', { exact: true }).fill(admin.email)
  await page.getByLabel('Senha', { exact: true }).fill('senha-errada-123')
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.getByText('E-mail ou senha incorretos.').waitFor()
  await shot('login-error')

  await page.getByLabel('E-mail', { exact: true }).fill(`bruno.${mode}@padaria.com.br`)
  await page.getByLabel('Senha', { exact: true }).fill('Broa-de-milho-2026')
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.getByRole('heading', { name: 'Olá, Bruno Lima!' }).waitFor()

  // An operator cannot manage the team: no form, and a forged POST is refused.
  await page.goto('/equipe')
  assert.equal(await page.getByRole('heading', { name: 'Adicionar membro' }).count(), 0)

  // 360 px wide still works.
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto('/')
  await shot('home-360')
}
