// The Segmentos pages as a browser without JavaScript uses them (decision 037): count with "Contar"
// (the fields come back as typed), save, edit, delete with confirmation; clear Portuguese refusals;
// 403 for viewers and for a form from another origin; another team's segment is 404.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { segments } from '../../db/schema'
import { createContactList } from '../builders'
import { flashOf } from './contacts-support'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

const post = (
  t: TestTenant,
  path: string,
  form: FormData | Record<string, string>,
  role: 'operator' | 'viewer' = 'operator',
) => appFetch(path, { cookie: t.users[role].cookie, form })

function form(fields: Array<[string, string]>) {
  const f = new FormData()
  for (const [k, v] of fields) f.append(k, v)
  return f
}

async function setup() {
  const t = await createTestTenant()
  const a = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 5, seed: 3, name: 'Clientes A' })
  const b = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 4, seed: 9, name: 'Clientes B' })
  return { t, a, b }
}

describe('segment pages without JavaScript', () => {
  it('should count with "Contar", keep the typed fields, save, edit and delete', async () => {
    const { t, a, b } = await setup()
    let res = await post(
      t,
      '/contatos/segmentos/novo',
      form([
        ['intent', 'count'],
        ['name', 'Rascunho'],
        ['lists', a.id],
      ]),
    )
    expect(res.status).toBe(200)
    let html = await res.text()
    expect(html).toContain('5 pessoas neste segmento.')
    expect(html).toMatch(new RegExp(`value="${a.id}"[^>]*checked|checked[^>]*value="${a.id}"`))
    expect(html).toContain('value="Rascunho"')

    res = await post(
      t,
      '/contatos/segmentos/novo',
      form([
        ['intent', 'save'],
        ['name', ' Clientes  A e B '],
        ['lists', a.id],
        ['lists', b.id],
      ]),
    )
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'segments.saved' })
    const path = res.headers.get('Location') ?? ''
    expect(path).toMatch(/^\/contatos\/segmentos\/\d+$/)
    const [row] = await t.ctx.db.select().from(segments).where(eq(segments.tenantId, t.tenantId))
    expect(row).toMatchObject({
      name: 'Clientes A e B',
      definition: { lists: [a.id, b.id] },
      createdBy: t.users.operator.id,
    })

    html = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('9 pessoas neste segmento.')
    html = await (await appFetch('/contatos/segmentos', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('Clientes A e B')

    res = await post(
      t,
      path,
      form([
        ['intent', 'save'],
        ['name', 'Só B'],
        ['lists', b.id],
      ]),
    )
    expect(res.headers.get('Location')).toBe(path)
    html = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('4 pessoas neste segmento.')

    res = await post(t, path, { intent: 'delete' })
    expect(flashOf(res)).toMatchObject({ kind: 'error', message: 'segments.deleteConfirm' })
    res = await post(t, path, { intent: 'delete', confirm: 'on' })
    expect(res.headers.get('Location')).toBe('/contatos/segmentos')
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'segments.deleted' })
    expect(await t.ctx.db.select().from(segments).where(eq(segments.tenantId, t.tenantId))).toHaveLength(0)
    expect((await appFetch(path, { cookie: t.users.viewer.cookie })).status).toBe(404)
  })

  it('should refuse bad input with a Portuguese message and save nothing', async () => {
    const { t } = await setup()
    for (const [fields, text] of [
      [[['name', '']], 'Dê um nome ao segmento.'],
      [
        [
          ['name', 'x'],
          ['createdFrom', '2026-05-01'],
          ['createdTo', '2026-04-01'],
        ],
        'A data inicial do cadastro vem depois da final',
      ],
      [
        [
          ['name', 'x'],
          ['fieldKey', 'Cidade!'],
        ],
        'Campo inválido',
      ],
      [
        [
          ['name', 'x'],
          ['fieldKey', 'cidade'],
          ['fieldOp', 'equals'],
        ],
        'Digite o valor a comparar',
      ],
      [
        [
          ['name', 'x'],
          ['receivedDays', '0'],
        ],
        'Dias inválidos',
      ],
      [
        [
          ['name', 'x'],
          ['receivedDays', 'abc'],
        ],
        'Dias inválidos',
      ],
      [
        [
          ['name', 'x'],
          ['ufs', 'XX'],
        ],
        'Estado desconhecido',
      ],
    ] as Array<[Array<[string, string]>, string]>) {
      const res = await post(t, '/contatos/segmentos/novo', form([['intent', 'save'], ...fields]))
      expect(res.status, text).toBe(400)
      expect(await res.text()).toContain(text)
    }
    expect(await t.ctx.db.select().from(segments).where(eq(segments.tenantId, t.tenantId))).toHaveLength(0)
  })

  it('should answer 403 to viewers and to another origin, and 404 to another team', async () => {
    const { t, a } = await setup()
    const saved = await post(
      t,
      '/contatos/segmentos/novo',
      form([
        ['intent', 'save'],
        ['name', 'A'],
        ['lists', a.id],
      ]),
    )
    const path = saved.headers.get('Location') ?? ''
    for (const f of [
      { intent: 'save', name: 'Outro' },
      { intent: 'delete', confirm: 'on' },
    ] as Record<string, string>[])
      expect((await post(t, path, f, 'viewer')).status).toBe(403)
    const foreign = await appFetch(path, {
      cookie: t.users.operator.cookie,
      form: { intent: 'delete', confirm: 'on' },
      origin: 'https://evil.test',
    })
    expect(foreign.status).toBe(403)
    const other = await createTestTenant('Outra Loja')
    expect((await appFetch(path, { cookie: other.users.admin.cookie })).status).toBe(404)
    expect((await post(other, path, { intent: 'delete', confirm: 'on' })).status).toBe(404)
    expect(await t.ctx.db.select().from(segments).where(eq(segments.tenantId, t.tenantId))).toHaveLength(1)
    // the other team sees only its own people in a new segment
    const html = await (
      await appFetch('/contatos/segmentos/novo', { cookie: other.users.viewer.cookie })
    ).text()
    expect(html).toContain('Nenhuma pessoa neste segmento.')
  })
})
