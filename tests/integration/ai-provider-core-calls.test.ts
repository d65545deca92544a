// AI providers in app/core calling the simulator's OpenAI-compatible fake: listing models, the connection
// test recording each failure kind with its message, and generating message variants.
import { describe, expect, it } from 'vitest'
import {
  generateVariants,
  loadProviderModels,
  testStoredProvider,
} from '../../app/core/ai/provider-use.server'
import {
  AI_KEYS,
  AI_MODELS,
  adminScope,
  aiFakeFetch,
  createProvider as create,
  hangingFetch,
  NOW,
  providerRow,
  refusedFetch,
} from './ai-helpers'

describe('AI providers: models and connection test', () => {
  it('should list the provider models', async () => {
    const scope = await adminScope()
    const id = await create(scope, { apiKey: AI_KEYS.valid })
    const fake = aiFakeFetch()
    expect(await loadProviderModels(scope, id, { fetch: fake })).toEqual({
      ok: true,
      value: { list: [...AI_MODELS].sort(), model: 'deepseek-chat', chosen: true },
    })
    expect(fake.calls[0]?.headers.get('authorization')).toBe(`Bearer ${AI_KEYS.valid}`)
  })

  it('should record a working provider as active', async () => {
    const scope = await adminScope()
    const id = await create(scope, { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' })
    const result = await testStoredProvider(scope, id, { fetch: aiFakeFetch() })
    expect(result.ok).toBe(true)
    expect(await providerRow(scope.db, id)).toMatchObject({
      status: 'active',
      lastTestedAt: NOW,
      lastError: null,
    })
  })

  it.each([
    [
      'invalid key',
      { apiKey: 'sk-test-errada', model: 'gpt-4o-mini' },
      aiFakeFetch,
      'invalid_key',
      'chave de API foi recusada',
    ],
    ['no quota', { apiKey: AI_KEYS.noQuota, model: 'gpt-4o-mini' }, aiFakeFetch, 'no_credit', 'sem crédito'],
    [
      'rate limited',
      { apiKey: AI_KEYS.rateLimited, model: 'gpt-4o-mini' },
      aiFakeFetch,
      'rate_limited',
      'limitou',
    ],
    [
      'missing model',
      { apiKey: AI_KEYS.valid, model: 'missing-model' },
      aiFakeFetch,
      'model_missing',
      'missing-model',
    ],
    [
      'network',
      { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' },
      () => refusedFetch,
      'network',
      'Não foi possível conectar',
    ],
    [
      'timeout',
      { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' },
      () => hangingFetch,
      'timeout',
      'demorou demais',
    ],
  ] as const)(
    'should record %s as an error with a specific message',
    async (_name, values, fetchFor, kind, message) => {
      const scope = await adminScope()
      const id = await create(scope, values)
      const result = await testStoredProvider(scope, id, { fetch: fetchFor(), timeoutMs: 50 })
      expect(result.ok ? null : result.error.kind).toBe(kind)
      const row = await providerRow(scope.db, id)
      expect(row).toMatchObject({ status: 'error', lastTestedAt: NOW })
      expect(row?.lastError).toContain(message)
    },
  )

  it('should refuse a stored private URL at call time when private addresses are no longer allowed', async () => {
    const open = await adminScope(true)
    const id = await create(open, { platform: 'ollama', name: '', baseUrl: 'http://127.0.0.1:11434/v1' })
    const closed = { ...open, config: { ...open.config, allowPrivateUrls: false } }
    const fake = aiFakeFetch()
    const result = await testStoredProvider(closed, id, { fetch: fake })
    expect(result.ok ? null : result.error.kind).toBe('invalid_config')
    expect(fake.calls).toHaveLength(0)
  })
})

describe('AI providers: generateVariants', () => {
  it('should generate variants with the default provider', async () => {
    const scope = await adminScope()
    await create(scope, { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' })
    const fake = aiFakeFetch()
    const result = await generateVariants(
      scope,
      { brief: 'Promoção de pizza às sextas', tone: 'amigavel', count: 3 },
      { fetch: fake },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.variants).toHaveLength(3)
    for (const v of result.variants) expect(v).toContain('SAIR')
    const body = (await fake.calls[0]?.json()) as { model: string; messages: { content: string }[] }
    expect(body.model).toBe('gpt-4o-mini')
  })

  it.each([
    [{ brief: '   ', count: 3 }, 'Descreva a campanha'],
    [{ brief: 'x'.repeat(2001), count: 3 }, 'no máximo'],
  ])('should refuse a bad brief %#', async (values, message) => {
    const scope = await adminScope()
    await create(scope, { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' })
    const result = await generateVariants(scope, values, { fetch: aiFakeFetch() })
    expect(result.ok ? '' : result.message).toContain(message)
  })

  it('should say when there is no provider, and pass on provider errors', async () => {
    const scope = await adminScope()
    const none = await generateVariants(scope, { brief: 'Promoção', count: 2 }, { fetch: aiFakeFetch() })
    expect(none.ok ? '' : none.message).toContain('Nenhum provedor de IA padrão')
    const id = await create(scope, { apiKey: AI_KEYS.noQuota, model: 'gpt-4o-mini' })
    const broke = await generateVariants(
      scope,
      { providerId: id, brief: 'Promoção', count: 2 },
      { fetch: aiFakeFetch() },
    )
    expect(broke.ok ? '' : broke.message).toContain('sem crédito')
  })
})
