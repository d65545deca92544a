// Editing a session (an empty key keeps the saved one) and the sessions list (status, phone,
// today's sends against the daily cap, last error).
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { openSecret } from '../../app/core/tenants/secrets.server'
import { campaignMessages, wahaSessions } from '../../db/schema'
import { createCampaign, createContactList } from '../builders'
import { appFetch } from './helpers/app'
import { type FakeWaha, WAHA_SESSION, flashOf, sessionForm } from './sessions-fake-waha'
import { arrangeSavedSession, rowOf } from './sessions-support'

let waha: FakeWaha | null = null
afterEach(() => {
  waha?.restore()
  waha = null
})

async function arrange(status = 'WORKING') {
  const arranged = await arrangeSavedSession(status)
  waha = arranged.waha
  return arranged
}

describe('edit a session', () => {
  it('should keep the saved key when the field is empty and replace it when typed', async () => {
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
    await appFetch(path, {
      cookie: t.users.admin.cookie,
      form: sessionForm({ intent: 'update', apiKey: 'nova-chave-secreta-9876' }),
    })
    const changed = await rowOf(t, s.id)
    expect(await openSecret(t.ctx, t.tenantId, s.id, 'api_key', changed?.apiKeyEnc ?? '')).toBe(
      'nova-chave-secreta-9876',
    )
    expect(changed?.apiKeyTail).toBe('••••••••9876')
    const html = await (await appFetch(path, { cookie: t.users.admin.cookie })).text()
    expect(html).not.toContain('nova-chave-secreta-9876')
    expect(waha?.calls).toEqual([])
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
      .set({ lastError: 'Falhou ontem à noite', dailyCap: 300 })
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
