// The AI provider's model, end to end through the real Worker and the simulator's AI fake: "Carregar
// modelos" saves the model the form shows as selected, "Testar conexão" refuses a provider without a
// model and pings the chosen one, the card's status and last-test line agree, and "Gerar sugestões"
// in the composer then works with what the card shows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadProviderModels, suggestedModel } from '../../app/core/ai/provider-use.server'
import { chooseProviderModel, saveProvider } from '../../app/core/ai/providers.server'
import {
  AI_KEYS,
  AI_MODELS,
  adminScope,
  aiFakeFetch,
  createCompatible,
  createProvider,
  FAKE_BASE_URL,
  flashOf,
  AI_PAGE_PATH as PATH,
  postAiPage as post,
  providerInput,
  providerRow,
  providerRows,
} from './ai-helpers'
import { campaignFixture, composerForm, postComposer } from './campaigns-helpers'
import { appFetch, createTestTenant } from './helpers/app'

/** The model each chat completion asked for, read while the Worker's request runs. */
let completionModels: string[] = []
beforeEach(() => {
  completionModels = []
  const fake = aiFakeFetch()
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    if (request.url.endsWith('/chat/completions')) {
      completionModels.push(((await request.clone().json()) as { model: string }).model)
    }
    return fake(request)
  })
})
afterEach(() => {
  vi.restoreAllMocks()
})

const compatibleForm = (id: string, extra: Record<string, string> = {}) => ({
  id,
  platform: 'openai-compatible',
  name: 'Simulador',
  baseUrl: FAKE_BASE_URL,
  ...extra,
})

/** The card's badge and last-test line of a provider on the page. */
function cardOf(html: string, id: string) {
  const badge = new RegExp(`data-testid="ai-status-${id}"[^>]*>([^<]*)<`).exec(html)?.[1]
  const line = new RegExp(`data-testid="ai-tested-${id}"[^>]*>([^<]*)<`).exec(html)?.[1]
  return { badge, line }
}

describe('"Carregar modelos" saves the model it shows', () => {
  it('should prefer the platform suggestion when offered, else the first model', () => {
    expect(suggestedModel(['a', 'mistral-small-latest', 'z'], 'mistral-small-latest')).toBe(
      'mistral-small-latest',
    )
    expect(suggestedModel(['a', 'llama3.2:latest'], 'llama3.2')).toBe('llama3.2:latest')
    expect(suggestedModel(['b', 'c'], 'mistral-small-latest')).toBe('b')
    expect(suggestedModel(['b'], '')).toBe('b')
    expect(suggestedModel([], 'x')).toBeNull()
  })

  it('should store the suggestion for a provider without a model, and keep a chosen one', async () => {
    const scope = await adminScope()
    // Mistral's suggestion is in the fake's list but is not its first model (deepseek-chat is).
    const saved = await saveProvider(
      scope,
      providerInput({ platform: 'mistral', name: '', apiKey: AI_KEYS.valid }),
    )
    if (!saved.ok) throw new Error(saved.message)
    expect((await providerRow(scope.db, saved.id))?.model).toBeNull()
    const loaded = await loadProviderModels(scope, saved.id)
    expect(loaded).toEqual({
      ok: true,
      value: { list: [...AI_MODELS].sort(), model: 'mistral-small-latest', chosen: true },
    })
    expect(await providerRow(scope.db, saved.id)).toMatchObject({
      model: 'mistral-small-latest',
      status: 'untested',
    })

    const chosen = await createProvider(scope, { apiKey: AI_KEYS.valid, model: 'llama-3.1-8b-instant' })
    expect(await loadProviderModels(scope, chosen)).toMatchObject({
      ok: true,
      value: { model: 'llama-3.1-8b-instant', chosen: false },
    })
    expect((await providerRow(scope.db, chosen))?.model).toBe('llama-3.1-8b-instant')
  })

  it('should not overwrite a model saved meanwhile by another admin', async () => {
    const scope = await adminScope()
    const id = await createProvider(scope, { apiKey: AI_KEYS.valid })
    const [a, b] = await Promise.all([
      chooseProviderModel(scope, id, 'deepseek-chat'),
      chooseProviderModel(scope, id, 'gpt-4o-mini'),
    ])
    expect(a).toBe(b)
    expect((await providerRow(scope.db, id))?.model).toBe(a)
    expect(await chooseProviderModel(scope, id, 'mistral-small-latest')).toBe(a)
  })

  it('should show as selected exactly the model it saved, also after a reload', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t, { model: '' })
    const res = await post(t, { intent: 'models', ...compatibleForm(id) })
    expect(res.status).toBe(200)
    const html = await res.text()
    const saved = (await providerRow(t.ctx.db, id))?.model
    expect(saved).toBe('deepseek-chat')
    const selected = /<select[^>]*name="model"[^>]*>[\s\S]*?<\/select>/.exec(html)?.[0] ?? ''
    expect(selected).toMatch(/<option value="deepseek-chat" selected="">/)
    expect(selected.match(/selected=""/g)).toHaveLength(1)
    expect(html).toContain('Modelo salvo: deepseek-chat.')
    const page = await (await appFetch(PATH, { cookie: t.users.admin.cookie })).text()
    expect(page).toMatch(/name="model"[^>]*value="deepseek-chat"|value="deepseek-chat"[^>]*name="model"/)
  })
})

describe('"Testar conexão" runs on the chosen model', () => {
  it('should fail without a model, record the failure, and never call a completion', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t, { model: '' })
    const res = await post(t, { intent: 'test', ...compatibleForm(id, { model: '' }) })
    expect(res.status).toBe(303)
    expect(await flashOf(res)).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(
        /^Escolha o modelo a usar antes de testar\. Alguns disponíveis: deepseek-chat/,
      ),
    })
    const row = await providerRow(t.ctx.db, id)
    expect(row).toMatchObject({ status: 'error', model: null })
    expect(row?.lastTestedAt).toBeTypeOf('number')
    expect(completionModels).toEqual([])
    const html = await (await appFetch(PATH, { cookie: t.users.admin.cookie })).text()
    expect(cardOf(html, id)).toEqual({
      badge: 'Erro',
      line: expect.stringMatching(/^Último teste em .+: falhou\.$/),
    })
  })

  it('should ping the model the form saved and say which one answered', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t, { model: '' })
    const res = await post(t, { intent: 'test', ...compatibleForm(id, { model: 'llama-3.1-8b-instant' }) })
    expect(await flashOf(res)).toMatchObject({
      kind: 'success',
      message: 'ai.flash.testOk',
      vars: expect.objectContaining({ model: 'llama-3.1-8b-instant' }),
    })
    expect(completionModels).toEqual(['llama-3.1-8b-instant'])
    expect(await providerRow(t.ctx.db, id)).toMatchObject({ status: 'active', model: 'llama-3.1-8b-instant' })
  })

  it('should keep the badge and the last-test line in agreement through save, test and change', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t)
    const card = async () =>
      cardOf(await (await appFetch(PATH, { cookie: t.users.viewer.cookie })).text(), id)
    expect(await card()).toEqual({ badge: 'Não testado', line: 'Ainda não testado.' })
    await post(t, { intent: 'test', ...compatibleForm(id, { model: 'gpt-4o-mini' }) })
    expect(await card()).toEqual({
      badge: 'Ativo',
      line: expect.stringMatching(/^Último teste em .+: deu certo\.$/),
    })
    // A new model is not what was tested: "Não testado", and the line says the test is older.
    await post(t, { intent: 'save', ...compatibleForm(id, { model: 'deepseek-chat' }) })
    expect(await card()).toEqual({
      badge: 'Não testado',
      line: expect.stringMatching(/^Alterado depois do último teste \(.+\): teste de novo\.$/),
    })
    await post(t, { intent: 'test', ...compatibleForm(id, { model: 'modelo-que-nao-existe' }) })
    expect(await card()).toEqual({ badge: 'Erro', line: expect.stringMatching(/: falhou\.$/) })
  })
})

describe('the whole path the issue describes', () => {
  it('should generate suggestions after "Carregar modelos" and "Testar conexão" on a provider saved without a model', async () => {
    const f = await campaignFixture()
    const res = await appFetch(PATH, {
      cookie: f.users.admin.cookie,
      form: {
        intent: 'models',
        platform: 'openai-compatible',
        name: 'Simulador',
        baseUrl: FAKE_BASE_URL,
        apiKey: AI_KEYS.valid,
        model: '',
      },
    })
    expect(res.status).toBe(200)
    const [provider] = await providerRows(f.ctx.db, f.tenantId)
    if (!provider) throw new Error('provider not saved')
    // The page is left as it is (a reload shows the saved model); "Testar conexão" posts it back.
    const tested = await post(f, {
      intent: 'test',
      ...compatibleForm(provider.id, { model: provider.model ?? '' }),
    })
    expect(await flashOf(tested)).toMatchObject({ kind: 'success' })
    const generated = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        intent: 'ai',
        aiBrief: 'Pão de queijo com 20% de desconto',
        aiProviderId: provider.id,
      }),
    )
    expect(generated.status).toBe(200)
    const html = await generated.text()
    expect(html).toContain('data-testid="ai-variants"')
    expect(html).not.toContain('Escolha o modelo')
    expect(completionModels).toEqual(['deepseek-chat', 'deepseek-chat'])
  })
})
