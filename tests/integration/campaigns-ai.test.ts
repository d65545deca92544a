// What the composer's "✨ Usar IA" relies on from app/core/ai (generateVariants): the key sealed by
// the provider page opens, only the brief and tone go to the provider, variants come back parsed.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { generateVariants } from '../../app/core/ai/provider-use.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { newId } from '../../app/core/ids'
import { sealSecret } from '../../app/core/tenants/secrets.server'
import { aiProviders } from '../../db/schema'
import { createContactList } from '../builders'
import { createTestTenant } from './helpers/app'

async function groqProvider(t: Awaited<ReturnType<typeof createTestTenant>>) {
  const id = newId('aip')
  await t.ctx.db.insert(aiProviders).values({
    id,
    tenantId: t.tenantId,
    platform: 'groq',
    name: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    model: 'llama-3.3-70b-versatile',
    apiKeyEnc: await sealSecret(t.ctx, t.tenantId, id, 'api_key', 'gsk_chave_secreta_de_teste'),
  })
  return id
}

describe('generateVariants for the composer', () => {
  it('should send only the brief with the decrypted key and return the parsed variants', async () => {
    const t = await createTestTenant()
    const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 3 })
    const providerId = await groqProvider(t)
    const calls: { url: string; auth: string | null; body: string }[] = []
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, auth: new Headers(init.headers).get('Authorization'), body: String(init.body) })
      const content = '["Oi {{nome}}! Tênis com 20% off.", "{{nome}}, só até domingo: 20% off!"]'
      return new Response(
        JSON.stringify({ model: 'x', choices: [{ message: { content }, finish_reason: 'stop' }] }),
        {
          headers: { 'Content-Type': 'application/json' },
        },
      )
    }) as unknown as typeof fetch
    const scope = scopeTo(t.ctx, t.tenantId, t.users.operator.id)
    const result = await generateVariants(
      scope,
      { providerId, brief: 'Tênis com 20% off até domingo', tone: 'divertido', count: 3 },
      { fetch: fakeFetch },
    )
    expect(result).toMatchObject({
      ok: true,
      variants: ['Oi {{nome}}! Tênis com 20% off.', '{{nome}}, só até domingo: 20% off!'],
    })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe('https://api.groq.com/openai/v1/chat/completions')
    expect(calls[0]?.auth).toBe('Bearer gsk_chave_secreta_de_teste')
    expect(calls[0]?.body).toContain('Tênis com 20% off até domingo')
    for (const phone of list.phones) expect(calls[0]?.body).not.toContain(phone.slice(3))
  })

  it("should not use another tenant's provider, nor a key sealed for another row", async () => {
    const t = await createTestTenant()
    const other = await createTestTenant('Outra')
    const foreign = await groqProvider(other)
    const scope = scopeTo(t.ctx, t.tenantId, t.users.operator.id)
    const neverCalled = (async () => {
      throw new Error('should not call the provider')
    }) as unknown as typeof fetch
    expect(
      await generateVariants(scope, { providerId: foreign, brief: 'x', count: 3 }, { fetch: neverCalled }),
    ).toEqual({
      ok: false,
      text: { code: 'ai.use.providerNotFound' },
      message: expect.stringContaining('Provedor de IA não encontrado'),
    })
    const copied = (await other.ctx.db.select().from(aiProviders).where(eq(aiProviders.id, foreign)).get())!
    const copyId = newId('aip')
    await t.ctx.db.insert(aiProviders).values({ ...copied, id: copyId, tenantId: t.tenantId })
    // The copied blob does not open for another row: the key counts as missing and nothing is sent.
    expect(
      await generateVariants(scope, { providerId: copyId, brief: 'x', count: 3 }, { fetch: neverCalled }),
    ).toEqual({
      ok: false,
      text: { code: 'ai.error.keyRequiredFor', params: { platform: { code: 'ai.platformName.groq' } } },
      message: expect.stringContaining('chave de API'),
    })
  })

  it('should turn an empty answer into a message', async () => {
    const t = await createTestTenant()
    const providerId = await groqProvider(t)
    const empty = (async () =>
      new Response(JSON.stringify({ choices: [{ message: { content: '   ' } }] }), {
        headers: { 'Content-Type': 'application/json' },
      })) as unknown as typeof fetch
    const scope = scopeTo(t.ctx, t.tenantId, t.users.operator.id)
    expect(await generateVariants(scope, { providerId, brief: 'x', count: 3 }, { fetch: empty })).toEqual({
      ok: false,
      text: { code: 'ai.use.noVariants' },
      message: expect.stringContaining('A IA não devolveu nenhuma variação utilizável'),
    })
  })
})
