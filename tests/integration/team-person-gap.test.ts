// The team page's "Intervalo mínimo entre campanhas para a mesma pessoa" (tenants.person_gap_hours,
// decision 020): saved by admins from a plain post, 0..168 whole hours, refused otherwise with a pt-BR
// message and nothing saved; other roles only read it. (The engine honouring it is decision 019's.)
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { scopeTo } from '../../app/core/db/tenant.server'
import { savePersonGap } from '../../app/core/tenants/person-gap.server'
import { tenants } from '../../db/schema'
import { appFetch, createTestTenant } from './helpers/app'
import { flashOf } from './sessions-fake-waha'

const gapForm = (value: string | null) => {
  const form = new FormData()
  form.append('intent', 'personGap')
  if (value !== null) form.append('personGapHours', value)
  return form
}

describe('gap between campaigns for the same person', () => {
  it('an admin sees it (24 h by default) and saves it', async () => {
    const t = await createTestTenant()
    const page = await (await appFetch('/equipe', { cookie: t.users.admin.cookie })).text()
    expect(page).toContain('Intervalo mínimo entre campanhas para a mesma pessoa (horas)')
    expect(page).toMatch(/name="personGapHours"[^>]*value="24"|value="24"[^>]*name="personGapHours"/)
    for (const hours of ['48', '0', '168']) {
      const res = await appFetch('/equipe', { cookie: t.users.admin.cookie, form: gapForm(hours) })
      expect(res.status).toBe(303)
      expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'protection.team.saved' })
      const row = await t.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
      expect(row?.personGapHours).toBe(Number(hours))
    }
  })

  it.each(['-1', '169', '2.5', 'um dia', null])(
    'refuses %s with a clear message and keeps the saved gap',
    async (value) => {
      const t = await createTestTenant()
      const res = await appFetch('/equipe', { cookie: t.users.admin.cookie, form: gapForm(value) })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain(
        value === null ? 'Preencha este campo.' : 'Use um número inteiro de horas, de 0 a 168.',
      )
      const row = await t.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
      expect(row?.personGapHours).toBe(24)
    },
  )

  it('only admins change it; the others read it', async () => {
    const t = await createTestTenant()
    for (const role of ['operator', 'viewer'] as const) {
      const res = await appFetch('/equipe', { cookie: t.users[role].cookie, form: gapForm('2') })
      expect(res.status).toBe(403)
      const page = await (await appFetch('/equipe', { cookie: t.users[role].cookie })).text()
      expect(page).toContain('Intervalo mínimo entre campanhas para a mesma pessoa: 24 horas.')
      expect(page).not.toContain('name="personGapHours"')
    }
    const scope = scopeTo(t.ctx, t.tenantId, t.users.operator.id)
    expect(await savePersonGap(scope, 'operator', 2)).toEqual({
      ok: false,
      message: 'protection.errors.personGapAdminOnly',
    })
    const row = await t.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
    expect(row?.personGapHours).toBe(24)
  })
})
