// Adding staff never tells an admin that an email has an account in another team (decision 012), and
// never gives them any hold on that account.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { authSessions, unclaimedMembers, users } from '../../db/schema'
import { TEST_PASSWORD } from '../builders'
import { appFetch, createTestTenant } from './helpers/app'

const chosen = 'Cafe-com-leite-2026'

async function flashOf(res: Response) {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

/** The team page's row for a member, its email written as EMAIL and the member id as ID. */
function rowOf(html: string, email: string) {
  const row = html.match(
    new RegExp(`<tr data-testid="member-${email.replace(/[.]/g, '\\.')}".*?</tr>`, 's'),
  )?.[0]
  return row?.replaceAll(email, 'EMAIL').replace(/usr_[0-9a-z]+/g, 'ID')
}

describe('adding an email that has an account in another team', () => {
  it('should answer and list exactly as for a new member, and leave the other account untouched', async () => {
    const mine = await createTestTenant('Minha Loja')
    const theirs = await createTestTenant('Outra Loja')
    const taken = theirs.users.operator
    const before = await theirs.ctx.control.select().from(users).where(eq(users.id, taken.id)).get()

    const add = (name: string, email: string) =>
      appFetch('/equipe', {
        cookie: mine.users.admin.cookie,
        form: { intent: 'add', name, email, role: 'operator', password: chosen },
      })
    const fresh = await add('Pessoa Nova', 'pessoa.nova@example.com.br')
    const existing = await add('Pessoa Nova', taken.email)

    expect(existing.status).toBe(fresh.status)
    expect(existing.headers.get('Location')).toBe(fresh.headers.get('Location'))
    expect(await flashOf(existing)).toEqual({ ...(await flashOf(fresh)), vars: { email: taken.email } })
    const page = await (await appFetch('/equipe', { cookie: mine.users.admin.cookie })).text()
    expect(rowOf(page, taken.email)).toContain('Pessoa Nova')
    expect(rowOf(page, taken.email)).toBe(rowOf(page, 'pessoa.nova@example.com.br'))

    // The other account: same team, role, password; its owner still signs in; the admin's password does not.
    expect(await theirs.ctx.control.select().from(users).where(eq(users.id, taken.id)).get()).toEqual(before)
    expect((await appFetch('/login', { form: { email: taken.email, password: chosen } })).status).toBe(401)
    expect((await appFetch('/login', { form: { email: taken.email, password: TEST_PASSWORD } })).status).toBe(
      303,
    )
    // Their team does not see the new place.
    const theirPage = await (await appFetch('/equipe', { cookie: theirs.users.admin.cookie })).text()
    expect(theirPage.match(new RegExp(`data-testid="member-${taken.email}"`, 'g'))).toHaveLength(1)
  })

  it('should let the admin manage that member like any other, without reaching the other account', async () => {
    const mine = await createTestTenant('Minha Loja')
    const theirs = await createTestTenant('Outra Loja')
    const taken = theirs.users.viewer
    await appFetch('/equipe', {
      cookie: mine.users.admin.cookie,
      form: { intent: 'add', name: 'Quem Sabe', email: taken.email, role: 'viewer', password: chosen },
    })
    const placed = await mine.ctx.control
      .select()
      .from(unclaimedMembers)
      .where(eq(unclaimedMembers.email, taken.email))
      .get()
    expect(placed).toMatchObject({ tenantId: mine.tenantId, role: 'viewer', active: true })
    const before = await theirs.ctx.control.select().from(users).where(eq(users.id, taken.id)).get()
    const sessionsBefore = await theirs.ctx.control
      .select()
      .from(authSessions)
      .where(eq(authSessions.userId, taken.id))

    const act = (form: Record<string, string>) =>
      appFetch('/equipe', { cookie: mine.users.admin.cookie, form: { userId: placed!.id, ...form } })
    expect(await flashOf(await act({ intent: 'changeRole', role: 'admin' }))).toMatchObject({
      kind: 'success',
      message: 'team.roleChanged',
    })
    expect(
      await flashOf(await act({ intent: 'resetPassword', password: 'Outra-senha-forte-99' })),
    ).toMatchObject({
      kind: 'success',
      message: 'team.passwordReset',
    })
    expect(await flashOf(await act({ intent: 'resetPassword', password: 'password12' }))).toMatchObject({
      kind: 'error',
    })
    expect(await flashOf(await act({ intent: 'deactivate' }))).toMatchObject({
      kind: 'success',
      message: 'team.deactivated',
    })
    expect(
      await mine.ctx.control.select().from(unclaimedMembers).where(eq(unclaimedMembers.id, placed!.id)).get(),
    ).toMatchObject({
      role: 'admin',
      active: false,
    })
    expect(await flashOf(await act({ intent: 'reactivate' }))).toMatchObject({
      kind: 'success',
      message: 'team.reactivated',
    })

    expect(await theirs.ctx.control.select().from(users).where(eq(users.id, taken.id)).get()).toEqual(before)
    expect(
      await theirs.ctx.control.select().from(authSessions).where(eq(authSessions.userId, taken.id)),
    ).toEqual(sessionsBefore)
    expect((await appFetch('/equipe', { cookie: taken.cookie })).status).toBe(200)
    expect(
      (await appFetch('/login', { form: { email: taken.email, password: 'Outra-senha-forte-99' } })).status,
    ).toBe(401)
  })

  it('should refuse the same email twice in one team, whichever kind of member has it', async () => {
    const mine = await createTestTenant('Minha Loja')
    const theirs = await createTestTenant('Outra Loja')
    const form = {
      intent: 'add',
      name: 'Dup',
      email: theirs.users.admin.email,
      role: 'viewer',
      password: chosen,
    }
    expect((await appFetch('/equipe', { cookie: mine.users.admin.cookie, form })).status).toBe(303)
    const again = await appFetch('/equipe', { cookie: mine.users.admin.cookie, form })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('Já existe um membro desta equipe com este e-mail.')
  })

  it('should add one member when the same new email is sent twice at once', async () => {
    const mine = await createTestTenant('Minha Loja')
    const form = {
      intent: 'add',
      name: 'Clique Duplo',
      email: 'clique.duplo@example.com.br',
      role: 'viewer',
      password: chosen,
    }
    const answers = await Promise.all(
      [1, 2, 3].map(() => appFetch('/equipe', { cookie: mine.users.admin.cookie, form })),
    )
    await Promise.all(answers.map((r) => r.text()))
    expect(answers.map((r) => r.status).sort()).toEqual([303, 400, 400])
    expect(await mine.ctx.control.select().from(users).where(eq(users.email, form.email))).toHaveLength(1)
    expect(
      await mine.ctx.control.select().from(unclaimedMembers).where(eq(unclaimedMembers.email, form.email)),
    ).toEqual([])
  })
})
