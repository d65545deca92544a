// Session truth against the real WAHA simulator: when WAHA no longer knows a session (deleted there,
// or a restart without its session store), the list and the page say so instead of "Conectada", the
// router and the sender give it no work, and "Recriar no WAHA" registers it again under the same name
// with our webhook and its HMAC secret, then the QR; once it works again (webhook or poll), the last
// error and the pause the session not working caused are gone.

import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { NO_SESSION_REASON, routeSendJobs, type SenderJob } from '../../app/core/sending/router.server'
import { isSessionHealthy, pauseSession } from '../../app/core/sending/session-config.server'
import { NOT_FOUND_MESSAGE, NOT_FOUND_STATUS } from '../../app/core/sessions/session-truth'
import { sessionNotWorking } from '../../app/core/waha/error-builders'
import { SESSION_NOT_FOUND } from '../../app/core/waha/errors'
import { ptText } from '../../app/i18n'
import { campaigns, wahaSessions } from '../../db/schema'
import { appFetch, ORIGIN, sessionDb } from './helpers/app'
import { createEngineFixture, sim, simJson, waitFor } from './helpers/engine'
import { flashOf, statusWebhook } from './sessions-fake-waha'

type SimSession = {
  name: string
  status: string
  config?: { webhooks?: { url: string; events: string[]; hmac?: { key: string } }[] }
}

const rowOf = async (id: string) =>
  (await sessionDb(id)).select().from(wahaSessions).where(eq(wahaSessions.id, id)).get()

/** A tenant with one paired, WORKING session on the simulator and a running campaign over it. */
async function arrange() {
  const f = await createEngineFixture({ contacts: 2 })
  const session = f.sessions[0]!
  await f.tenant.ctx.db.update(campaigns).set({ status: 'running' }).where(eq(campaigns.id, f.campaignId))
  return { ...f, session, path: `/integracoes/sessoes/${session.id}` }
}

/** WAHA forgets the session (what a restart without a session store looks like from outside). */
async function forgetOnWaha(sessionName: string) {
  expect((await sim(`/api/sessions/${sessionName}`, { method: 'DELETE' })).status).toBe(200)
  expect((await sim(`/api/sessions/${sessionName}`)).status).toBe(404)
}

/** The live state is older than a minute, so the next page view asks WAHA. */
async function makeStale(sessionId: string, status: string) {
  await env.SENDER_SESSION.getByName(sessionId).setState({ status }, Date.now() - 120_000)
}

/** Which sessions the router hands one job of the campaign to. */
async function routedTo(f: Awaited<ReturnType<typeof arrange>>): Promise<string[]> {
  const delivered: string[] = []
  const deliver = async (sessionId: string, _jobs: SenderJob[]) => {
    delivered.push(sessionId)
  }
  await routeSendJobs(
    f.tenant.ctx,
    [{ type: 'send', v: 1, tenantId: f.tenant.tenantId, campaignId: f.campaignId, messageId: 1 }],
    deliver,
  )
  return delivered
}

describe('a session WAHA no longer knows', () => {
  it('should say "Não encontrada no WAHA" on the list and the page, and get no work', async () => {
    const f = await arrange()
    const viewer = f.tenant.users.viewer.cookie
    expect(await routedTo(f)).toEqual([f.session.id])
    await forgetOnWaha(f.session.sessionName)
    await makeStale(f.session.id, 'WORKING')

    const list = await (await appFetch('/integracoes/sessoes', { cookie: viewer })).text()
    const row = /<tr[^>]*data-testid="session-row-[^"]*"[\s\S]*?<\/tr>/.exec(list)?.[0] ?? ''
    expect(row).toContain(`data-status="${NOT_FOUND_STATUS}"`)
    expect(row).toContain('Não encontrada no WAHA')
    expect(row).not.toContain('Conectada')
    expect(row).toContain('O servidor WAHA não tem mais esta sessão')

    const stored = await rowOf(f.session.id)
    expect(stored).toMatchObject({ status: NOT_FOUND_STATUS, lastError: NOT_FOUND_MESSAGE })
    expect(isSessionHealthy(stored!, Date.now())).toBe(false)
    expect((await env.SENDER_SESSION.getByName(f.session.id).getState()).status).toBe(NOT_FOUND_STATUS)

    const page = await (await appFetch(f.path, { cookie: viewer })).text()
    expect(page).toMatch(/data-testid="session-status" data-status="NOT_FOUND"[^>]*>Não encontrada no WAHA</)
    expect(page).toContain('O servidor WAHA não tem mais esta sessão')
    expect(page).not.toContain('Não foi possível consultar o WAHA')
    expect(page).not.toContain('value="recreate"')
    const admin = await (await appFetch(f.path, { cookie: f.tenant.users.admin.cookie })).text()
    expect(admin).toMatch(/value="recreate"[\s\S]*?Recriar no WAHA/)
    expect(admin).not.toMatch(/value="(stop|restart|logout)"/)

    // The router's truth is the same: no session left for the campaign, which pauses and says why.
    expect(await routedTo(f)).toEqual([])
    const campaign = await f.tenant.ctx.db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, f.campaignId))
      .get()
    expect(campaign).toMatchObject({ status: 'paused', pausedReason: ptText(NO_SESSION_REASON) })
  })

  it('should keep the time it was first found missing, and record it from the page commands too', async () => {
    const f = await arrange()
    const admin = f.tenant.users.admin.cookie
    await forgetOnWaha(f.session.sessionName)
    const restart = await appFetch(f.path, { cookie: admin, form: { intent: 'restart' } })
    expect(flashOf(restart)).toMatchObject({ kind: 'error', message: NOT_FOUND_MESSAGE })
    const first = await rowOf(f.session.id)
    expect(first).toMatchObject({ status: NOT_FOUND_STATUS, lastError: NOT_FOUND_MESSAGE })
    const test = await appFetch(f.path, { cookie: admin, form: { intent: 'test' } })
    expect(flashOf(test)).toMatchObject({ kind: 'error', message: 'sessions.testMissingSession' })
    expect((await rowOf(f.session.id))?.lastErrorAt).toBe(first?.lastErrorAt)
  })

  it('should not call a session missing when WAHA cannot be asked', async () => {
    const f = await arrange()
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ serverUrl: 'http://127.0.0.1:9' })
      .where(eq(wahaSessions.id, f.session.id))
    await makeStale(f.session.id, 'WORKING')
    const page = await (await appFetch(f.path, { cookie: f.tenant.users.viewer.cookie })).text()
    expect(page).toContain('Não foi possível consultar o WAHA')
    expect((await rowOf(f.session.id))?.status).toBe('WORKING')
  })
})

describe('"Recriar no WAHA"', () => {
  it('should register the same name with our webhook and secret, show the QR, and work again', async () => {
    const f = await arrange()
    const admin = f.tenant.users.admin.cookie
    await forgetOnWaha(f.session.sessionName)
    await makeStale(f.session.id, 'WORKING')
    await (await appFetch(f.path, { cookie: admin })).arrayBuffer()
    expect((await rowOf(f.session.id))?.status).toBe(NOT_FOUND_STATUS)

    const res = await appFetch(f.path, { cookie: admin, form: { intent: 'recreate' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(f.path)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.recreated' })

    // On WAHA: the same name, our per-session webhook URL, signed with the session's stored secret.
    const onWaha = await simJson<SimSession>(`/api/sessions/${f.session.sessionName}`)
    expect(onWaha.config?.webhooks).toEqual([
      expect.objectContaining({
        url: `${ORIGIN}/webhooks/waha/${f.session.id}`,
        hmac: { key: 'whsec-test' },
        events: expect.arrayContaining(['session.status', 'message.ack']),
      }),
    ])
    expect(['STARTING', 'SCAN_QR_CODE']).toContain((await rowOf(f.session.id))?.status)
    // WAHA tried to tell us about the new status at that URL.
    const deliveries = await simJson<{ url: string }[]>(
      `/_sim/webhooks?session=${f.session.sessionName}&event=session.status`,
    )
    expect(deliveries.some((d) => d.url === `${ORIGIN}/webhooks/waha/${f.session.id}`)).toBe(true)

    // The page polls WAHA while it starts, and shows the QR code.
    const live = await waitFor(async () => {
      const state = (await (await appFetch(`${f.path}/estado`, { cookie: admin })).json()) as {
        status: string
        qr: string | null
      }
      return state.status === 'SCAN_QR_CODE' && state.qr ? state : null
    }, 'the QR code')
    expect(live.qr).toMatch(/^data:image\/png;base64,/)
    expect(await routedTo(f)).toEqual([])

    // Scanned: WAHA's signed webhook (the key it was given) says WORKING.
    await simJson(`/_sim/sessions/${f.session.sessionName}/scan`, { method: 'POST', body: '{}' })
    const key = onWaha.config?.webhooks?.[0]?.hmac?.key ?? ''
    const hook = await statusWebhook(f.session.id, f.session.sessionName, 'WORKING', key)
    expect(hook.status).toBe(200)
    const working = await rowOf(f.session.id)
    expect(working).toMatchObject({ status: 'WORKING', lastError: null, lastErrorAt: null })
    const page = await (await appFetch(f.path, { cookie: admin })).text()
    expect(page).not.toContain('Último erro')
    expect(page).not.toContain('value="recreate"')
    await f.tenant.ctx.db.update(campaigns).set({ status: 'running' }).where(eq(campaigns.id, f.campaignId))
    expect(await routedTo(f)).toEqual([f.session.id])
  })

  it('should check our webhook and start the session when WAHA knows it after all', async () => {
    const f = await arrange()
    await simJson(`/api/sessions/${f.session.sessionName}/stop`, { method: 'POST' })
    const res = await appFetch(f.path, { cookie: f.tenant.users.admin.cookie, form: { intent: 'recreate' } })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.recreatedExisting' })
    const onWaha = await simJson<SimSession>(`/api/sessions/${f.session.sessionName}`)
    expect(onWaha.status).not.toBe('STOPPED')
    expect(onWaha.config?.webhooks?.map((h) => h.url)).toEqual([`${ORIGIN}/webhooks/waha/${f.session.id}`])
  })

  it('should add the events our webhook misses on a session WAHA has (poll votes), keeping other webhooks', async () => {
    const f = await arrange()
    const admin = f.tenant.users.admin.cookie
    const path = `/api/sessions/${f.session.sessionName}`
    const ourUrl = `${ORIGIN}/webhooks/waha/${f.session.id}`
    expect(
      flashOf(await appFetch(f.path, { cookie: admin, form: { intent: 'refreshWebhook' } })),
    ).toMatchObject({
      kind: 'success',
    })
    // What a session registered before polls looks like: ours without the poll events, plus another
    // tool's webhook on the same session.
    const before = await simJson<SimSession>(path)
    const ours = before.config?.webhooks?.find((h) => h.url === ourUrl)
    expect(ours?.events).toContain('poll.vote')
    const older = { ...ours!, events: ours!.events.filter((e) => !e.startsWith('poll.')) }
    const other = { url: 'http://127.0.0.1:9/outra-ferramenta', events: ['label.upsert'] }
    await simJson(path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ config: { ...before.config, webhooks: [other, older] } }),
    })

    // The migration marks such sessions (version 1): their page says so, to admins and to the others.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ webhookEventsVersion: 1 })
      .where(eq(wahaSessions.id, f.session.id))
    const page = await (await appFetch(f.path, { cookie: admin })).text()
    expect(page).toContain('data-testid="events-outdated"')
    expect(page).toContain('antes das enquetes e não recebe os votos. Use')
    const viewerPage = await (await appFetch(f.path, { cookie: f.tenant.users.viewer.cookie })).text()
    expect(viewerPage).toContain('Peça a um administrador para atualizar o webhook no WAHA.')
    expect(page).toMatch(/value="refreshWebhook"[\s\S]*?Atualizar webhook no WAHA/)
    expect(page).toContain('votos de enquete em sessões cadastradas antes das enquetes')
    const res = await appFetch(f.path, { cookie: admin, form: { intent: 'refreshWebhook' } })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.webhookEventsAdded' })
    const after = await simJson<SimSession>(path)
    expect(after.config?.webhooks?.map((h) => h.url)).toEqual([other.url, ourUrl])
    expect(after.config?.webhooks?.[1]?.events).toEqual(
      expect.arrayContaining(['poll.vote', 'poll.vote.failed']),
    )
    expect(after.config?.webhooks?.[1]?.hmac?.key).toBe(ours?.hmac?.key)
    expect((await rowOf(f.session.id))?.webhookEventsVersion).toBe(2)
    expect(await (await appFetch(f.path, { cookie: admin })).text()).not.toContain('events-outdated')

    // Up to date: the same command only checks.
    const again = await appFetch(f.path, { cookie: admin, form: { intent: 'refreshWebhook' } })
    expect(flashOf(again)).toMatchObject({ kind: 'success', message: 'sessions.recreatedExisting' })
    for (const role of ['operator', 'viewer'] as const) {
      const refused = await appFetch(f.path, {
        cookie: f.tenant.users[role].cookie,
        form: { intent: 'refreshWebhook' },
      })
      expect(refused.status).toBe(403)
    }
  })

  it('should be refused to operators and viewers', async () => {
    const f = await arrange()
    await forgetOnWaha(f.session.sessionName)
    for (const role of ['operator', 'viewer'] as const) {
      const res = await appFetch(f.path, {
        cookie: f.tenant.users[role].cookie,
        form: { intent: 'recreate' },
      })
      expect(res.status).toBe(403)
    }
    expect((await sim(`/api/sessions/${f.session.sessionName}`)).status).toBe(404)
  })
})

describe('working again clears what the session not working caused', () => {
  it('should lift a pause for a missing or unready session on a WORKING poll, and route work again', async () => {
    const f = await arrange()
    const ctx = f.tenant.ctx
    // What the sender records when a send meets a session WAHA does not know (404).
    await pauseSession(ctx, f.session.id, SESSION_NOT_FOUND, Date.now() + 365 * 86_400_000)
    expect(await routedTo(f)).toEqual([])
    await ctx.db.update(campaigns).set({ status: 'running' }).where(eq(campaigns.id, f.campaignId))
    await makeStale(f.session.id, 'WORKING')
    const page = await (await appFetch(f.path, { cookie: f.tenant.users.viewer.cookie })).text()
    expect(page).not.toContain('Último erro')
    expect(await rowOf(f.session.id)).toMatchObject({
      status: 'WORKING',
      pausedUntil: null,
      pausedReason: null,
      lastError: null,
      lastErrorAt: null,
    })
    expect(await routedTo(f)).toEqual([f.session.id])
  })

  it('should lift a not-ready pause by its code, not a sentence that only reads the same', async () => {
    const f = await arrange()
    const workingAgain = async (reason: Parameters<typeof pauseSession>[2], until: number) => {
      await pauseSession(f.tenant.ctx, f.session.id, reason, until)
      await makeStale(f.session.id, 'WORKING')
      await (await appFetch(f.path, { cookie: f.tenant.users.viewer.cookie })).arrayBuffer()
      return rowOf(f.session.id)
    }
    const notReady = sessionNotWorking('STARTING', ['WORKING'], null).text
    expect(await workingAgain(notReady, Date.now() + 600_000)).toMatchObject({ pausedUntil: null })
    const until = Date.now() + 600_000
    const sentence = ptText(SESSION_NOT_FOUND)
    expect(await workingAgain(sentence, until)).toMatchObject({ pausedUntil: until, pausedReason: sentence })
  })

  it('should keep a pause WORKING does not cure (a rate limit) and its reason as the last error', async () => {
    const f = await arrange()
    const ctx = f.tenant.ctx
    const reason = 'O WhatsApp limitou a frequência de envios ou consultas deste número.'
    const until = Date.now() + 600_000
    await pauseSession(ctx, f.session.id, reason, until)
    await makeStale(f.session.id, 'WORKING')
    await (await appFetch(f.path, { cookie: f.tenant.users.viewer.cookie })).arrayBuffer()
    expect(await rowOf(f.session.id)).toMatchObject({
      status: 'WORKING',
      pausedUntil: until,
      pausedReason: reason,
      lastError: reason,
    })
    expect(await routedTo(f)).toEqual([])
  })

  it("should clear FAILED's last error on a WORKING webhook", async () => {
    const f = await arrange()
    const failed = await statusWebhook(f.session.id, f.session.sessionName, 'FAILED', 'whsec-test')
    expect(failed.status).toBe(200)
    expect((await rowOf(f.session.id))?.lastError).toContain('A sessão falhou no WAHA')
    await new Promise((r) => setTimeout(r, 5))
    const working = await statusWebhook(f.session.id, f.session.sessionName, 'WORKING', 'whsec-test')
    expect(working.status).toBe(200)
    expect(await rowOf(f.session.id)).toMatchObject({ status: 'WORKING', lastError: null, lastErrorAt: null })
  })
})
