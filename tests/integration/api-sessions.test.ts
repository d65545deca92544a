// /api/v1/sessions through the real Worker, D1, the SenderSession object and the WAHA simulator:
// created with the form's rules (key write-only), its QR code and pairing code, scanned to WORKING,
// stopped, started, deleted from WAHA; bad input, scopes and another team's session refused.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { randomToken } from '../../app/core/crypto/secrets'
import { createWahaSession } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'
import { sim, simJson, waitFor } from './helpers/engine'

const SIM_KEY = 'disparo-dev-key'
type Session = {
  id: string
  status: string
  phone: string | null
  apiKeyTail: string | null
  health: unknown
}
type Live = { status: string; qr: string | null; phone: string | null }
type Problem = {
  status: number
  type: string
  detail: string
  errors?: { pointer: string; code: string; detail: string }[]
}

describe('API sessions', () => {
  it('should create a session on WAHA, show its QR and pairing code, connect, stop, start and delete it', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant, ['sessions:manage'])
    const sessionName = `api_${randomToken(6).replace(/[^a-zA-Z0-9]/g, 'x')}`
    const res = await apiFetch('/sessions', {
      token,
      headers: { 'Idempotency-Key': `criar-${sessionName}` },
      json: {
        displayName: 'Loja API',
        serverUrl: env.WAHA_SIM_URL,
        sessionName,
        apiKey: SIM_KEY,
        minDelayS: 5,
        maxDelayS: 10,
      },
    })
    const raw = await res.clone().text()
    expect(res.status, raw).toBe(201)
    expect(raw).not.toContain(SIM_KEY)
    const made = (await expectDocumented(res, 'POST', '/sessions')) as Session
    expect(made.apiKeyTail).toMatch(/key$/)

    const waiting = await waitFor(async () => {
      const live = await apiFetch(`/sessions/${made.id}/live`, { token })
      const body = (await expectDocumented(live, 'GET', '/sessions/{id}/live')) as Live
      return body.status === 'SCAN_QR_CODE' && body.qr ? body : null
    }, 'QR code')
    expect(waiting.qr).toMatch(/^data:image\//)
    const code = await apiFetch(`/sessions/${made.id}/pairing-code`, {
      token,
      json: { phone: '+55 11 98765-4321' },
    })
    expect(code.status).toBe(200)
    expect(
      ((await expectDocumented(code, 'POST', '/sessions/{id}/pairing-code')) as { code: string }).code,
    ).toMatch(/\S/)

    await simJson(`/_sim/sessions/${sessionName}/scan`, { method: 'POST', body: '{}' })
    await waitFor(async () => {
      const live = (await (await apiFetch(`/sessions/${made.id}/live`, { token })).json()) as Live
      return live.status === 'WORKING'
    }, 'WORKING')
    const listed = await apiFetch('/sessions', { token })
    const sessions = (await expectDocumented(listed, 'GET', '/sessions')) as Session[]
    expect(sessions).toEqual([expect.objectContaining({ id: made.id, status: 'WORKING' })])

    const stop = await apiFetch(`/sessions/${made.id}/stop`, { token, method: 'POST' })
    expect(((await expectDocumented(stop, 'POST', '/sessions/{id}/stop')) as Session).status).toBe('STOPPED')
    const start = await apiFetch(`/sessions/${made.id}/start`, { token, method: 'POST' })
    expect(start.status).toBe(200)
    expect(((await start.json()) as Session).status).not.toBe('STOPPED')

    const del = await apiFetch(`/sessions/${made.id}`, { token, method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await sim(`/api/sessions/${sessionName}`)).status).toBe(404)
    expect((await apiFetch(`/sessions/${made.id}`, { token })).status).toBe(404)
  }, 40_000)

  it('should refuse bad settings with the form messages, and a pairing code with a bad phone', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant, ['sessions:manage'])
    const bad = await apiFetch('/sessions', {
      token,
      json: {
        displayName: '',
        serverUrl: env.WAHA_SIM_URL,
        sessionName: 'nome com espaço',
        minDelayS: 50,
        maxDelayS: 10,
        windowDays: [],
      },
    })
    expect(bad.status).toBe(422)
    const problem = (await expectDocumented(bad, 'POST', '/sessions')) as Problem
    const pointers = (problem.errors ?? []).map((e) => e.pointer)
    expect(pointers).toEqual(
      expect.arrayContaining(['/displayName', '/sessionName', '/maxDelayS', '/windowDays']),
    )
    expect(problem.errors?.find((e) => e.pointer === '/maxDelayS')?.code).toBe('sessions.errors.minAboveMax')
    const url = await apiFetch('/sessions', {
      token,
      json: { displayName: 'X', serverUrl: 'ftp://waha.exemplo.com.br', sessionName: 'x1' },
    })
    expect(url.status).toBe(422)
    const urlProblem = (await url.json()) as Problem
    expect(urlProblem.errors?.[0]).toMatchObject({ pointer: '/serverUrl' })
    expect(urlProblem.errors?.[0]?.detail).toBe('Use um endereço que comece com http:// ou https://.')
    const s = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId })
    const code = await apiFetch(`/sessions/${s.id}/pairing-code`, { token, json: { phone: '123' } })
    expect(code.status).toBe(422)
    expect((await apiFetch('/sessions', { token, json: { displayName: 'X', x: 1 } })).status).toBe(422)
  })

  it("should refuse a token without sessions:manage and another team's sessions", async () => {
    const tenant = await createTestTenant()
    const mine = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId })
    const token = await createTestToken(tenant, ['sessions:manage'])
    const other = await createTestToken(tenant, ['campaigns:read', 'campaigns:write', 'messages:send'])
    expect((await apiFetch('/sessions', { token: other })).status).toBe(403)
    expect((await apiFetch(`/sessions/${mine.id}/stop`, { token: other, method: 'POST' })).status).toBe(403)
    expect((await apiFetch(`/sessions/${mine.id}`, { token: other, method: 'DELETE' })).status).toBe(403)
    const intruder = await createTestTenant('Outra')
    const theirs = await createWahaSession(intruder.ctx.db, { tenantId: intruder.tenantId })
    const listed = (await (await apiFetch('/sessions', { token })).json()) as Session[]
    expect(listed.map((s) => s.id)).toEqual([mine.id])
    expect((await apiFetch(`/sessions/${theirs.id}`, { token })).status).toBe(404)
  })
})
