import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openSecret } from '../../app/core/tenants/secrets.server'
import { AI_KEYS, FAKE_BASE_URL, aiFakeFetch, providerRow, providerRows } from './ai-helpers'
import { type TestTenant, appFetch, createTestTenant } from './helpers/app'

const PATH = '/integracoes/ia'

async function flashOf(res: Response) {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

function post(t: TestTenant, form: Record<string, string>, role: 'admin' | 'operator' | 'viewer' = 'admin') {
  return appFetch(PATH, { cookie: t.users[role].cookie, form })
}

async function createCompatible(t: TestTenant, extra: Record<string, string> = {}): Promise<string> {
  const before = new Set((await providerRows(t.ctx.db, t.tenantId)).map((r) => r.id))
  const res = await post(t, {
    intent: 'save',
    platform: 'openai-compatible',
    name: 'Simulador',
    baseUrl: FAKE_BASE_URL,
    apiKey: AI_KEYS.valid,
    model: 'gpt-4o-mini',
    ...extra,
  })
  expect(res.status).toBe(303)
  const created = (await providerRows(t.ctx.db, t.tenantId)).find((r) => !before.has(r.id))
  if (!created) throw new Error('provider not created')
  return created.id
}

let fake: ReturnType<typeof aiFakeFetch>
beforeEach(() => {
  fake = aiFakeFetch()
  vi.spyOn(globalThis, 'fetch').mockImplementation(fake)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('AI providers page', () => {
  it('should show a card for every platform with prefilled base URLs', async () => {
    const t = await createTestTenant()
    const res = await appFetch(PATH, { cookie: t.users.admin.cookie })
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const name of [
      'Groq',
      'OpenRouter',
      'DeepSeek',
      'Mistral',
      'Qwen (Alibaba DashScope)',
      'Ollama',
      'Outro compatível com OpenAI',
    ]) {
      expect(html).toContain(name)
    }
    expect(html).toContain('value="https://api.groq.com/openai/v1"')
    expect(html).toContain('value="https://dashscope-intl.aliyuncs.com/compatible-mode/v1"')
    expect(html).toContain('Carregar modelos')
  })

  it('should save a key encrypted and never send it back to the browser', async () => {
    const t = await createTestTenant()
    const key = 'gsk_segredo_1234567890_ABCD'
    const res = await post(t, {
      intent: 'save',
      platform: 'groq',
      name: 'Groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      apiKey: key,
    })
    expect(res.status).toBe(303)
    expect(await flashOf(res)).toMatchObject({ kind: 'success', message: 'ai.flash.created' })
    const [row] = await providerRows(t.ctx.db, t.tenantId)
    expect(row?.apiKeyEnc).toBeTruthy()
    expect(row?.apiKeyEnc).not.toContain(key)
    expect(await openSecret(t.ctx, t.tenantId, row?.id ?? '', 'api_key', row?.apiKeyEnc ?? '')).toBe(key)
    await expect(
      openSecret(t.ctx, t.tenantId, 'aip_outra', 'api_key', row?.apiKeyEnc ?? ''),
    ).rejects.toThrow()
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      const html = await (await appFetch(PATH, { cookie: t.users[role].cookie })).text()
      expect(html).not.toContain(key)
      expect(html).not.toContain('1234567890')
      expect(html).toContain('••••••••ABCD')
    }
  })

  it('should keep the stored key when the key field is left empty on edit', async () => {
    const t = await createTestTenant()
    const id = await createCompatible(t)
    const before = await providerRow(t.ctx.db, id)
    const res = await post(t, {
      intent: 'save',
      id,
      platform: 'openai-compatible',
      name: 'Outro nome',
      baseUrl: FAKE_BASE_URL,
      apiKey: '',
    })
    expect(res.status).toBe(303)
    expect(await flashOf(res)).toMatchObject({ kind: 'success', message: 'ai.flash.saved' })
    const after = await providerRow(t.ctx.db, id)
    expect(after?.apiKeyEnc).toBe(before?.apiKeyEnc)
    expect(after?.name).toBe('Outro nome')
  })

  it.each([
    [{ baseUrl: 'ftp://api.exemplo.com/v1' }, 'Use um endereço que comece com http:// ou https://.'],
    [{ baseUrl: 'https://eu:senha@api.exemplo.com/v1' }, 'Não coloque usuário ou senha dentro do endereço'],
    [{ baseUrl: '' }, 'Informe a URL base da API'],
    [{ name: '' }, 'Dê um nome a este provedor.'],
    [{ apiKey: 'chave com espaço' }, 'não pode ter espaços'],
    [{ model: 'x'.repeat(201) }, 'Texto muito longo.'],
  ])('should refuse bad input %# with a clear message and save nothing', async (values, message) => {
    const t = await createTestTenant()
    const typedKey = 'sk-digitada-nao-volta-9876'
    const form = {
      intent: 'save',
      platform: 'openai-compatible',
      name: 'Meu',
      baseUrl: FAKE_BASE_URL,
      apiKey: typedKey,
      ...values,
    }
    const res = await post(t, form)
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).not.toContain(typedKey)
    if ('baseUrl' in values && values.baseUrl) expect(html).toContain(`value="${values.baseUrl}"`)
    expect(await providerRows(t.ctx.db, t.tenantId)).toHaveLength(0)
  })

  it('should refuse an unknown platform with a message and save nothing', async () => {
    const t = await createTestTenant()
    const res = await post(t, {
      intent: 'save',
      platform: 'chatgpt-pirata',
      name: 'X',
      baseUrl: FAKE_BASE_URL,
      apiKey: 'sk-0000000000',
    })
    expect(await flashOf(res)).toMatchObject({ kind: 'error', message: 'ai.errors.platform' })
    const unknownIntent = await post(t, {
      intent: 'hack',
      platform: 'groq',
      baseUrl: FAKE_BASE_URL,
      apiKey: 'sk-0000000000',
    })
    expect(unknownIntent.status).toBe(400)
    expect(await providerRows(t.ctx.db, t.tenantId)).toHaveLength(0)
  })

  it('should require the key of key platforms and allow only one provider per platform', async () => {
    const t = await createTestTenant()
    const base = {
      intent: 'save',
      platform: 'mistral',
      name: 'Mistral',
      baseUrl: 'https://api.mistral.ai/v1',
    }
    const missing = await post(t, base)
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('Informe a chave de API deste provedor.')
    expect((await post(t, { ...base, apiKey: 'mistral-0000000000001' })).status).toBe(303)
    const second = await post(t, { ...base, apiKey: 'mistral-0000000000002' })
    expect(second.status).toBe(400)
    expect(await second.text()).toContain('Esta plataforma já está configurada')
    await createCompatible(t, { name: 'A' })
    await createCompatible(t, { name: 'B' })
    expect(await providerRows(t.ctx.db, t.tenantId)).toHaveLength(3)
  })

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
