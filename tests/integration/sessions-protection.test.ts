// The number-protection settings of a session (decision 020): warm-up, rest packages and the
// first-contact budget are saved from the form (no JS: plain posts), bad values are refused with a
// pt-BR message and nothing saved, only admins can switch the warm-up off, and the session page shows
// the warm-up plan and where the number is on it.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { scopeTo } from '../../app/core/db/tenant.server'
import { updateSession } from '../../app/core/sessions/session-update.server'
import { wahaSessions } from '../../db/schema'
import { appFetch, ORIGIN } from './helpers/app'
import { flashOf, sessionForm } from './sessions-fake-waha'
import { rowOf, savedSessionPerTest } from './sessions-support'

const sessions = savedSessionPerTest()

const PROTECTION = [
  'warmupEnabled',
  'warmupStartCap',
  'warmupDays',
  'packageMin',
  'packageMax',
  'restMinMin',
  'restMaxMin',
  'firstContactDailyBudget',
  'dailyCap',
  'displayName',
] as const

const protectionOf = (row: Record<string, unknown> | undefined) =>
  Object.fromEntries(PROTECTION.map((k) => [k, row?.[k]]))

const edit = (over: Record<string, string | null>) =>
  sessionForm({ intent: 'update', apiKey: '', sessionName: null, ...over })

describe('session protection settings', () => {
  it('saves warm-up, rest packages and the first-contact budget', async () => {
    const { t, s, path } = await sessions.arrange()
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: edit({
        dailyCap: '300',
        warmupStartCap: '15',
        warmupDays: '10',
        packageMin: '8',
        packageMax: '12',
        restMinMin: '3',
        restMaxMin: '9',
        firstContactDailyBudget: '25',
      }),
    })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success' })
    expect(await rowOf(t, s.id)).toMatchObject({
      dailyCap: 300,
      warmupEnabled: true,
      warmupStartCap: 15,
      warmupDays: 10,
      packageMin: 8,
      packageMax: 12,
      restMinMin: 3,
      restMaxMin: 9,
      firstContactDailyBudget: 25,
    })
    // 0/0 packages: no rests.
    const off = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: edit({ packageMin: '0', packageMax: '0', restMinMin: '0', restMaxMin: '0' }),
    })
    expect(off.status).toBe(303)
    expect(await rowOf(t, s.id)).toMatchObject({ packageMin: 0, packageMax: 0 })
  })

  it.each([
    [{ warmupDays: '0' }, 'Use um número inteiro de dias, de 1 a 365.'],
    [{ warmupDays: '-2' }, 'Use um número inteiro de dias, de 1 a 365.'],
    [{ warmupStartCap: '600' }, 'O primeiro dia do aquecimento não pode passar do limite diário.'],
    [
      { dailyCap: '10', warmupStartCap: '20' },
      'O primeiro dia do aquecimento não pode passar do limite diário.',
    ],
    [{ packageMin: '50', packageMax: '10' }, 'O máximo do pacote deve ser maior ou igual ao mínimo.'],
    [{ packageMin: '0', packageMax: '10' }, 'Para não pausar, use 0 no mínimo e no máximo do pacote'],
    [{ restMinMin: '30', restMaxMin: '5' }, 'O máximo da pausa deve ser maior ou igual ao mínimo.'],
    [{ firstContactDailyBudget: '-1' }, 'Use um número inteiro de 0 (sem limite) a 100.000.'],
    [{ warmupStartCap: 'vinte' }, 'Use um número inteiro de mensagens, de 1 a 100.000.'],
  ])('refuses %o with a clear message and saves nothing', async (over, message) => {
    const { t, s, path } = await sessions.arrange()
    const before = protectionOf(await rowOf(t, s.id))
    // Every other field changes too: none of it may be saved.
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: edit({ displayName: 'Nome novo', warmupEnabled: null, firstContactDailyBudget: '99', ...over }),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(message)
    expect(protectionOf(await rowOf(t, s.id))).toEqual(before)
  })

  it('lets an admin switch the warm-up off, with a visible warning', async () => {
    const { t, s, path } = await sessions.arrange()
    const page = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(page).toContain('Desligar o aquecimento (só administradores)')
    const res = await appFetch(path, { cookie: t.users.admin.cookie, form: edit({ warmupEnabled: null }) })
    expect(res.status).toBe(303)
    expect((await rowOf(t, s.id))?.warmupEnabled).toBe(false)
    const after = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(after).toContain('Atenção: o aquecimento está desligado.')
    expect(after).toContain('Aquecimento desligado: o limite diário cheio vale desde o primeiro dia.')
  })

  it('does not let anyone but an admin switch the warm-up off', async () => {
    const { t, s, path } = await sessions.arrange()
    for (const role of ['operator', 'viewer'] as const) {
      const res = await appFetch(path, { cookie: t.users[role].cookie, form: edit({ warmupEnabled: null }) })
      expect(res.status).toBe(403)
    }
    expect((await rowOf(t, s.id))?.warmupEnabled).toBe(true)
    // The core refuses it too, whoever calls it.
    const scope = scopeTo(t.ctx, t.tenantId, t.users.operator.id)
    const row = await rowOf(t, s.id)
    const result = await updateSession(
      scope,
      s.id,
      {
        intent: 'update',
        displayName: 'X',
        serverUrl: row!.serverUrl,
        isPrimary: false,
        failoverEnabled: true,
        failoverPriority: 1,
        maxPerMinute: 10,
        minDelayS: 30,
        maxDelayS: 60,
        dailyCap: 500,
        windowDays: [1],
        windowStart: '08:00',
        windowEnd: '20:00',
        mediaMode: 'url',
        warmupEnabled: false,
        warmupStartCap: 20,
        warmupDays: 14,
        packageMin: 20,
        packageMax: 40,
        restMinMin: 5,
        restMaxMin: 15,
        firstContactDailyBudget: 50,
      },
      { origin: ORIGIN, role: 'operator' },
    )
    expect(result).toMatchObject({
      ok: false,
      field: 'warmupEnabled',
      message: 'protection.errors.warmupOffAdminOnly',
    })
    expect(await rowOf(t, s.id)).toMatchObject({ warmupEnabled: true, displayName: row!.displayName })
  })

  it('shows the warm-up plan and where the number is on it', async () => {
    const { t, s, path } = await sessions.arrange()
    const day = 24 * 3600 * 1000
    await t.ctx.db
      .update(wahaSessions)
      .set({ firstConnectedAt: Date.now() - 2 * day, warmupStartCap: 10, warmupDays: 5, dailyCap: 100 })
      .where(eq(wahaSessions.id, s.id))
    for (const cookie of [t.users.admin.cookie, t.users.viewer.cookie]) {
      const html = await (await appFetch(path, { cookie })).text()
      expect(html).toContain('data-testid="warmup-plan"')
      expect(html).toContain('Dia 3 de 5 do aquecimento.')
      // 10 → 100 in 5 days, geometric: day 3 = floor(10 * 10^(2/5)) = 25.
      expect(html).toContain('Limite de hoje: 25 mensagens.')
      expect(html).toContain('Enviadas hoje: 0 mensagens.')
    }
    // The sessions list counts today's sends against today's (warm-up) cap.
    const list = await (await appFetch('/integracoes/sessoes', { cookie: t.users.admin.cookie })).text()
    expect(list).toContain('0 de 25')
    await t.ctx.db
      .update(wahaSessions)
      .set({ firstConnectedAt: Date.now() - 9 * day })
      .where(eq(wahaSessions.id, s.id))
    const done = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(done).toContain('Aquecimento concluído')
    expect(done).toContain('Limite de hoje: 100 mensagens.')
    const after = await (await appFetch('/integracoes/sessoes', { cookie: t.users.admin.cookie })).text()
    expect(after).toContain('0 de 100')
  })
})
