// The health loop, a number WhatsApp logs out: status changes (duplicated and out of order) are
// flaps counted once; a number that asks for a QR code again after having worked is blocked, its
// backlog goes to the healthy number and nobody is messaged twice; it is never resumed by itself,
// not even once paired again; an admin's "Retomar mesmo assim" is refused while it is not connected
// and, once connected, resumes it on a ramp, recorded with who. The health page shows all of it.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { DEFAULT_HEALTH_CONFIG, evidenceWindows } from '../../app/core/guard/health'
import { measureSession } from '../../app/core/health/measure.server'
import { applySessionStatus } from '../../app/core/sessions/live-state.server'
import { wahaSessions } from '../../db/schema'
import { healthNotes, healthRow, runCron, sessionEvents, sessionRow } from './health-support'
import { appFetch, ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, simJson, statusCounts, waitFor } from './helpers/engine'
import { flashOf } from './sessions-fake-waha'

async function sentPerChat(sessionNames: string[]) {
  const out = new Map<string, number>()
  for (const name of sessionNames) {
    const r = await simJson<{ byChat: Record<string, { sent: number }> }>(`/_sim/sends?session=${name}`)
    for (const [chat, v] of Object.entries(r.byChat)) out.set(chat, (out.get(chat) ?? 0) + v.sent)
  }
  return out
}

describe('a logged-out number', () => {
  it('is blocked, hands its backlog over, never resumes by itself, and an admin resumes it only once connected', async () => {
    const f = await createEngineFixture({ contacts: 24, sessions: 2, seed: 2231 })
    const [a, b] = f.sessions as [{ id: string; sessionName: string }, { id: string; sessionName: string }]
    const ctx = f.tenant.ctx
    await ctx.db
      .update(wahaSessions)
      .set({ minDelayS: 1, maxDelayS: 1, lastConnectedAt: Date.now() - 60_000 })
      .where(eq(wahaSessions.id, a.id))
    const scope = scopeTo(ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 2, 'first sends')

    // WhatsApp unlinks the device: FAILED, then a QR code. The webhooks come twice and out of order.
    await simJson('/_sim/failures', {
      method: 'POST',
      body: JSON.stringify({ session: a.sessionName, kind: 'logged-out' }),
    })
    const row = (await ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, a.id)).get())!
    const t0 = Date.now() - 10_000
    await applySessionStatus(ctx, row, { status: 'FAILED', at: t0, source: 'webhook' })
    await applySessionStatus(ctx, row, { status: 'SCAN_QR_CODE', at: t0 + 1_000, source: 'webhook' })
    await applySessionStatus(ctx, row, { status: 'FAILED', at: t0, source: 'webhook' })
    await applySessionStatus(ctx, row, { status: 'SCAN_QR_CODE', at: t0 + 1_000, source: 'webhook' })
    const windows = evidenceWindows(Date.now(), DEFAULT_HEALTH_CONFIG)
    expect((await measureSession(ctx, { tenantId: f.tenant.tenantId }, a.id, windows, true)).long.flaps).toBe(
      2,
    )

    await waitFor(async () => (await healthRow(a.id))?.state === 'bloqueado', 'blocked')
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      45_000,
    )
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 24 })
    for (const [chat, n] of await sentPerChat([a.sessionName, b.sessionName]))
      expect(n, chat).toBeLessThanOrEqual(1)
    expect((await healthNotes(f.campaignId)).map((n) => n.action)).toContain('block')

    // The page says it, in words; the admin's resume is refused while the number is not connected.
    const page = await (
      await appFetch(`/integracoes/sessoes/${a.id}/saude`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(page).toContain('Bloqueado')
    expect(page).toContain('O WhatsApp desconectou este número')
    expect(page).toContain('data-testid="health-chart"')
    expect(page).not.toContain('Retomar mesmo assim')
    const viewer = await appFetch(`/integracoes/sessoes/${a.id}/saude`, {
      cookie: f.tenant.users.viewer.cookie,
      form: { intent: 'release' },
    })
    expect(viewer.status).toBe(403)
    const refused = await appFetch(`/integracoes/sessoes/${a.id}/saude`, {
      cookie: f.tenant.users.admin.cookie,
      form: { intent: 'release' },
    })
    expect(flashOf(refused)).toEqual({
      kind: 'error',
      message: 'health.release.notWorking',
      vars: { status: 'Aguardando QR code' },
    })
    expect((await healthRow(a.id))!.state).toBe('bloqueado')

    // The dashboard and the campaign's history say it too.
    const home = await (await appFetch('/', { cookie: f.tenant.users.viewer.cookie })).text()
    expect(home).toMatch(/data-testid="session-health"[^>]*>Bloqueado · Nota 0 de 100/)
    const campaignPage = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(campaignPage).toContain('Saúde do número')
    expect(campaignPage).toContain(`“Sessão ${a.sessionName}” foi bloqueado (nota 0)`)

    // Paired again: still blocked, by the status change and by the cron.
    await applySessionStatus(ctx, row, { status: 'WORKING', at: Date.now(), source: 'poll' })
    await runCron()
    expect((await healthRow(a.id))!.state).toBe('bloqueado')
    expect((await sessionRow(a.id))!.paused_until!).toBeGreaterThan(Date.now() + 24 * 3_600_000)

    // The admin resumes it: on a ramp, the pause lifted, recorded with who.
    const released = await appFetch(`/integracoes/sessoes/${a.id}/saude`, {
      cookie: f.tenant.users.admin.cookie,
      form: { intent: 'release' },
    })
    expect(flashOf(released)).toMatchObject({ kind: 'success', message: 'health.release.done' })
    const health = (await healthRow(a.id))!
    expect(health.state).toBe('saudavel')
    expect(health.ramp_started_at).not.toBeNull()
    expect((await sessionRow(a.id))!.paused_until).toBeNull()
    const release = (await sessionEvents(a.id, 'guard')).filter(
      (e) => JSON.parse(e.detail!).action === 'release',
    )
    expect(release).toEqual([expect.objectContaining({ user_id: f.tenant.users.admin.id })])
    // A second click finds nothing to resume.
    const again = await appFetch(`/integracoes/sessoes/${a.id}/saude`, {
      cookie: f.tenant.users.admin.cookie,
      form: { intent: 'release' },
    })
    expect(flashOf(again)).toMatchObject({ kind: 'error', message: 'health.release.nothing' })
    const after = await (
      await appFetch(`/integracoes/sessoes/${a.id}/saude`, { cookie: f.tenant.users.admin.cookie })
    ).text()
    expect(after).toContain('Retomar mesmo assim')
    expect(after).toMatch(/foi retomado por/)
    expect(after).toMatch(/foi bloqueado/)
  })
})
