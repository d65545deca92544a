// Integrações → API: admins create a token (shown once, stored hashed), see it listed, revoke it with a
// confirmation; other roles are refused; a cross-site POST is refused like every form.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { parseToken } from '../../app/core/api/token-format'
import { apiTokens, auditLog } from '../../db/schema'
import { flashOf } from './contacts-support'
import { apiFetch } from './helpers/api'
import { appFetch, createTestTenant } from './helpers/app'

const PATH = '/integracoes/api'

function scopesForm(name: string, scopes: string[]): FormData {
  const form = new FormData()
  form.set('intent', 'create')
  form.set('name', name)
  for (const s of scopes) form.append('scopes', s)
  return form
}

function tokenIn(html: string): string | null {
  return /dsp_live_[0-9a-z]{68}/.exec(html)?.[0] ?? null
}

describe('API tokens page', () => {
  it('should show a new token once, store only its hash, and list it', async () => {
    const t = await createTestTenant()
    const cookie = t.users.admin.cookie
    const empty = await appFetch(PATH, { cookie })
    expect(empty.status).toBe(200)
    const emptyHtml = await empty.text()
    expect(emptyHtml).toContain('Nenhum token criado ainda.')
    // every scope the API has is offered, with its Portuguese label
    for (const label of [
      'Ler contatos, listas, etiquetas e segmentos',
      'Ver campanhas, suas mensagens e as respostas recebidas',
      'Criar, agendar, enviar, pausar, retomar e cancelar campanhas',
      'Gerenciar os webhooks: criar, alterar e excluir endpoints, trocar o segredo de assinatura, ver as entregas, reenviar e mandar evento de teste',
    ])
      expect(emptyHtml).toContain(label)

    const res = await appFetch(PATH, {
      cookie,
      form: scopesForm('CRM da loja', ['contacts:read', 'contacts:write']),
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    const token = tokenIn(html)
    expect(token).not.toBeNull()
    expect(html).toContain('Copie agora')

    const row = await t.ctx.control
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, parseToken(token!)!.rowId))
      .get()
    expect(row).toMatchObject({
      name: 'CRM da loja',
      scopes: ['contacts:read', 'contacts:write'],
      revokedAt: null,
    })
    expect(JSON.stringify(row)).not.toContain(parseToken(token!)!.secret)
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.tenantId, t.tenantId))
    expect(JSON.stringify(audit)).not.toContain(token!.slice(9))

    const again = await appFetch(PATH, { cookie })
    const page = await again.text()
    expect(tokenIn(page)).toBeNull()
    expect(page).toContain('CRM da loja')
    expect(page).toContain(`termina em ${token!.slice(-4)}`)
    expect(page).toContain('Ativo')

    expect((await apiFetch('/lists', { token })).status).toBe(200)
    const used = await appFetch(PATH, { cookie })
    expect(await used.text()).not.toContain('nunca')
  })

  it('should refuse a form without scopes or with a past expiry, and keep nothing', async () => {
    const t = await createTestTenant()
    const cookie = t.users.admin.cookie
    const noScope = await appFetch(PATH, { cookie, form: { intent: 'create', name: 'Sem escopo' } })
    expect(noScope.status).toBe(400)
    expect(await noScope.text()).toContain('Marque pelo menos uma permissão.')
    const past = await appFetch(PATH, {
      cookie,
      form: { intent: 'create', name: 'Velho', scopes: 'contacts:read', expiresOn: '2020-01-01' },
    })
    expect(past.status).toBe(400)
    expect(await past.text()).toContain('Escolha uma data depois de hoje.')
    const unknownScope = await appFetch(PATH, {
      cookie,
      form: { intent: 'create', name: 'X', scopes: 'admin:all' },
    })
    expect(unknownScope.status).toBe(400)
    await unknownScope.arrayBuffer()
    expect(await t.ctx.control.select().from(apiTokens).where(eq(apiTokens.tenantId, t.tenantId))).toEqual([])
  })

  it('should create a token with an expiry date that works until then', async () => {
    const t = await createTestTenant()
    const res = await appFetch(PATH, {
      cookie: t.users.admin.cookie,
      form: { intent: 'create', name: 'Temporário', scopes: 'contacts:read', expiresOn: '2099-12-31' },
    })
    const token = tokenIn(await res.text())
    const row = await t.ctx.control
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, parseToken(token!)!.rowId))
      .get()
    // the end of 31/12/2099 in Brasília (UTC-3)
    expect(row?.expiresAt).toBe(Date.UTC(2100, 0, 1, 3))
    expect((await apiFetch('/lists', { token })).status).toBe(200)
  })

  it('should revoke only with the confirmation, and the token stops working at once', async () => {
    const t = await createTestTenant()
    const cookie = t.users.admin.cookie
    const made = await appFetch(PATH, {
      cookie,
      form: { intent: 'create', name: 'Integração', scopes: 'contacts:read' },
    })
    const token = tokenIn(await made.text())!
    const id = parseToken(token)!.rowId
    const unconfirmed = await appFetch(PATH, { cookie, form: { intent: 'revoke', id } })
    expect(unconfirmed.status).toBe(303)
    expect(flashOf(unconfirmed)).toMatchObject({ kind: 'error' })
    expect((await apiFetch('/lists', { token })).status).toBe(200)

    const revoked = await appFetch(PATH, { cookie, form: { intent: 'revoke', id, confirm: 'on' } })
    expect(revoked.status).toBe(303)
    expect(flashOf(revoked)).toMatchObject({ kind: 'success', message: 'api.tokens.revoked' })
    expect((await apiFetch('/lists', { token })).status).toBe(401)
    const page = await (await appFetch(PATH, { cookie })).text()
    expect(page).toContain('Revogado')
  })

  it('should refuse operators and viewers (page and action), and a cross-site POST', async () => {
    const t = await createTestTenant()
    for (const role of ['operator', 'viewer'] as const) {
      const cookie = t.users[role].cookie
      const get = await appFetch(PATH, { cookie })
      expect(get.status, role).toBe(403)
      await get.arrayBuffer()
      const post = await appFetch(PATH, {
        cookie,
        form: { intent: 'create', name: 'X', scopes: 'contacts:read' },
      })
      expect(post.status, role).toBe(403)
      await post.arrayBuffer()
      const home = await (await appFetch('/', { cookie })).text()
      expect(home).not.toContain(`href="${PATH}"`)
    }
    const adminHome = await (await appFetch('/', { cookie: t.users.admin.cookie })).text()
    expect(adminHome).toContain(`href="${PATH}"`)
    const forged = await appFetch(PATH, {
      cookie: t.users.admin.cookie,
      origin: 'https://evil.example',
      form: { intent: 'create', name: 'X', scopes: 'contacts:read' },
    })
    expect(forged.status).toBe(403)
    await forged.arrayBuffer()
    const noOrigin = await appFetch(PATH, {
      cookie: t.users.admin.cookie,
      origin: null,
      form: { intent: 'create', name: 'X', scopes: 'contacts:read' },
    })
    expect(noOrigin.status).toBe(403)
    await noOrigin.arrayBuffer()
    expect(await t.ctx.control.select().from(apiTokens).where(eq(apiTokens.tenantId, t.tenantId))).toEqual([])
  })
})
