// Editing a session (an empty key keeps the saved one) and the sessions list (status, phone,
// today's sends against the daily cap, last error).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openSecret } from '../../app/core/tenants/secrets.server'
import { campaignMessages, wahaSessions } from '../../db/schema'
import { createCampaign, createContactList } from '../builders'
import { appFetch, ORIGIN } from './helpers/app'
import {
  EXAMPLES,
  flashOf,
  installFakeWaha,
  type RecordedCall,
  sessionForm,
  VERSION_BODY,
  WAHA_KEY,
  WAHA_SESSION,
  WAHA_URL,
} from './sessions-fake-waha'
import { rowOf, savedSessionPerTest } from './sessions-support'

const sessions = savedSessionPerTest()
const arrange = sessions.arrange

describe('edit a session', () => {
  it('should keep the saved key when the field is empty (settings only: WAHA is not called)', async () => {
    const { t, s, path } = await arrange()
    const before = await rowOf(t, s.id)
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm(
        {
          intent: 'update',
          apiKey: '',
          sessionName: null,
          displayName: 'Loja Sul',
          minDelayS: '40',
          maxDelayS: '90',
          dailyCap: '200',
        },
        ['1', '3'],
      ),
    })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.updated' })
    const kept = await rowOf(t, s.id)
    expect(kept).toMatchObject({
      displayName: 'Loja Sul',
      minDelayS: 40,
      maxDelayS: 90,
      dailyCap: 200,
      windowDays: '1,3',
      sessionName: WAHA_SESSION,
    })
    expect(kept?.apiKeyEnc).toBe(before?.apiKeyEnc)
    // Settings only: WAHA is not called.
    expect(sessions.waha?.calls).toEqual([])
    const html = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(html).not.toContain(WAHA_KEY)
  })

  it('should check a new API key on WAHA before saving it, and add our webhook when it is missing', async () => {
    const { t, s, path } = await arrange()
    const before = await rowOf(t, s.id)
    const refused = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', apiKey: 'nova-chave-secreta-9876' }),
    })
    expect(refused.status).toBe(400)
    expect(await rowOf(t, s.id)).toEqual(before)

    const waha = sessions.replace(() => installFakeWaha({ apiKey: 'nova-chave-secreta-9876' }))
    let put: RecordedCall | null = null
    waha.reply('PUT', `/api/sessions/${WAHA_SESSION}`, (call) => {
      put = call
      return { status: 200, body: EXAMPLES.got }
    })
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', apiKey: 'nova-chave-secreta-9876' }),
    })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.updatedChecked' })
    const changed = await rowOf(t, s.id)
    expect(await openSecret(t.ctx, t.tenantId, s.id, 'api_key', changed?.apiKeyEnc ?? '')).toBe(
      'nova-chave-secreta-9876',
    )
    expect(changed?.apiKeyTail).toBe('••••••••9876')
    // The other app's webhook stays; ours (signed with the session's secret) is added.
    const hooks = (put as RecordedCall | null)?.body as {
      config: { webhooks: { url: string; hmac?: { key: string } }[] }
    }
    expect(hooks.config.webhooks.map((h) => h.url)).toEqual([
      'https://app.example.com/webhooks/waha',
      `${ORIGIN}/webhooks/waha/${s.id}`,
    ])
    expect(hooks.config.webhooks[1]?.hmac?.key).toBe(s.webhookSecret)
    const html = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(html).not.toContain('nova-chave-secreta-9876')
  })

  it('should register the session on a new WAHA server that does not know it', async () => {
    const { t, s, path } = await arrange()
    const moved = `${WAHA_URL}/novo`
    // A WAHA server there: it answers its version, and 404 for the session it does not know.
    sessions.waha?.reply('GET', '/novo/api/server/version', { status: 200, body: VERSION_BODY })
    let posted: RecordedCall | null = null
    sessions.waha?.reply('POST', '/novo/api/sessions', (call) => {
      posted = call
      return { status: 201, body: EXAMPLES.created }
    })
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', serverUrl: moved, apiKey: '' }),
    })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'sessions.updatedRegistered' })
    expect((await rowOf(t, s.id))?.serverUrl).toBe(moved)
    const body = (posted as RecordedCall | null)?.body as {
      name: string
      start: boolean
      config: { webhooks: { url: string }[] }
    }
    expect(body).toMatchObject({ name: WAHA_SESSION, start: true })
    expect(body.config.webhooks.map((h) => h.url)).toEqual([`${ORIGIN}/webhooks/waha/${s.id}`])
    // The saved key went with it.
    expect((posted as RecordedCall | null)?.headers.get('x-api-key')).toBe(WAHA_KEY)
  })

  it('should keep everything when the new address cannot be reached', async () => {
    const { t, s, path } = await arrange()
    const before = await rowOf(t, s.id)
    sessions.waha?.setDown(true)
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', serverUrl: `${WAHA_URL}/outro`, displayName: 'Nome novo' }),
    })
    expect(res.status).toBe(400)
    expect(await rowOf(t, s.id)).toEqual(before)
  })

  it('should refuse bad pacing and keep the row', async () => {
    const { t, s, path } = await arrange()
    const res = await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', minDelayS: '120', maxDelayS: '30' }),
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('O intervalo máximo deve ser maior ou igual ao mínimo.')
    expect((await rowOf(t, s.id))?.minDelayS).toBe(30)
  })
})

describe('sessions list', () => {
  it('should show status, phone, today’s sends against the cap and the last error', async () => {
    const { t, s } = await arrange()
    await t.ctx.db
      .update(wahaSessions)
      // A number connected a month ago: past its warm-up, today's cap is the full daily cap.
      .set({
        lastError: 'Falhou ontem à noite',
        dailyCap: 300,
        firstConnectedAt: Date.now() - 30 * 86_400_000,
      })
      .where(eq(wahaSessions.id, s.id))
    const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 3 })
    const campaign = await createCampaign(t.ctx.db, {
      tenantId: t.tenantId,
      status: 'running',
      listId: list.id,
      sessionIds: [s.id],
    })
    const now = Date.now()
    const sentAts = [now - 1000, now - 2000, now - 3 * 24 * 3600 * 1000]
    await t.ctx.db.insert(campaignMessages).values(
      sentAts.map((sentAt, i) => ({
        tenantId: t.tenantId,
        campaignId: campaign.id,
        contactId: i + 1,
        phoneE164: list.phones[i] ?? '',
        status: 'sent',
        sessionId: s.id,
        sentAt,
      })),
    )
    const html = await (await appFetch('/integracoes/sessoes', { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('Conectada')
    expect(html).toContain('+5511999990000')
    expect(html).toContain('2 de 300')
    expect(html).toContain('Falhou ontem à noite')
    expect(html).not.toContain('Nova sessão')
    expect(await (await appFetch('/integracoes/sessoes', { cookie: t.users.admin.cookie })).text()).toContain(
      'Nova sessão',
    )
  })
})
