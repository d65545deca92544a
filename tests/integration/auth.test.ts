import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { login } from '../../app/core/auth/auth.server'
import {
  createAuthSession,
  getSessionUser,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from '../../app/core/auth/session.server'
import { authSessions, instance, tenants, users } from '../../db/schema'
import { createTenant, createUser, TEST_PASSWORD } from '../builders'
import { appFetch, cookieFrom, createTestTenant, ORIGIN, testContext } from './helpers/app'

async function resetInstance() {
  const ctx = testContext()
  await ctx.db.delete(instance)
  await ctx.db.delete(tenants)
  return ctx
}

const goodSetup = {
  tenantName: 'Padaria Pão Quente',
  name: 'Ana Souza',
  email: 'Ana@Padaria.com.br',
  password: 'Fermento-e-farinha-2026',
}

describe('first-run setup', () => {
  it('should send the first visitor to /setup and render the form', async () => {
    await resetInstance()
    const home = await appFetch('/')
    expect(home.status).toBe(302)
    expect(home.headers.get('Location')).toBe('/setup')
    const page = await appFetch('/setup')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Configurar o Disparo')
  })

  it('should re-render field errors in Portuguese and save nothing on bad input', async () => {
    const ctx = await resetInstance()
    const res = await appFetch('/setup', {
      form: { tenantName: '', name: 'x'.repeat(200), email: 'nao-e-email', password: '123' },
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Preencha este campo.')
    expect(html).toContain('Texto muito longo')
    expect(html).toContain('Informe um e-mail válido')
    expect(html).toContain('A senha deve ter pelo menos 10 caracteres.')
    expect(await ctx.db.select().from(tenants)).toEqual([])
  })

  it.each([
    ['password12', 'está entre as mais usadas e vazadas'],
    ['padaria-pao-quente', 'não pode se basear no nome, no e-mail ou no nome da empresa'],
    ['anasouza1990', 'não pode se basear no nome'],
  ])(
    'should refuse the guessable password %j at setup, say why, and save nothing',
    async (password, message) => {
      const ctx = await resetInstance()
      const res = await appFetch('/setup', { form: { ...goodSetup, password } })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain(message)
      expect(html).toContain('value="Padaria Pão Quente"')
      expect(html).not.toContain(password)
      expect(await ctx.db.select().from(tenants)).toEqual([])
    },
  )

  it('should explain a refused password in English too', async () => {
    await resetInstance()
    const res = await appFetch('/setup', {
      form: { ...goodSetup, password: 'password12' },
      headers: { Cookie: 'disparo_lang=en' },
    })
    expect(await res.text()).toContain('among the most used and leaked')
  })

  it('should create the team and admin, sign in, and then close for good', async () => {
    const ctx = await resetInstance()
    const res = await appFetch('/setup', { form: goodSetup })
    expect(res.status).toBe(303)
    const cookie = cookieFrom(res)
    expect(cookie).toMatch(/__Host-disparo_session=/)
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-disparo_session'))
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/Secure/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    const user = await ctx.db.select().from(users).where(eq(users.email, 'ana@padaria.com.br')).get()
    expect(user?.role).toBe('admin')
    expect(user?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/)

    const home = await appFetch('/', { cookie })
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Olá, Ana Souza!')

    expect((await appFetch('/setup')).headers.get('Location')).toBe('/login')
    const again = await appFetch('/setup', { form: { ...goodSetup, email: 'outra@padaria.com.br' } })
    expect(again.status).toBe(404)
    expect(await ctx.db.select().from(tenants)).toHaveLength(1)
  })
})

describe('login', () => {
  it('should sign in with the right password and rotate the session token each time', async () => {
    const t = await createTestTenant()
    const email = t.users.operator.email
    const first = await appFetch('/login', { form: { email, password: TEST_PASSWORD } })
    const second = await appFetch('/login', { form: { email: email.toUpperCase(), password: TEST_PASSWORD } })
    expect(first.status).toBe(303)
    expect(second.status).toBe(303)
    expect(cookieFrom(first)).not.toBe(cookieFrom(second))
  })

  it('should give the same generic message for a wrong password and an unknown email', async () => {
    const t = await createTestTenant()
    const wrong = await appFetch('/login', {
      form: { email: t.users.admin.email, password: 'senha-errada-123' },
    })
    const unknown = await appFetch('/login', {
      form: { email: 'ninguem@example.com.br', password: 'senha-errada-123' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const a = await wrong.text()
    const b = await unknown.text()
    expect(a).toContain('E-mail ou senha incorretos.')
    expect(b).toContain('E-mail ou senha incorretos.')
    expect(a).not.toContain('senha-errada-123')
  })

  it('should throttle repeated failures for an email and say how long to wait', async () => {
    const t = await createTestTenant()
    for (let i = 0; i < 5; i++)
      await (
        await appFetch('/login', { form: { email: t.users.viewer.email, password: `errada-${i}-xyz` } })
      ).text()
    const blocked = await appFetch('/login', {
      form: { email: t.users.viewer.email, password: TEST_PASSWORD },
    })
    expect(blocked.status).toBe(429)
    expect(await blocked.text()).toMatch(/Muitas tentativas de login. Tente novamente em 1[45] min./)
  })

  it('should refuse deactivated staff', async () => {
    const ctx = testContext()
    const tenant = await createTenant(ctx.db)
    const u = await createUser(ctx.db, ctx.config.passwordPepper, { tenantId: tenant.id, active: false })
    const res = await appFetch('/login', { form: { email: u.email, password: TEST_PASSWORD } })
    expect(res.status).toBe(401)
  })

  it('should throttle by IP across emails', async () => {
    const ctx = testContext()
    const tenant = await createTenant(ctx.db)
    const u = await createUser(ctx.db, ctx.config.passwordPepper, { tenantId: tenant.id })
    const request = new Request(ORIGIN, { headers: { 'CF-Connecting-IP': '203.0.113.9' } })
    for (let i = 0; i < 30; i++)
      await login(ctx, request, { email: `x${i}@example.com`, password: 'qualquer-coisa' })
    const res = await login(ctx, request, { email: u.email, password: TEST_PASSWORD })
    expect(res).toMatchObject({ ok: false, reason: 'throttled' })
  })
})

describe('sessions', () => {
  it('should send a forged or missing cookie to login and clear it', async () => {
    await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: '__Host-disparo_session=forjado-forjado-forjado-forjado',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Fequipe')
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-disparo_session=;.*Max-Age=0/)
  })

  it('should expire sessions after idle time and after the absolute lifetime', async () => {
    const t = await createTestTenant()
    let now = Date.now()
    const ctx = testContext({ clock: () => now })
    const setCookie = await createAuthSession(ctx, new Request(ORIGIN), {
      id: t.users.admin.id,
      tenantId: t.tenantId,
    })
    const request = new Request(ORIGIN, { headers: { Cookie: setCookie.split(';')[0] ?? '' } })
    expect(await getSessionUser(ctx, request)).toMatchObject({ id: t.users.admin.id })
    now += SESSION_IDLE_MS + 1
    expect(await getSessionUser(ctx, request)).toBeNull()

    now = Date.now()
    const set2 = await createAuthSession(ctx, new Request(ORIGIN), {
      id: t.users.admin.id,
      tenantId: t.tenantId,
    })
    const req2 = new Request(ORIGIN, { headers: { Cookie: set2.split(';')[0] ?? '' } })
    for (let step = 0; step < 16; step++) {
      now += SESSION_IDLE_MS / 2
      if (now - Date.now() >= SESSION_ABSOLUTE_MS) break
      expect(await getSessionUser(ctx, req2)).not.toBeNull()
    }
    now = Date.now() + SESSION_ABSOLUTE_MS
    expect(await getSessionUser(ctx, req2)).toBeNull()
  })

  it('should revoke the session on logout (POST only)', async () => {
    const t = await createTestTenant()
    const cookie = t.users.admin.cookie
    const get = await appFetch('/logout', { cookie })
    expect(get.status).toBe(302)
    expect((await appFetch('/equipe', { cookie })).status).toBe(200)
    const out = await appFetch('/logout', { cookie, form: {} })
    expect(out.status).toBe(303)
    expect((await appFetch('/equipe', { cookie })).status).toBe(302)
    const rows = await t.ctx.control
      .select()
      .from(authSessions)
      .where(eq(authSessions.userId, t.users.admin.id))
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true)
  })
})

describe('CSRF', () => {
  it('should refuse a cross-origin POST with 403 and change nothing', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: t.users.admin.cookie,
      origin: 'https://evil.example',
      form: { intent: 'deactivate', userId: t.users.operator.id },
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Pedido recusado')
    const op = await t.ctx.control.select().from(users).where(eq(users.id, t.users.operator.id)).get()
    expect(op?.active).toBe(true)
  })

  it('should refuse a POST with neither Origin nor Sec-Fetch-Site, and accept same-origin fetch metadata', async () => {
    const t = await createTestTenant()
    const none = await appFetch('/logout', { cookie: t.users.viewer.cookie, origin: null, form: {} })
    expect(none.status).toBe(403)
    const meta = await appFetch('/logout', {
      cookie: t.users.viewer.cookie,
      origin: null,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
      form: {},
    })
    expect(meta.status).toBe(303)
  })
})
