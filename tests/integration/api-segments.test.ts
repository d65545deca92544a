// /api/v1/segments through the real Worker and D1 (decisions 030, 037): save, list by cursor, get,
// change and delete saved segments with the Segmentos page's definition and messages; count and sample
// for a saved segment and for a definition sent as is; deleted tags and lists reported as the page does;
// scopes, idempotency and every answer against the OpenAPI document.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, segments } from '../../db/schema'
import { createContactList } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

type Segment = { id: number; name: string; definition: Record<string, unknown>; updatedAt: string }
type Preview = {
  count: number
  sample: { id: number; name: string; phone: string }[]
  missing: { lists: number; tags: number; campaign: boolean }
  warnings: { code: string; detail: string }[]
}
type Page<T> = { data: T[]; nextCursor: string | null }
type Problem = { status: number; errors?: { pointer: string; code: string; detail: string }[] }

async function seed() {
  const tenant = await createTestTenant()
  const token = await createTestToken(tenant)
  const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 4 })
  const rows = await tenant.ctx.db.select().from(contacts).where(eq(contacts.listId, list.id))
  const vip = (await (await apiFetch('/tags', { token, json: { name: 'VIP' } })).json()) as { id: number }
  const tagged = rows.slice(0, 2)
  await apiFetch(`/tags/${vip.id}/people`, {
    token,
    json: { people: tagged.map((r) => ({ personId: r.personId })) },
  })
  return { tenant, token, list, vip, tagged }
}

describe('API segments', () => {
  it('should save, count, change and delete a segment with the page’s definition', async () => {
    const { tenant, token, list, vip, tagged } = await seed()
    const definition = { lists: [list.id], tags: { mode: 'any', ids: [vip.id] } }
    const created = await apiFetch('/segments', { token, json: { name: '  VIPs  da lista ', definition } })
    expect(created.status).toBe(201)
    const seg = (await expectDocumented(created, 'POST', '/segments')) as Segment
    expect(seg).toMatchObject({ name: 'VIPs da lista', definition })
    const [row] = await tenant.ctx.db.select().from(segments).where(eq(segments.id, seg.id))
    expect(row?.tenantId).toBe(tenant.tenantId)

    const got = await apiFetch(`/segments/${seg.id}`, { token })
    expect((await expectDocumented(got, 'GET', '/segments/{id}')) as Segment).toEqual(seg)
    const counted = await apiFetch(`/segments/${seg.id}/preview`, { token })
    const preview = (await expectDocumented(counted, 'GET', '/segments/{id}/preview')) as Preview
    expect(preview).toMatchObject({ count: 2, missing: { lists: 0, tags: 0, campaign: false }, warnings: [] })
    expect(preview.sample.map((s) => s.id).sort()).toEqual(tagged.map((r) => r.personId).sort())
    expect(preview.sample.map((s) => s.phone).sort()).toEqual(tagged.map((r) => r.phoneE164).sort())

    const adHoc = await apiFetch('/segments/preview', {
      token,
      json: { definition: { lists: [list.id], tags: { mode: 'none', ids: [vip.id] } } },
    })
    expect(((await expectDocumented(adHoc, 'POST', '/segments/preview')) as Preview).count).toBe(2)

    const renamed = await apiFetch(`/segments/${seg.id}`, {
      token,
      method: 'PATCH',
      json: { name: 'Só VIPs' },
    })
    expect(((await expectDocumented(renamed, 'PATCH', '/segments/{id}')) as Segment).definition).toEqual(
      definition,
    )
    const widened = await apiFetch(`/segments/${seg.id}`, {
      token,
      method: 'PATCH',
      json: { definition: { lists: [list.id] } },
    })
    expect(((await widened.json()) as Segment).name).toBe('Só VIPs')
    expect(((await (await apiFetch(`/segments/${seg.id}/preview`, { token })).json()) as Preview).count).toBe(
      4,
    )

    const other = (await (
      await apiFetch('/segments', { token, json: { name: 'Todos', definition: {} } })
    ).json()) as Segment
    const p1 = (await expectDocumented(
      await apiFetch('/segments?limit=1', { token }),
      'GET',
      '/segments',
    )) as Page<Segment>
    expect(p1.data.map((s) => s.id)).toEqual([seg.id])
    const p2 = (await (
      await apiFetch(`/segments?limit=1&cursor=${p1.nextCursor}`, { token })
    ).json()) as Page<Segment>
    expect(p2).toEqual({ data: [expect.objectContaining({ id: other.id })], nextCursor: null })

    const deleted = await apiFetch(`/segments/${seg.id}`, { token, method: 'DELETE' })
    expect(deleted.status).toBe(204)
    await expectDocumented(deleted, 'DELETE', '/segments/{id}')
    const missing = await apiFetch(`/segments/${seg.id}`, { token })
    expect(missing.status).toBe(404)
    await expectDocumented(missing, 'GET', '/segments/{id}')
    expect((await apiFetch(`/segments/${seg.id}/preview`, { token })).status).toBe(404)
  })

  it('should report deleted tags and lists as the page does, and still apply the rest', async () => {
    const { token, list, vip } = await seed()
    const other = await apiFetch('/tags', { token, json: { name: 'Atacado' } })
    const atacado = (await other.json()) as { id: number }
    const seg = (await (
      await apiFetch('/segments', {
        token,
        json: {
          name: 'Com referências',
          definition: {
            lists: [list.id, 'lst_apagada00000000'],
            tags: { mode: 'any', ids: [vip.id, atacado.id] },
          },
        },
      })
    ).json()) as Segment
    expect((await apiFetch(`/tags/${atacado.id}`, { token, method: 'DELETE' })).status).toBe(204)
    const res = await apiFetch(`/segments/${seg.id}/preview`, { token })
    const preview = (await expectDocumented(res, 'GET', '/segments/{id}/preview')) as Preview
    expect(preview).toMatchObject({ count: 2, missing: { lists: 1, tags: 1, campaign: false } })
    expect(preview.warnings).toEqual([
      {
        code: 'segments.missing.lists',
        detail: 'Uma lista deste segmento foi apagada: a condição usa só as que restam.',
      },
      {
        code: 'segments.missing.tags',
        detail: 'Uma etiqueta deste segmento foi apagada: a condição usa só as que restam.',
      },
    ])
    const english = await apiFetch(`/segments/${seg.id}/preview`, {
      token,
      headers: { 'Accept-Language': 'en' },
    })
    expect(((await english.json()) as Preview).warnings[1]?.detail).toMatch(/tag/i)
    // every tag of "any of" deleted: nobody, never everyone
    await apiFetch(`/tags/${vip.id}`, { token, method: 'DELETE' })
    const none = (await (await apiFetch(`/segments/${seg.id}/preview`, { token })).json()) as Preview
    expect(none).toMatchObject({ count: 0, missing: { tags: 2 } })
  })

  it('should refuse a bad definition or name with the page’s messages, by pointer', async () => {
    const { token } = await seed()
    const cases: Array<[unknown, string, string]> = [
      [
        { name: 'R', definition: { region: { ufs: [] } } },
        '/definition/region/ufs',
        'segments.error.ufEmpty',
      ],
      [
        { name: 'R', definition: { region: { ufs: ['XX'] } } },
        '/definition/region/ufs/0',
        'segments.error.uf',
      ],
      [
        { name: 'D', definition: { createdFrom: '2026-05-01', createdTo: '2026-04-01' } },
        '/definition/createdTo',
        'segments.error.dateOrder',
      ],
      [
        { name: 'E', definition: { engagement: { campaignId: 'cmp_x' } } },
        '/definition/engagement',
        'segments.error.engagementEmpty',
      ],
      [
        { name: 'F', definition: { field: { key: 'Cidade', op: 'equals', value: 'x' } } },
        '/definition/field/key',
        'segments.error.fieldKey',
      ],
      [
        { name: 'T', definition: { tag: { mode: 'any', ids: [1] } } },
        '/definition',
        'api.validation.unknownKeys',
      ],
      [
        { name: 'T', definition: { region: { ufs: ['SP'], capitol: 'capital' } } },
        '/definition/region',
        'api.validation.unknownKeys',
      ],
      [{ name: '   ', definition: {} }, '/name', 'segments.error.nameEmpty'],
      [{ name: 'x'.repeat(81), definition: {} }, '/name', 'segments.error.nameLong'],
    ]
    for (const [body, pointer, code] of cases) {
      const res = await apiFetch('/segments', { token, json: body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      const problem = (await expectDocumented(res, 'POST', '/segments')) as Problem
      expect(problem.errors?.[0], JSON.stringify(body)).toMatchObject({ pointer, code })
    }
    const res = await apiFetch('/segments/preview', { token, json: { definition: { region: { ufs: [] } } } })
    expect(((await res.json()) as Problem).errors?.[0]?.detail).toBe(
      'Escolha ao menos um estado ou tire a condição de região.',
    )
    expect((await apiFetch('/segments?cursor=x', { token })).status).toBe(400)
  })

  it('should keep to the scopes and replay a retried save', async () => {
    const { tenant, token } = await seed()
    const headers = { 'Idempotency-Key': 'segmento-1' }
    const body = { name: 'Uma vez', definition: { region: { ufs: ['SP'], capital: 'capital' } } }
    const first = await apiFetch('/segments', { token, headers, json: body })
    const retry = await apiFetch('/segments', { token, headers, json: body })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.json()).toEqual(await first.json())
    expect(
      await tenant.ctx.db.select().from(segments).where(eq(segments.tenantId, tenant.tenantId)),
    ).toHaveLength(1)

    const readOnly = await createTestToken(tenant, ['contacts:read'])
    expect((await apiFetch('/segments', { token: readOnly })).status).toBe(200)
    expect((await apiFetch('/segments/preview', { token: readOnly, json: { definition: {} } })).status).toBe(
      200,
    )
    expect((await apiFetch('/segments', { token: readOnly, json: body })).status).toBe(403)
    const [seg] = await tenant.ctx.db.select().from(segments).where(eq(segments.tenantId, tenant.tenantId))
    expect(
      (await apiFetch(`/segments/${seg?.id}`, { token: readOnly, method: 'PATCH', json: { name: 'x' } }))
        .status,
    ).toBe(403)
    expect((await apiFetch(`/segments/${seg?.id}`, { token: readOnly, method: 'DELETE' })).status).toBe(403)
    const sessionsOnly = await createTestToken(tenant, ['sessions:manage'])
    for (const [path, template] of [
      ['/segments', '/segments'],
      [`/segments/${seg?.id}`, '/segments/{id}'],
      [`/segments/${seg?.id}/preview`, '/segments/{id}/preview'],
    ] as const) {
      const refused = await apiFetch(path, { token: sessionsOnly })
      expect(refused.status).toBe(403)
      await expectDocumented(refused, 'GET', template)
    }
    const noScope = await apiFetch('/segments/preview', { token: sessionsOnly, json: { definition: {} } })
    expect(noScope.status).toBe(403)
  })

  it("should count another team's lists and tags named in a definition as deleted, never their people", async () => {
    const owner = await seed()
    const intruder = await createTestTenant('Loja B')
    const token = await createTestToken(intruder)
    const res = await apiFetch('/segments/preview', {
      token,
      json: { definition: { lists: [owner.list.id], tags: { mode: 'any', ids: [owner.vip.id] } } },
    })
    const preview = (await expectDocumented(res, 'POST', '/segments/preview')) as Preview
    expect(preview).toMatchObject({ count: 0, sample: [], missing: { lists: 1, tags: 1, campaign: false } })
    const none = await apiFetch('/segments/preview', {
      token,
      json: { definition: { tags: { mode: 'none', ids: [owner.vip.id] } } },
    })
    expect(((await none.json()) as Preview).count).toBe(0)
  })
})
