// The AI providers page (/integracoes/ia) through the real Worker: the platform cards, saving providers
// with encrypted keys that never reach the browser, and the form's validation messages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openSecret } from '../../app/core/tenants/secrets.server'
import {
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

beforeEach(() => {
  stubFetchWithAiFake()
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
})
