// Creating a WhatsApp session through the real page: registered on a fake WAHA that replays the
// contract examples, secrets sealed in D1 and never in HTML, every WAHA failure kind explained.

import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openSecret } from '../../app/core/tenants/secrets.server'
import { auditLog, wahaSessions } from '../../db/schema'
import { appFetch, createTestTenant, ORIGIN } from './helpers/app'
import {
  EXAMPLES,
  type FakeWaha,
  flashOf,
  installFakeWaha,
  sessionForm,
  WAHA_KEY,
  WAHA_SESSION,
  WAHA_URL,
} from './sessions-fake-waha'

let waha: FakeWaha | null = null
afterEach(() => {
  waha?.restore()
  waha = null
})

async function rowsOf(t: { ctx: { db: import('../../app/core/db/client.server').Db }; tenantId: string }) {
  return t.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.tenantId, t.tenantId))
}

describe('create a WhatsApp session', () => {
  it('should register it on WAHA with our signed webhook, save it sealed and start it', async () => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    const res = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm(),
    })
    expect(res.status).toBe(303)
    const [row] = await rowsOf(t)
    if (!row) throw new Error('no row')
    expect(res.headers.get('Location')).toBe(`/integracoes/sessoes/${row.id}`)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.created' })

    const [create, start] = waha.calls
    expect(create).toMatchObject({ method: 'POST', path: '/api/sessions' })
    expect(create?.headers.get('x-api-key')).toBe(WAHA_KEY)
    const body = create?.body as {
      name: string
      start: boolean
      config: { webhooks: Record<string, unknown>[]; webjs: unknown }
    }
    expect(body.name).toBe(WAHA_SESSION)
    expect(body.start).toBe(false)
    expect(body.config.webjs).toEqual({ tagsEventsOn: true })
    const hook = body.config.webhooks[0] as {
      url: string
      events: string[]
      hmac: { key: string }
      retries: unknown
    }
    expect(hook.url).toBe(`${ORIGIN}/webhooks/waha/${row.id}`)
    expect(hook.events).toEqual([
      'session.status',
      'message',
      'message.any',
      'message.ack',
      'message.edited',
      'message.revoked',
      'poll.vote',
      'poll.vote.failed',
    ])
    expect(hook.retries).toEqual({ policy: 'exponential', delaySeconds: 2, attempts: 5 })
    expect(hook.hmac.key.length).toBeGreaterThanOrEqual(40)
    expect(start).toMatchObject({ method: 'POST', path: `/api/sessions/${WAHA_SESSION}/start` })

    // Secrets: sealed in D1 (bound to tenant|row|field), the webhook secret is the one WAHA got.
    expect(row.apiKeyEnc).toMatch(/^v1\./)
    expect(row.apiKeyEnc).not.toContain(WAHA_KEY)
    expect(await openSecret(t.ctx, t.tenantId, row.id, 'api_key', row.apiKeyEnc ?? '')).toBe(WAHA_KEY)
    expect(await openSecret(t.ctx, t.tenantId, row.id, 'webhook_secret', row.webhookSecretEnc)).toBe(
      hook.hmac.key,
    )
    expect(row.webhookSecretEnc).not.toContain(hook.hmac.key)
    expect(row.apiKeyTail).toBe('••••••••-123')
    expect(row).toMatchObject({
      status: 'STARTING',
      isPrimary: true,
      minDelayS: 30,
      maxDelayS: 60,
      windowDays: '1,2,3,4,5',
      windowStartMin: 480,
      windowEndMin: 1200,
    })
    expect(await env.SENDER_SESSION.getByName(row.id).getState()).toMatchObject({
      status: 'STARTING',
      qr: null,
    })
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.tenantId, t.tenantId))
    expect(audits.map((a) => a.action)).toContain('session.created')

    // The page never shows a secret, only the masked tail.
    waha.reply('GET', `/api/sessions/${WAHA_SESSION}`, { status: 200, body: EXAMPLES.got })
    const page = await (
      await appFetch(`/integracoes/sessoes/${row.id}`, { cookie: t.users.admin.cookie })
    ).text()
    expect(page).toContain('••••••••-123')
    expect(page).not.toContain(WAHA_KEY)
    expect(page).not.toContain(hook.hmac.key)
    const list = await (await appFetch('/integracoes/sessoes', { cookie: t.users.viewer.cookie })).text()
    expect(list).toContain('Loja Centro')
    expect(list).not.toContain(WAHA_KEY)
  })

  it.each([
    [
      'wrong API key (401)',
      (w: FakeWaha) => w.reply('POST', '/api/sessions', { status: 401, body: EXAMPLES.err401 }),
      'recusou a chave de API',
    ],
    [
      'an HTML page instead of WAHA',
      (w: FakeWaha) =>
        w.reply('POST', '/api/sessions', {
          status: 200,
          body: '<!doctype html><title>Login</title>',
          contentType: 'text/html',
        }),
      'não parece ser um servidor WAHA',
    ],
    ['an unreachable server', (w: FakeWaha) => w.setDown(true), 'Não foi possível conectar ao servidor WAHA'],
    [
      'a session name that already exists on WAHA',
      (w: FakeWaha) => w.reply('POST', '/api/sessions', { status: 422, body: EXAMPLES.err422Exists }),
      'Já existe uma sessão com esse nome no servidor WAHA',
    ],
  ])('should explain %s and save nothing', async (_name, arrange, message) => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    arrange(waha)
    const res = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm(),
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).not.toContain(WAHA_KEY)
    expect(await rowsOf(t)).toEqual([])
    expect(waha.calls.filter((c) => c.path.endsWith('/start'))).toEqual([])
  })

  it.each([
    [{ minDelayS: '90', maxDelayS: '60' }, 'O intervalo máximo deve ser maior ou igual ao mínimo.'],
    [{ dailyCap: '-5' }, 'O limite diário deve ser um número inteiro de pelo menos 1.'],
    [{ maxPerMinute: '0' }, 'Use um número inteiro de 1 a 60.'],
    [{ minDelayS: '-1' }, 'Use um número inteiro de segundos, de 0 a 3600.'],
    [{ failoverPriority: 'abc' }, 'Use um número inteiro de 1 a 99.'],
    [{ windowStart: '20:00', windowEnd: '08:00' }, 'O fim deve ser depois do início.'],
    [{ windowStart: '25:00' }, 'Use o formato HH:MM'],
    [{ sessionName: 'nome com espaço' }, 'Use só letras, números, - e _'],
    [{ displayName: '' }, 'Preencha este campo.'],
    [{ serverUrl: 'ftp://waha.exemplo.com.br' }, 'Use um endereço que comece com http:// ou https://.'],
    [
      { serverUrl: 'https://admin:senha@waha.exemplo.com.br' },
      'Não coloque usuário ou senha dentro do endereço.',
    ],
    [{ mediaMode: 'fax' }, 'Escolha como o WAHA recebe as imagens.'],
  ])('should refuse %o without calling WAHA', async (over, message) => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    const res = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm(over),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(message)
    expect(waha.calls).toEqual([])
    expect(await rowsOf(t)).toEqual([])
  })

  it('should refuse a week without days', async () => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    const res = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm({}, []),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Escolha pelo menos um dia da semana.')
  })

  it('should keep one primary session per team', async () => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    await appFetch('/integracoes/sessoes/nova', { cookie: t.users.admin.cookie, form: sessionForm() })
    const second = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm({ displayName: 'Loja Norte', isPrimary: 'on', serverUrl: `${WAHA_URL}/` }),
    })
    // Same server (trailing slash normalised) and name: refused locally before WAHA is called.
    expect(second.status).toBe(400)
    expect(await second.text()).toContain('Já existe uma sessão com esse nome neste servidor')
    waha.reply('POST', '/api/sessions/outra/start', { status: 201, body: EXAMPLES.created })
    const third = await appFetch('/integracoes/sessoes/nova', {
      cookie: t.users.admin.cookie,
      form: sessionForm({ displayName: 'Loja Norte', isPrimary: 'on', sessionName: 'outra' }),
    })
    expect(third.status).toBe(303)
    const rows = await rowsOf(t)
    expect(rows.filter((r) => r.isPrimary).map((r) => r.displayName)).toEqual(['Loja Norte'])
  })

  it('should let only admins open or post the form', async () => {
    const t = await createTestTenant()
    waha = installFakeWaha()
    for (const role of ['operator', 'viewer'] as const) {
      const cookie = t.users[role].cookie
      expect((await appFetch('/integracoes/sessoes/nova', { cookie })).status).toBe(403)
      expect((await appFetch('/integracoes/sessoes/nova', { cookie, form: sessionForm() })).status).toBe(403)
    }
    expect(waha.calls).toEqual([])
    expect(await rowsOf(t)).toEqual([])
    const signedOut = await appFetch('/integracoes/sessoes')
    expect(signedOut.status).toBe(302)
  })

  it('should prefill the server URL with DEFAULT_WAHA_URL', async () => {
    const t = await createTestTenant()
    const html = await (await appFetch('/integracoes/sessoes/nova', { cookie: t.users.admin.cookie })).text()
    expect(html).toContain(`value="${t.ctx.config.defaultWahaUrl}"`)
  })
})
