// The AI providers page (/integracoes/ia) through the real Worker: loading models and testing the
// connection without JS, switching the default and deleting, and access for other roles and visitors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  AI_KEYS,
  type aiFakeFetch,
  createCompatible,
  FAKE_BASE_URL,
  flashOf,
  AI_PAGE_PATH as PATH,
  postAiPage as post,
  providerRow,
  providerRows,
  stubFetchWithAiFake,
} from './ai-helpers'
import { appFetch, createTestTenant } from './helpers/app'

let fake: ReturnType<typeof aiFakeFetch>
beforeEach(() => {
  fake = stubFetchWithAiFake()
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('AI providers page', () => {
  it('should load the provider models into a select, without JS', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t, { model: '' })
    const res = await post(t, {
      intent: 'models',
      id,
      platform: 'openai-compatible',
      name: 'Simulador',
      baseUrl: FAKE_BASE_URL,
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<select[^>]*name="model"/)
    expect(html).toContain('<option value="llama-3.1-8b-instant">')
    expect(html).toContain('4 modelos disponíveis')
    expect(html).not.toContain(AI_KEYS.valid)
  })

  it('should show why the models could not be loaded', async () => {
    const t = await createTestTenant()
    const res = await post(t, {
      intent: 'models',
      platform: 'openai-compatible',
      name: 'Chave ruim',
      baseUrl: FAKE_BASE_URL,
      apiKey: 'sk-test-ruim-000000',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('A chave de API foi recusada pelo provedor.')
    expect(await providerRows(t.ctx.db, t.tenantId)).toHaveLength(1)
  })

  it('should test the connection and show Ativo or the specific error', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t)
    const ok = await post(t, {
      intent: 'test',
      id,
      platform: 'openai-compatible',
      name: 'Simulador',
      baseUrl: FAKE_BASE_URL,
      model: 'gpt-4o-mini',
    })
    expect(ok.status).toBe(303)
    expect(await flashOf(ok)).toMatchObject({ kind: 'success', message: 'ai.flash.testOk' })
    expect(await providerRow(t.ctx.db, id)).toMatchObject({ status: 'active', lastError: null })
    expect(await (await appFetch(PATH, { cookie: t.users.viewer.cookie })).text()).toContain('Ativo')

    const bad = await post(t, {
      intent: 'test',
      id,
      platform: 'openai-compatible',
      name: 'Simulador',
      baseUrl: FAKE_BASE_URL,
      apiKey: AI_KEYS.noQuota,
      model: 'gpt-4o-mini',
    })
    expect(await flashOf(bad)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('sem crédito'),
    })
    const row = await providerRow(t.ctx.db, id)
    expect(row).toMatchObject({ status: 'error' })
    expect(row?.lastTestedAt).toBeTypeOf('number')
    const html = await (await appFetch(PATH, { cookie: t.users.admin.cookie })).text()
    expect(html).toContain('Erro')
    expect(html).toContain('A conta do provedor de IA está sem crédito ou cota.')

    const missing = await post(t, {
      intent: 'test',
      id,
      platform: 'openai-compatible',
      name: 'Simulador',
      baseUrl: FAKE_BASE_URL,
      apiKey: AI_KEYS.valid,
      model: 'missing-model',
    })
    expect(await flashOf(missing)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('missing-model'),
    })
    const wrongKey = await post(t, {
      intent: 'test',
      id,
      platform: 'openai-compatible',
      name: 'Simulador',
      baseUrl: FAKE_BASE_URL,
      apiKey: 'sk-outra-chave-000',
      model: 'gpt-4o-mini',
    })
    expect(await flashOf(wrongKey)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('chave de API foi recusada'),
    })
  })

  it('should switch the default provider and delete providers', async () => {
    const t = await createTestTenant()
    const a = await createCompatible(t, { name: 'A' })
    const b = await createCompatible(t, { name: 'B' })
    expect((await providerRow(t.ctx.db, a))?.isDefault).toBe(true)
    const res = await post(t, { intent: 'default', id: b })
    expect(await flashOf(res)).toMatchObject({ kind: 'success', message: 'ai.flash.defaultSet' })
    expect((await providerRow(t.ctx.db, a))?.isDefault).toBe(false)
    expect((await providerRow(t.ctx.db, b))?.isDefault).toBe(true)
    const del = await post(t, { intent: 'delete', id: b })
    expect(await flashOf(del)).toMatchObject({ kind: 'success', message: 'ai.flash.deleted' })
    expect(await providerRow(t.ctx.db, b)).toBeUndefined()
    expect((await providerRow(t.ctx.db, a))?.isDefault).toBe(true)
    expect((await post(t, { intent: 'delete', id: 'aip_naoexiste' })).status).toBe(404)
    expect((await post(t, { intent: 'default', id: '' })).status).toBe(404)
  })

  it('should forbid every write to operators and viewers with a 403, and let them read', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t)
    const before = await providerRow(t.ctx.db, id)
    const forms: Record<string, string>[] = [
      {
        intent: 'save',
        platform: 'groq',
        name: 'Groq',
        baseUrl: 'https://api.groq.com/openai/v1',
        apiKey: 'gsk-00000000000000',
      },
      { intent: 'save', id, platform: 'openai-compatible', name: 'Mudou', baseUrl: FAKE_BASE_URL },
      { intent: 'models', id, platform: 'openai-compatible', name: 'Simulador', baseUrl: FAKE_BASE_URL },
      { intent: 'test', id, platform: 'openai-compatible', name: 'Simulador', baseUrl: FAKE_BASE_URL },
      { intent: 'default', id },
      { intent: 'delete', id },
    ]
    for (const role of ['operator', 'viewer'] as const) {
      for (const form of forms) {
        const res = await post(t, form, role)
        expect(res.status).toBe(403)
        expect(await res.text()).toContain('Acesso negado')
      }
      const page = await appFetch(PATH, { cookie: t.users[role].cookie })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('Simulador')
      expect(html).toContain('Somente administradores')
      expect(html).not.toContain('Testar conexão')
    }
    expect(await providerRows(t.ctx.db, t.tenantId)).toEqual([before])
    expect(fake.calls).toHaveLength(0)
  })

  it('should send signed-out visitors to the login page', async () => {
    const res = await appFetch(PATH)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toContain('/login')
  })
})
