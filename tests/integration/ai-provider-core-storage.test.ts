// AI providers in app/core against D1: sealed API keys and masked tails, edits, base URL rules, required
// fields, one provider per platform, the single default, and other tenants' ids treated as missing.
import { describe, expect, it } from 'vitest'
import {
  generateVariants,
  loadProviderModels,
  testStoredProvider,
} from '../../app/core/ai/provider-use.server'
import {
  deleteProvider,
  getProviderForUse,
  listProviders,
  saveProvider,
  setDefaultProvider,
} from '../../app/core/ai/providers.server'
import { openSecret } from '../../app/core/tenants/secrets.server'
import {
  AI_KEYS,
  adminScope,
  aiFakeFetch,
  createProvider as create,
  providerInput as input,
  providerRow,
  providerRows,
} from './ai-helpers'

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
