import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users } from '../../db/schema'
import { appFetch, createTestTenant } from './helpers/app'

const strong = 'Cafe-com-leite-2026'

async function flashOf(res: Response) {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

describe('team page', () => {
  it('should list the staff for any role but show actions only to admins', async () => {
    const t = await createTestTenant()
    const asViewer = await (await appFetch('/equipe', { cookie: t.users.viewer.cookie })).text()
    expect(asViewer).toContain(t.users.admin.email)
    expect(asViewer).not.toContain('Adicionar membro')
    const asAdmin = await (await appFetch('/equipe', { cookie: t.users.admin.cookie })).text()
    expect(asAdmin).toContain('Adicionar membro')
  })

  it('should add a member who can then sign in', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: {
        intent: 'add',
        name: 'Bruno Lima',
        email: 'Bruno@Loja.com.br',
        role: 'operator',
        password: strong,
      },
    })
    expect(res.status).toBe(303)
    expect(await flashOf(res)).toMatchObject({ kind: 'success', message: 'team.added' })
    const login = await appFetch('/login', { form: { email: 'bruno@loja.com.br', password: strong } })
    expect(login.status).toBe(303)
  })

  it.each([
    [{ name: '', email: 'a@b.com.br', role: 'operator', password: strong }, 'Preencha este campo.'],
    [{ name: 'A', email: 'sem-arroba', role: 'operator', password: strong }, 'Informe um e-mail válido'],
    [{ name: 'A', email: 'a@b.com.br', role: 'dono', password: strong }, 'Escolha um papel válido.'],
    [
      { name: 'A', email: 'a@b.com.br', role: 'operator', password: 'senha12345' },
      'está entre as mais usadas e vazadas',
    ],
    [
      { name: 'A', email: 'a@b.com.br', role: 'operator', password: 'password12' },
      'está entre as mais usadas e vazadas',
    ],
    [
      { name: 'A', email: 'a@b.com.br', role: 'operator', password: '1234567890123' },
      'variação de uma das senhas mais usadas',
    ],
    [
      { name: 'Bruno Lima', email: 'bruno.lima@b.com.br', role: 'operator', password: 'brunolima2026' },
      'não pode se basear no nome',
    ],
    [{ name: 'A'.repeat(121), email: 'a@b.com.br', role: 'operator', password: strong }, 'Texto muito longo'],
  ])('should refuse bad input %# with a clear message and keep the typed values', async (form, message) => {
    const t = await createTestTenant()
    const before = await t.ctx.db.select().from(users).where(eq(users.tenantId, t.tenantId))
    const res = await appFetch('/equipe', { cookie: t.users.admin.cookie, form: { intent: 'add', ...form } })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    if (form.email) expect(html).toContain(`value="${form.email}"`)
    expect(html).not.toContain(form.password)
    expect(await t.ctx.db.select().from(users).where(eq(users.tenantId, t.tenantId))).toHaveLength(
      before.length,
    )
  })

  it('should refuse an email that a member of this team already has, naming the field', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: {
        intent: 'add',
        name: 'Dup',
        email: t.users.viewer.email.toUpperCase(),
        role: 'viewer',
        password: strong,
      },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Já existe um membro desta equipe com este e-mail.')
  })

  it('should change a role, reset a password (ending their sessions) and deactivate', async () => {
    const t = await createTestTenant()
    const admin = t.users.admin.cookie
    const op = t.users.operator
    expect(
      (
        await appFetch('/equipe', {
          cookie: admin,
          form: { intent: 'changeRole', userId: op.id, role: 'viewer' },
        })
      ).status,
    ).toBe(303)
    expect((await t.ctx.db.select().from(users).where(eq(users.id, op.id)).get())?.role).toBe('viewer')

    expect((await appFetch('/equipe', { cookie: op.cookie })).status).toBe(200)
    const reset = await appFetch('/equipe', {
      cookie: admin,
      form: { intent: 'resetPassword', userId: op.id, password: strong },
    })
    expect(await flashOf(reset)).toMatchObject({ kind: 'success', message: 'team.passwordReset' })
    expect((await appFetch('/equipe', { cookie: op.cookie })).status).toBe(302)
    expect((await appFetch('/login', { form: { email: op.email, password: strong } })).status).toBe(303)

    await appFetch('/equipe', { cookie: admin, form: { intent: 'deactivate', userId: op.id } })
    expect((await appFetch('/login', { form: { email: op.email, password: strong } })).status).toBe(401)
    await appFetch('/equipe', { cookie: admin, form: { intent: 'reactivate', userId: op.id } })
    expect((await appFetch('/login', { form: { email: op.email, password: strong } })).status).toBe(303)
  })

  it('should refuse a weak new password on reset with a message, changing nothing', async () => {
    const t = await createTestTenant()
    const before = await t.ctx.db.select().from(users).where(eq(users.id, t.users.viewer.id)).get()
    for (const [password, message] of [
      ['curta', 'A senha deve ter pelo menos 10 caracteres.'],
      ['password12', 'password.weak.common'],
      ['viewer-loja-teste', 'password.weak.userInputs'],
    ] as const) {
      const res = await appFetch('/equipe', {
        cookie: t.users.admin.cookie,
        form: { intent: 'resetPassword', userId: t.users.viewer.id, password },
      })
      expect(await flashOf(res)).toMatchObject({ kind: 'error', message })
    }
    expect(await t.ctx.db.select().from(users).where(eq(users.id, t.users.viewer.id)).get()).toEqual(before)
  })

  it('should forbid team actions to operators and viewers with a 403 page', async () => {
    const t = await createTestTenant()
    for (const role of ['operator', 'viewer'] as const) {
      const res = await appFetch('/equipe', {
        cookie: t.users[role].cookie,
        form: { intent: 'changeRole', userId: t.users.admin.id, role: 'viewer' },
      })
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Acesso negado')
    }
    expect((await t.ctx.db.select().from(users).where(eq(users.id, t.users.admin.id)).get())?.role).toBe(
      'admin',
    )
  })

  it('should keep at least one active admin and refuse actions on yourself', async () => {
    const t = await createTestTenant()
    const self = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: { intent: 'deactivate', userId: t.users.admin.id },
    })
    expect(await flashOf(self)).toMatchObject({ kind: 'error', message: 'errors.self' })
    // promote the operator, who then tries to demote the only other admin after that admin is gone
    await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: { intent: 'changeRole', userId: t.users.operator.id, role: 'admin' },
    })
    await appFetch('/equipe', {
      cookie: t.users.operator.cookie,
      form: { intent: 'deactivate', userId: t.users.admin.id },
    })
    const last = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: { intent: 'changeRole', userId: t.users.operator.id, role: 'viewer' },
    })
    // the first admin was deactivated, so its session is gone
    expect(last.status).toBe(302)
    const reactivated = await appFetch('/equipe', {
      cookie: t.users.operator.cookie,
      form: { intent: 'reactivate', userId: t.users.admin.id },
    })
    expect(reactivated.status).toBe(303)
  })

  it('should answer 404 for an unknown member id', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      form: { intent: 'deactivate', userId: 'usr_nao_existe' },
    })
    expect(res.status).toBe(404)
  })
})
