// A saved session's page: lifecycle commands on WAHA, "Testar conexão", pairing code, the live QR
// resource route and delete (with the local-only fallback when WAHA is unreachable). Roles: only
// admins change anything.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { routeOf } from '../../app/core/db/shards.server'
import { appFetch, cookieFrom, testContext } from './helpers/app'
import { EXAMPLES, flashOf, sessionForm, WAHA_KEY, WAHA_SESSION, withStatus } from './sessions-fake-waha'
import { rowOf, savedSessionPerTest } from './sessions-support'

const sessions = savedSessionPerTest()
const arrange = sessions.arrange

describe('session lifecycle', () => {
  it.each([
    ['stop', `/api/sessions/${WAHA_SESSION}/stop`, 'STOPPED', 'sessions.stopped'],
    ['start', `/api/sessions/${WAHA_SESSION}/start`, 'STARTING', 'sessions.started'],
    ['restart', `/api/sessions/${WAHA_SESSION}/restart`, 'STARTING', 'sessions.restarted'],
    ['logout', `/api/sessions/${WAHA_SESSION}/logout`, 'STARTING', 'sessions.loggedOut'],
  ])(
    'should %s on WAHA and mirror the status in D1 and the Durable Object',
    async (intent, wahaPath, status, message) => {
      const { t, s, path } = await arrange()
      const res = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent } })
      expect(res.status).toBe(303)
      expect(res.headers.get('Location')).toBe(path)
      expect(flashOf(res)).toMatchObject({ kind: 'success', message })
      expect(sessions.waha?.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${wahaPath}`])
      expect(sessions.waha?.calls[0]?.headers.get('x-api-key')).toBe(WAHA_KEY)
      expect((await rowOf(t, s.id))?.status).toBe(status)
      expect((await env.SENDER_SESSION.getByName(s.id).getState()).status).toBe(status)
    },
  )

  it('should explain a WAHA failure and change nothing', async () => {
    const { t, s, path } = await arrange()
    sessions.waha?.setDown(true)
    const res = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'stop' } })
    expect(flashOf(res)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('Não foi possível conectar ao servidor WAHA'),
    })
    expect((await rowOf(t, s.id))?.status).toBe('WORKING')
  })

  it('should test the connection and report version, engine and session status', async () => {
    const { t, path } = await arrange()
    const res = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'test' } })
    expect(flashOf(res)).toMatchObject({
      kind: 'success',
      message: 'sessions.testOk',
      vars: expect.objectContaining({ version: '2026.7.1', engine: 'GOWS', status: 'WORKING' }),
    })
    const page = await (
      await appFetch(path, { cookie: `${t.users.admin.cookie}; ${cookieFrom(res)}` })
    ).text()
    expect(page).toContain('Conexão OK: WAHA 2026.7.1 (GOWS)')
    sessions.waha?.reply('GET', `/api/sessions/${WAHA_SESSION}`, { status: 404, body: EXAMPLES.err404 })
    const missing = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'test' } })
    expect(flashOf(missing)).toMatchObject({ kind: 'error', message: 'sessions.testMissingSession' })
    sessions.waha?.reply('GET', '/api/server/version', { status: 401, body: EXAMPLES.err401 })
    const denied = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'test' } })
    expect(flashOf(denied)?.message).toContain('recusou a chave de API')
  })

  it('should show the QR code while WAHA waits for it and poll WAHA through the resource route', async () => {
    const { t, s, path } = await arrange('STARTING')
    sessions.waha?.reply('GET', `/api/sessions/${WAHA_SESSION}`, {
      status: 200,
      body: withStatus(EXAMPLES.got, 'SCAN_QR_CODE'),
    })
    const res = await appFetch(`${path}/estado`, { cookie: t.users.viewer.cookie })
    expect(res.status).toBe(200)
    const live = (await res.json()) as { status: string; qr: string | null }
    expect(live.status).toBe('SCAN_QR_CODE')
    expect(live.qr).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    expect(
      sessions.waha?.calls.find((c) => c.path === `/api/${WAHA_SESSION}/auth/qr`)?.headers.get('accept'),
    ).toBe('application/json')
    expect((await rowOf(t, s.id))?.status).toBe('SCAN_QR_CODE')
    expect((await env.SENDER_SESSION.getByName(s.id).getState()).qr).toBe(live.qr)
    // Without JS the page refreshes itself every 5 s while waiting.
    const html = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('data-testid="session-qr"')
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="5"\/?><\/noscript>/)
    // Once WAHA says WORKING, the QR is gone and the phone is recorded.
    sessions.waha?.reply('GET', `/api/sessions/${WAHA_SESSION}`, { status: 200, body: EXAMPLES.got })
    const working = (await (
      await appFetch(`${path}/estado`, { cookie: t.users.viewer.cookie })
    ).json()) as Record<string, unknown>
    expect(working).toMatchObject({ status: 'WORKING', qr: null, phone: '+5511999990000' })
    expect(await env.SENDER_SESSION.getByName(s.id).getState()).toMatchObject({ status: 'WORKING', qr: null })
    expect((await rowOf(t, s.id))?.lastConnectedAt).toBeGreaterThan(0)
    const after = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
    expect(after).not.toContain('http-equiv="refresh"')
  })

  it('should say so when WAHA cannot be asked, keeping the last known state', async () => {
    const { t, path } = await arrange('STARTING')
    sessions.waha?.setDown(true)
    const live = (await (
      await appFetch(`${path}/estado`, { cookie: t.users.admin.cookie })
    ).json()) as Record<string, unknown>
    expect(live).toMatchObject({
      status: 'STARTING',
      pollError: expect.stringContaining('Não foi possível conectar'),
    })
  })

  it('should request a pairing code and show it on the page', async () => {
    const { t, path } = await arrange('SCAN_QR_CODE')
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: { intent: 'pairingCode', phone: '+55 (11) 99999-0000' },
    })
    expect(res.status).toBe(303)
    expect(sessions.waha?.calls.find((c) => c.path.endsWith('/auth/request-code'))?.body).toEqual({
      phoneNumber: '5511999990000',
    })
    const cookie = `${t.users.admin.cookie}; ${cookieFrom(res)}`
    sessions.waha?.reply('GET', `/api/sessions/${WAHA_SESSION}`, {
      status: 200,
      body: withStatus(EXAMPLES.got, 'SCAN_QR_CODE'),
    })
    expect(await (await appFetch(path, { cookie })).text()).toContain('ABCD-EFGH')
    const bad = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: { intent: 'pairingCode', phone: '123' },
    })
    expect(flashOf(bad)).toMatchObject({ kind: 'error', message: 'sessions.errors.pairingPhone' })
  })

  it('should delete on WAHA and in Disparo', async () => {
    const { t, s, path } = await arrange()
    expect(await routeOf(testContext(), 'session', s.id)).toBe(t.tenantId)
    const res = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'delete' } })
    expect(res.headers.get('Location')).toBe('/integracoes/sessoes')
    // Its webhook route goes with it (decision 043).
    expect(await routeOf(testContext(), 'session', s.id)).toBeNull()
    expect(sessions.waha?.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `DELETE /api/sessions/${WAHA_SESSION}`,
    ])
    expect(await rowOf(t, s.id)).toBeUndefined()
    expect((await appFetch(path, { cookie: t.users.admin.cookie })).status).toBe(404)
  })

  it('should ask before removing only from Disparo when WAHA is unreachable', async () => {
    const { t, s, path } = await arrange()
    sessions.waha?.setDown(true)
    const res = await appFetch(path, { cookie: t.users.admin.cookie, form: { intent: 'delete' } })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Remover só do Disparo')
    expect(html).toContain('Não foi possível conectar ao servidor WAHA')
    expect(await rowOf(t, s.id)).toBeDefined()
    const calls = sessions.waha?.calls.length
    const forced = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: { intent: 'delete', force: '1' },
    })
    expect(flashOf(forced)).toMatchObject({ kind: 'success', message: 'sessions.deletedLocal' })
    expect(sessions.waha?.calls.length).toBe(calls)
    expect(await rowOf(t, s.id)).toBeUndefined()
  })

  it('should refuse commands and edits from operators and viewers but show them the page', async () => {
    const { t, s, path } = await arrange()
    for (const role of ['operator', 'viewer'] as const) {
      const cookie = t.users[role].cookie
      for (const intent of ['stop', 'delete', 'test']) {
        expect((await appFetch(path, { cookie, form: { intent } })).status).toBe(403)
      }
      expect(
        (await appFetch(path, { cookie, form: sessionForm({ intent: 'update', displayName: 'X' }) })).status,
      ).toBe(403)
      const page = await appFetch(path, { cookie })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('Loja Centro')
      expect(html).not.toContain('Excluir sessão')
    }
    expect(sessions.waha?.calls).toEqual([])
    expect((await rowOf(t, s.id))?.displayName).toBe('Loja Centro')
  })
})
