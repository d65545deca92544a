// /api/v1/ai through the real Worker and D1, the providers answered by the simulator's OpenAI-compatible
// fake: a provider saved with its key write-only (sealed, never in an answer), tested (Ativo / Erro
// recorded), variants drafted from a brief; bad input, scopes and another team's provider refused.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AI_KEYS, AI_MODELS, FAKE_BASE_URL, providerRow, stubFetchWithAiFake } from './ai-helpers'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

afterEach(() => {
  vi.restoreAllMocks()
})

type Provider = {
  id: string
  status: string
  hasKey: boolean
  keyMask: string | null
  isDefault: boolean
  model: string | null
}
type Problem = {
  status: number
  type: string
  detail: string
  errors?: { pointer: string; code: string; detail: string }[]
}

async function setup() {
  const tenant = await createTestTenant()
  const token = await createTestToken(tenant, ['ai:use'])
  return { tenant, token }
}

describe('API AI', () => {
  it('should save a provider with a write-only key, test it and draft variants', async () => {
    const { tenant, token } = await setup()
    const fake = stubFetchWithAiFake()
    const res = await apiFetch('/ai/providers', {
      token,
      json: {
        platform: 'openai-compatible',
        name: 'Simulador',
        baseUrl: FAKE_BASE_URL,
        apiKey: AI_KEYS.valid,
        model: AI_MODELS[0],
      },
    })
    const raw = await res.clone().text()
    expect(res.status, raw).toBe(201)
    expect(raw).not.toContain(AI_KEYS.valid)
    const saved = (await expectDocumented(res, 'POST', '/ai/providers')) as Provider
    expect(saved).toMatchObject({ hasKey: true, status: 'untested', isDefault: true, model: AI_MODELS[0] })
    const row = await providerRow(tenant.ctx.db, saved.id)
    expect(row?.apiKeyEnc).toMatch(/^v1\./)

    const tested = await apiFetch(`/ai/providers/${saved.id}/test`, { token, method: 'POST' })
    const outcome = (await expectDocumented(tested, 'POST', '/ai/providers/{id}/test')) as {
      ok: boolean
      provider: Provider
    }
    expect(outcome).toMatchObject({ ok: true, provider: { status: 'active' } })

    const drafts = await apiFetch('/ai/variants', {
      token,
      json: { brief: 'Tênis com 20% off até domingo', count: 2 },
    })
    expect(drafts.status).toBe(200)
    const body = (await expectDocumented(drafts, 'POST', '/ai/variants')) as {
      variants: string[]
      providerId: string
    }
    expect(body.providerId).toBe(saved.id)
    expect(body.variants.length).toBeGreaterThan(0)
    expect(fake.calls.some((r) => r.url.endsWith('/chat/completions'))).toBe(true)

    // a retry with the same key replays the first drafts (no second provider call); another brief is 422
    const key = { 'Idempotency-Key': 'rascunho-1' }
    const brief = { brief: 'Frete grátis hoje', count: 2 }
    const first = await apiFetch('/ai/variants', { token, headers: key, json: brief })
    const callsAfterFirst = fake.calls.length
    const replay = await apiFetch('/ai/variants', { token, headers: key, json: brief })
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await replay.json()).toEqual(await first.json())
    expect(fake.calls.length).toBe(callsAfterFirst)
    expect((await apiFetch('/ai/variants', { token, headers: key, json: { brief: 'Outro' } })).status).toBe(
      422,
    )

    // an update without a key keeps the stored one
    const updated = await apiFetch('/ai/providers', {
      token,
      json: { id: saved.id, platform: 'openai-compatible', name: 'Simulador 2', baseUrl: FAKE_BASE_URL },
    })
    expect(updated.status).toBe(200)
    expect(((await expectDocumented(updated, 'POST', '/ai/providers')) as Provider).hasKey).toBe(true)
    expect((await providerRow(tenant.ctx.db, saved.id))?.apiKeyEnc).toBe(row?.apiKeyEnc)
    const listed = await apiFetch('/ai/providers', { token })
    const providers = (await expectDocumented(listed, 'GET', '/ai/providers')) as Provider[]
    expect(providers.map((p) => p.id)).toEqual([saved.id])
    expect(JSON.stringify(providers)).not.toContain(AI_KEYS.valid)
  })

  it('should record a failed test with its reason, and refuse drafts without a provider', async () => {
    const { token } = await setup()
    stubFetchWithAiFake()
    const none = await apiFetch('/ai/variants', { token, json: { brief: 'Promoção' } })
    expect(none.status).toBe(409)
    expect(((await expectDocumented(none, 'POST', '/ai/variants')) as Problem).detail).toMatch(/\S/)
    const res = await apiFetch('/ai/providers', {
      token,
      json: {
        platform: 'openai-compatible',
        name: 'Sem saldo',
        baseUrl: FAKE_BASE_URL,
        apiKey: AI_KEYS.noQuota,
        model: AI_MODELS[0],
      },
    })
    const saved = (await res.json()) as Provider
    const tested = await apiFetch(`/ai/providers/${saved.id}/test`, { token, method: 'POST' })
    const outcome = (await tested.json()) as { ok: boolean; error: string; provider: Provider }
    expect(outcome.ok).toBe(false)
    expect(outcome.error).toMatch(/\S/)
    expect(outcome.provider.status).toBe('error')
  })

  it("should refuse bad input with the form messages, other scopes and another team's provider", async () => {
    const { tenant, token } = await setup()
    stubFetchWithAiFake()
    const bad = await apiFetch('/ai/providers', {
      token,
      json: { platform: 'openai-compatible', baseUrl: 'ftp://x', apiKey: 'com espaço' },
    })
    expect(bad.status).toBe(422)
    const problem = (await expectDocumented(bad, 'POST', '/ai/providers')) as Problem
    expect(problem.errors?.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/baseUrl', '/name', '/apiKey']),
    )
    expect(problem.errors?.find((e) => e.pointer === '/baseUrl')?.detail).toBe(
      'Use um endereço que comece com http:// ou https://.',
    )
    expect(
      (await apiFetch('/ai/providers', { token, json: { platform: 'nada', baseUrl: FAKE_BASE_URL } })).status,
    ).toBe(422)
    expect((await apiFetch('/ai/variants', { token, json: { brief: '' } })).status).toBe(422)

    const other = await createTestToken(tenant, ['campaigns:read', 'campaigns:write'])
    expect((await apiFetch('/ai/providers', { token: other })).status).toBe(403)
    expect((await apiFetch('/ai/variants', { token: other, json: { brief: 'x' } })).status).toBe(403)

    const intruder = await setup()
    const theirs = await apiFetch('/ai/providers', {
      token: intruder.token,
      json: { platform: 'openai-compatible', name: 'Deles', baseUrl: FAKE_BASE_URL, apiKey: AI_KEYS.valid },
    })
    const theirId = ((await theirs.json()) as Provider).id
    expect((await apiFetch(`/ai/providers/${theirId}/test`, { token, method: 'POST' })).status).toBe(404)
    expect(
      (await apiFetch('/ai/variants', { token, json: { brief: 'x', providerId: theirId } })).status,
    ).toBe(404)
    const update = await apiFetch('/ai/providers', {
      token,
      json: { id: theirId, platform: 'openai-compatible', name: 'Roubado', baseUrl: FAKE_BASE_URL },
    })
    expect(update.status).toBe(404)
    expect((await providerRow(intruder.tenant.ctx.db, theirId))?.name).toBe('Deles')
    expect(((await (await apiFetch('/ai/providers', { token })).json()) as Provider[]).length).toBe(0)
  })
})
