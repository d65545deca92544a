// Tags through the pages (decision 036), as a browser without JavaScript sends them: by hand on a
// person, in bulk on a list's current filter (list + search), rename and delete on the Tags page;
// clear refusals for bad names, 403 for viewers, 403 without the page's Origin (CSRF), and another
// team's tags and people untouched.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, people, personTags, tags } from '../../db/schema'
import { createContactList } from '../builders'
import { flashOf } from './contacts-support'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

async function tagNames(t: TestTenant, personId: number) {
  const rows = await t.ctx.db
    .select({ name: tags.name })
    .from(personTags)
    .innerJoin(tags, eq(tags.id, personTags.tagId))
    .where(eq(personTags.personId, personId))
  return rows.map((r) => r.name).sort()
}

async function teamTags(t: TestTenant) {
  return t.ctx.db.select().from(tags).where(eq(tags.tenantId, t.tenantId))
}

async function post(
  t: TestTenant,
  path: string,
  form: Record<string, string>,
  role: 'operator' | 'viewer' = 'operator',
) {
  return appFetch(path, { cookie: t.users[role].cookie, form })
}

async function setup() {
  const t = await createTestTenant()
  const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 6, seed: 3 })
  const rows = await t.ctx.db.select().from(contacts).where(eq(contacts.listId, list.id))
  return { t, list, rows }
}

describe('tags by hand on a person', () => {
  it('should add a tag by name (one tag for case and accents) and remove it', async () => {
    const { t, rows } = await setup()
    const personId = rows[0]!.personId
    const page = `/contatos/pessoas/${personId}`
    let res = await post(t, page, { intent: 'addTag', name: '  Promoção ' })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success' })
    await post(t, page, { intent: 'addTag', name: 'PROMOCAO' })
    expect(await tagNames(t, personId)).toEqual(['Promoção'])
    expect(await teamTags(t)).toHaveLength(1)
    const html = await (await appFetch(page, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('Promoção')
    expect(html).toContain(rows[0]!.phoneE164)

    for (const [name, code] of [
      ['   ', 'tags.error.empty'],
      ['x'.repeat(41), 'tags.error.tooLong'],
    ] as const) {
      res = await post(t, page, { intent: 'addTag', name })
      expect(flashOf(res)).toMatchObject({ kind: 'error', message: code })
    }
    const [tag] = await teamTags(t)
    res = await post(t, page, { intent: 'removeTag', tagId: String(tag!.id) })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'tags.removed' })
    expect(await tagNames(t, personId)).toEqual([])
  })
})

describe('tags in bulk on the current filter', () => {
  it('should add and remove a tag on exactly the people of the list and search', async () => {
    const { t, list, rows } = await setup()
    const other = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 3, seed: 11 })
    const path = `/contatos/listas/${list.id}`
    // the search: one person's phone digits
    const digits = rows[0]!.phoneE164.slice(3)
    let res = await post(t, path, { intent: 'tagAdd', q: digits, name: 'Feira' })
    expect(res.headers.get('Location')).toBe(`${path}?q=${digits}`)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'tags.bulkAdded' })
    expect(await tagNames(t, rows[0]!.personId)).toEqual(['Feira'])
    expect(await tagNames(t, rows[1]!.personId)).toEqual([])
    // the whole list
    res = await post(t, path, { intent: 'tagAdd', q: '', name: 'feira' })
    for (const r of rows) expect(await tagNames(t, r.personId)).toEqual(['Feira'])
    const otherRows = await t.ctx.db.select().from(contacts).where(eq(contacts.listId, other.id))
    for (const r of otherRows) expect(await tagNames(t, r.personId)).toEqual([])
    const [tag] = await teamTags(t)
    res = await post(t, path, { intent: 'tagRemove', q: digits, tagId: String(tag!.id) })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'tags.bulkRemoved' })
    expect(await tagNames(t, rows[0]!.personId)).toEqual([])
    expect(await tagNames(t, rows[1]!.personId)).toEqual(['Feira'])
    res = await post(t, path, { intent: 'tagRemove', q: '', tagId: 'x' })
    expect(flashOf(res)).toMatchObject({ kind: 'error', message: 'tags.error.choose' })
    // the list page offers the forms to operators, not to viewers
    expect(await (await appFetch(path, { cookie: t.users.operator.cookie })).text()).toContain('bulk-tag-add')
    expect(await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()).not.toContain(
      'bulk-tag-add',
    )
  })
})

describe('the Tags page', () => {
  it('should rename a tag for everyone at once, refuse a name another tag has, and delete it', async () => {
    const { t, list, rows } = await setup()
    await post(t, `/contatos/listas/${list.id}`, { intent: 'tagAdd', q: '', name: 'Cliente' })
    await post(t, `/contatos/pessoas/${rows[0]!.personId}`, { intent: 'addTag', name: 'VIP' })
    const byName = new Map((await teamTags(t)).map((x) => [x.name, x.id]))
    const cliente = String(byName.get('Cliente'))
    let res = await post(t, '/contatos/etiquetas', {
      intent: 'rename',
      tagId: cliente,
      name: 'Clientes 2026',
    })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'tags.renamed' })
    for (const r of rows) expect(await tagNames(t, r.personId)).toContain('Clientes 2026')
    res = await post(t, '/contatos/etiquetas', { intent: 'rename', tagId: cliente, name: 'víp' })
    expect(flashOf(res)).toMatchObject({ kind: 'error', message: 'tags.error.taken' })
    // a change of case of its own name is a rename
    res = await post(t, '/contatos/etiquetas', { intent: 'rename', tagId: cliente, name: 'CLIENTES 2026' })
    expect(flashOf(res)).toMatchObject({ kind: 'success' })
    const html = await (await appFetch('/contatos/etiquetas', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('CLIENTES 2026')
    expect(html).toContain('6 pessoas')
    // delete needs the confirmation box
    res = await post(t, '/contatos/etiquetas', { intent: 'delete', tagId: cliente })
    expect(flashOf(res)).toMatchObject({ kind: 'error' })
    res = await post(t, '/contatos/etiquetas', { intent: 'delete', tagId: cliente, confirm: 'on' })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'tags.deleted' })
    expect((await teamTags(t)).map((x) => x.name)).toEqual(['VIP'])
    expect(await tagNames(t, rows[1]!.personId)).toEqual([])
  })
})

describe('who may change tags', () => {
  it('should answer 403 to viewers and to a form from another origin, and change nothing', async () => {
    const { t, list, rows } = await setup()
    await post(t, `/contatos/pessoas/${rows[0]!.personId}`, { intent: 'addTag', name: 'VIP' })
    const [tag] = await teamTags(t)
    const id = String(tag!.id)
    const writes: Array<[string, Record<string, string>]> = [
      [`/contatos/pessoas/${rows[0]!.personId}`, { intent: 'addTag', name: 'Outra' }],
      [`/contatos/pessoas/${rows[0]!.personId}`, { intent: 'removeTag', tagId: id }],
      [`/contatos/listas/${list.id}`, { intent: 'tagAdd', q: '', name: 'Outra' }],
      [`/contatos/listas/${list.id}`, { intent: 'tagRemove', q: '', tagId: id }],
      ['/contatos/etiquetas', { intent: 'rename', tagId: id, name: 'Outra' }],
      ['/contatos/etiquetas', { intent: 'delete', tagId: id, confirm: 'on' }],
    ]
    const before = JSON.stringify([await teamTags(t), await t.ctx.db.select().from(personTags)])
    for (const [path, form] of writes) {
      expect((await post(t, path, form, 'viewer')).status, `${path} ${form.intent}`).toBe(403)
      const foreign = await appFetch(path, {
        cookie: t.users.admin.cookie,
        form,
        origin: 'https://evil.example',
      })
      expect(foreign.status, `${path} ${form.intent} cross-origin`).toBe(403)
    }
    expect(JSON.stringify([await teamTags(t), await t.ctx.db.select().from(personTags)])).toBe(before)
    for (const path of ['/contatos/etiquetas', `/contatos/pessoas/${rows[0]!.personId}`])
      expect((await appFetch(path, { cookie: t.users.viewer.cookie })).status, path).toBe(200)
  })

  it("should not reach another team's people and tags (404) and keep them unchanged", async () => {
    const owner = await setup()
    const other = await createTestTenant()
    await post(owner.t, `/contatos/pessoas/${owner.rows[0]!.personId}`, { intent: 'addTag', name: 'VIP' })
    const [tag] = await teamTags(owner.t)
    const before = JSON.stringify([await teamTags(owner.t), await owner.t.ctx.db.select().from(personTags)])
    const personPath = `/contatos/pessoas/${owner.rows[0]!.personId}`
    expect((await appFetch(personPath, { cookie: other.users.admin.cookie })).status).toBe(404)
    for (const [path, form] of [
      [personPath, { intent: 'addTag', name: 'Invasor' }],
      [personPath, { intent: 'removeTag', tagId: String(tag!.id) }],
      ['/contatos/etiquetas', { intent: 'rename', tagId: String(tag!.id), name: 'Invasor' }],
      ['/contatos/etiquetas', { intent: 'delete', tagId: String(tag!.id), confirm: 'on' }],
      [`/contatos/listas/${owner.list.id}`, { intent: 'tagAdd', q: '', name: 'Invasor' }],
    ] as const)
      expect((await post(other, path, { ...form }, 'operator')).status, `${path} ${form.intent}`).toBe(404)
    expect(JSON.stringify([await teamTags(owner.t), await owner.t.ctx.db.select().from(personTags)])).toBe(
      before,
    )
    expect(await teamTags(other)).toEqual([])
    // the other team's Tags page lists none of the owner's
    expect(
      await (await appFetch('/contatos/etiquetas', { cookie: other.users.viewer.cookie })).text(),
    ).not.toContain('VIP')
    const person = await owner.t.ctx.db
      .select()
      .from(people)
      .where(and(eq(people.tenantId, owner.t.tenantId), eq(people.id, owner.rows[0]!.personId)))
      .get()
    expect(person).toBeDefined()
  })
})
