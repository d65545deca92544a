// Integrações → Provedores de IA against the simulator's OpenAI-compatible fake: a bad URL first,
// load the models, test OK (Ativo), a wrong key (Erro), make default, delete. JS off and on.
import assert from 'node:assert/strict'
import { hydrated, setupAndLogin } from './common.mjs'

export const name = 'ai providers: models, test OK and invalid key'
export const allowConsole = [/status of 4\d\d/]

export async function run({ page, js, shot, stack }) {
  await setupAndLogin(page, { js })
  await page.goto('/integracoes/ia')
  await hydrated(page, js)
  const card = page.getByTestId('ai-platform-openai-compatible')
  await card.getByText('Configurar Outro compatível com OpenAI').click()
  await card.getByLabel('URL base da API').fill('ftp://x.com')
  await card.getByRole('button', { name: 'Salvar' }).click()
  await card.getByText('Use um endereço que comece com http:// ou https://.').waitFor()
  await card.getByText('Dê um nome a este provedor.').waitFor()
  await card.getByLabel('Nome').fill('Simulador')
  await card.getByLabel('URL base da API').fill(`${stack.simUrl}/ai/v1`)
  await card.getByLabel(/Chave de API/).fill('sk-test-valid')
  await card.getByRole('button', { name: 'Carregar modelos' }).click()
  await card.getByText('4 modelos disponíveis neste provedor.').waitFor()
  assert.ok(!(await page.content()).includes('sk-test-valid'), 'the API key never comes back to the page')
  await shot('models')
  const saved = card.locator('article.ai-provider')
  await saved.getByLabel('Modelo').selectOption('gpt-4o-mini')
  await saved.getByRole('button', { name: 'Testar conexão' }).click()
  await page.getByText(/Conexão funcionando/).waitFor()
  await card.locator('.badge.ok', { hasText: 'Ativo' }).waitFor()
  await shot('tested')
  const groq = page.getByTestId('ai-platform-groq')
  await groq.getByText('Configurar Groq').click()
  await groq.getByLabel('URL base da API').fill(`${stack.simUrl}/ai/v1`)
  await groq.getByLabel(/Chave de API/).fill('sk-test-wrong')
  await groq.getByRole('button', { name: 'Testar conexão' }).click()
  await page.getByText('A chave de API foi recusada pelo provedor.', { exact: false }).first().waitFor()
  await groq.locator('.badge.bad', { hasText: 'Erro' }).waitFor()
  await groq.getByRole('button', { name: 'Usar como padrão' }).click()
  await page.getByText('Provedor padrão alterado.').waitFor()
  await shot('default')
  if (js) page.once('dialog', (d) => d.accept())
  await groq.getByRole('button', { name: 'Excluir' }).click()
  await page.getByText('Provedor de IA excluído.').waitFor()
}
