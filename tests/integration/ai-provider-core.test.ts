import { describe, expect, it } from 'vitest'
import {
  generateVariants,
  loadProviderModels,
  testStoredProvider,
} from '../../app/core/ai/provider-use.server'
import type { ProviderFormValues } from '../../app/core/ai/provider-form'
import {
  deleteProvider,
  getProviderForUse,
  listProviders,
  saveProvider,
  setDefaultProvider,
} from '../../app/core/ai/providers.server'
import { type TenantScope, scopeTo } from '../../app/core/db/tenant.server'
import { openSecret } from '../../app/core/tenants/secrets.server'
import {
  AI_KEYS,
  AI_MODELS,
  FAKE_BASE_URL,
  aiFakeFetch,
  hangingFetch,
  providerRow,
  providerRows,
  refusedFetch,
} from './ai-helpers'
import { createTestTenant } from './helpers/app'

const NOW = 1_795_000_000_000

async function adminScope(allowPrivate = true): Promise<TenantScope> {
  const t = await createTestTenant()
  const scope = scopeTo({ ...t.ctx, clock: () => NOW }, t.tenantId, t.users.admin.id)
  return { ...scope, config: { ...scope.config, allowPrivateUrls: allowPrivate } }
}

function input(values: Partial<ProviderFormValues>): ProviderFormValues {
  return {
    intent: 'save',
    platform: 'openai-compatible',
    name: 'Simulador',
    baseUrl: FAKE_BASE_URL,
    ...values,
  }
}

async function create(scope: TenantScope, values: Partial<ProviderFormValues>): Promise<string> {
  const saved = await saveProvider(scope, input(values))
  if (!saved.ok) throw new Error(`save failed: ${saved.message}`)
  return saved.id
}

describe('AI providers: storage', () => {
  it('should seal the key with AAD tenant|row|api_key and keep only a masked tail', async () => {
    const scope = await adminScope()
    const key = 'gsk_live_1234567890abcdefWXYZ'
    const id = await create(scope, {
      platform: 'groq',
      name: '',
      baseUrl: 'https://api.groq.com/openai/v1',
      apiKey: key,
    })
    const row = await providerRow(scope.db, id)
    expect(row?.apiKeyEnc).toMatch(/^v1\./)
    expect(row?.apiKeyEnc).not.toContain(key)
    expect(row?.apiKeyEnc).not.toContain('WXYZ')
    expect(row?.apiKeyTail).toBe('••••••••WXYZ')
    expect(row?.name).toBe('Groq')
    expect(row?.isDefault).toBe(true)
    const blob = row?.apiKeyEnc ?? ''
    expect(await openSecret(scope, scope.tenantId, id, 'api_key', blob)).toBe(key)
    await expect(openSecret(scope, scope.tenantId, 'aip_other', 'api_key', blob)).rejects.toThrow()
    await expect(openSecret(scope, 'ten_other', id, 'api_key', blob)).rejects.toThrow()
    await expect(openSecret(scope, scope.tenantId, id, 'webhook_secret', blob)).rejects.toThrow()
    const [view] = await listProviders(scope)
    expect(JSON.stringify(view)).not.toContain(key)
    expect(view).toMatchObject({ id, keyMask: '••••••••WXYZ', hasKey: true, status: 'untested' })
  })

  it('should keep the stored key when the key is left empty on edit, and mark changes untested', async () => {
    const scope = await adminScope()
    const id = await create(scope, { apiKey: AI_KEYS.valid, model: 'gpt-4o-mini' })
    await testStoredProvider(scope, id, { fetch: aiFakeFetch() })
    const before = await providerRow(scope.db, id)
    expect(before?.status).toBe('active')
    const saved = await saveProvider(
      scope,
      input({ id, name: 'Renomeado', apiKey: '', model: 'gpt-4o-mini' }),
    )
    expect(saved).toEqual({ ok: true, id, created: false })
    const renamed = await providerRow(scope.db, id)
    expect(renamed?.apiKeyEnc).toBe(before?.apiKeyEnc)
    expect(renamed?.name).toBe('Renomeado')
    expect(renamed?.status).toBe('active')
    await saveProvider(scope, input({ id, model: 'deepseek-chat' }))
    const changed = await providerRow(scope.db, id)
    expect(changed?.apiKeyEnc).toBe(before?.apiKeyEnc)
    expect(changed?.status).toBe('untested')
    expect((await getProviderForUse(scope, id))?.apiKey).toBe(AI_KEYS.valid)
  })

  it('should ignore a platform change on edit', async () => {
    const scope = await adminScope()
    const id = await create(scope, { platform: 'ollama', name: '', baseUrl: 'http://127.0.0.1:11434' })
    await saveProvider(scope, input({ id, platform: 'groq', baseUrl: 'http://127.0.0.1:11434/v1' }))
    expect((await providerRow(scope.db, id))?.platform).toBe('ollama')
  })

  it.each([
    ['ftp://api.exemplo.com/v1', 'http:// ou https://'],
    ['https://usuario:senha@api.exemplo.com/v1', 'usuário ou senha'],
    ['isto não é url', 'não é uma URL válida'],
    ['http://127.0.0.1:11434/v1', 'rede interna'],
    ['http://192.168.0.10:11434/v1', 'rede interna'],
    ['http://[::1]:11434/v1', 'rede interna'],
    ['http://localhost:11434/v1', 'localhost'],
    ['http://ollama:11434/v1', 'rede interna'],
  ])('should refuse the base URL %s when private addresses are not allowed', async (baseUrl, message) => {
    const scope = await adminScope(false)
    const saved = await saveProvider(scope, input({ platform: 'ollama', baseUrl }))
    expect(saved).toMatchObject({ ok: false, field: 'baseUrl' })
    expect(saved.ok ? '' : saved.message).toContain(message)
    expect(await providerRows(scope.db, scope.tenantId)).toHaveLength(0)
  })

  it('should accept a private Ollama address where the operator allows it', async () => {
    const scope = await adminScope(true)
    const saved = await saveProvider(
      scope,
      input({ platform: 'ollama', name: '', baseUrl: 'http://192.168.0.10:11434/' }),
    )
    expect(saved.ok).toBe(true)
    const row = await providerRow(scope.db, saved.ok ? saved.id : '')
    expect(row).toMatchObject({
      baseUrl: 'http://192.168.0.10:11434',
      apiKeyEnc: null,
      name: 'Ollama (servidor próprio)',
    })
  })

  it('should require a key for key platforms, a name for compatible ones, and one provider per platform', async () => {
    const scope = await adminScope()
    expect(
      await saveProvider(scope, input({ platform: 'deepseek', baseUrl: 'https://api.deepseek.com/v1' })),
    ).toMatchObject({
      ok: false,
      field: 'apiKey',
      message: 'ai.errors.keyRequired',
    })
    expect(await saveProvider(scope, input({ name: '' }))).toMatchObject({ ok: false, field: 'name' })
    expect(await saveProvider(scope, input({ apiKey: 'sk com espaço' }))).toMatchObject({
      ok: false,
      field: 'apiKey',
    })
    await create(scope, {
      platform: 'mistral',
      baseUrl: 'https://api.mistral.ai/v1',
      apiKey: 'mistral-key-000000001',
    })
    expect(
      await saveProvider(
        scope,
        input({ platform: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKey: 'x-0000000000002' }),
      ),
    ).toMatchObject({ ok: false, message: 'ai.errors.platformTaken' })
    await create(scope, { name: 'Compatível A' })
    await create(scope, { name: 'Compatível B' })
    expect(await providerRows(scope.db, scope.tenantId)).toHaveLength(3)
  })
})

describe('AI providers: default and delete', () => {
  it('should keep exactly one default and promote another when the default is deleted', async () => {
    const scope = await adminScope()
    const a = await create(scope, { name: 'A', apiKey: AI_KEYS.valid })
    const b = await create(scope, { name: 'B', apiKey: AI_KEYS.valid })
    const c = await create(scope, { name: 'C', apiKey: AI_KEYS.valid })
    const defaults = async () =>
      (await providerRows(scope.db, scope.tenantId)).filter((r) => r.isDefault).map((r) => r.id)
    expect(await defaults()).toEqual([a])
    expect((await getProviderForUse(scope))?.id).toBe(a)
    await setDefaultProvider(scope, c)
    expect(await defaults()).toEqual([c])
    expect((await getProviderForUse(scope))?.id).toBe(c)
    await deleteProvider(scope, c)
    expect(await defaults()).toHaveLength(1)
    expect([a, b]).toContain((await defaults())[0])
    await deleteProvider(scope, b)
    await deleteProvider(scope, a)
    expect(await getProviderForUse(scope)).toBeNull()
  })

  it('should treat another tenant ids as missing', async () => {
    const owner = await adminScope()
    const intruder = await adminScope()
    const id = await create(owner, { apiKey: AI_KEYS.valid })
    await expect(setDefaultProvider(intruder, id)).rejects.toThrow(/not found/)
    await expect(deleteProvider(intruder, id)).rejects.toThrow(/not found/)
    await expect(saveProvider(intruder, input({ id, name: 'Roubado' }))).rejects.toThrow(/not found/)
    await expect(testStoredProvider(intruder, id, { fetch: aiFakeFetch() })).rejects.toThrow(/not found/)
    await expect(loadProviderModels(intruder, id, { fetch: aiFakeFetch() })).rejects.toThrow(/not found/)
    expect(await getProviderForUse(intruder, id)).toBeNull()
    expect(
      (
        await generateVariants(
          intruder,
          { providerId: id, brief: 'Promoção', count: 2 },
          { fetch: aiFakeFetch() },
        )
      ).ok,
    ).toBe(false)
    expect(await providerRow(owner.db, id)).toMatchObject({ name: 'Simulador', status: 'untested' })
  })
})

describe('AI providers: models and connection test', () => {
  it('should list the provider models', async () => {
    const scope = await adminScope()
    const id = await create(scope, { apiKey: AI_KEYS.valid })
    const fake = aiFakeFetch()
    expect(await loadProviderModels(scope, id, { fetch: fake })).toEqual({
      ok: true,
      value: [...AI_MODELS].sort(),
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
