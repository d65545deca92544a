// The home dashboard (/): campaigns in progress with their progress, today's sends per session (São
// Paulo day) against the daily cap, session health, last opt-outs and replies, dead letters; nothing
// from other tenants.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { fromLocalTime, toLocalTime } from '../../app/core/sending/time-zone'
import { wahaSessions } from '../../db/schema'
import { createCampaign } from '../builders'
import { appFetch } from './helpers/app'
import {
  decodeHtml,
  insertMessages,
  insertSuppression,
  pauseSessionRow,
  phoneOf,
  reportFixture,
} from './report-support'

const HOUR = 3_600_000

function section(html: string, testId: string): string {
  const at = html.indexOf(`data-testid="${testId}"`)
  if (at < 0) return ''
  return html.slice(at, html.indexOf('</section>', at))
}

async function deadLetter(tenantId: string | null, body: unknown) {
  await env.DB.prepare('INSERT INTO dead_letters (queue, tenant_id, body) VALUES (?, ?, ?)')
    .bind('disparo-sends-dlq', tenantId, JSON.stringify(body))
    .run()
}

describe('home dashboard', () => {
  it('should show campaigns in progress, sessions against their caps, opt-outs, replies and dead letters', async () => {
    const f = await reportFixture('running', 'Ofertas de Natal')
    const now = Date.now()
    const dayStart = fromLocalTime(toLocalTime(now, 'America/Sao_Paulo'), 0, 'America/Sao_Paulo')
    // Running campaign: 10 rows, 4 waiting -> 6 of 10 processed (60%). 3 sent today on A, 1 yesterday.
    await insertMessages(f, f.campaignId, [
      { status: 'pending' },
      { status: 'pending' },
      { status: 'queued' },
      { status: 'sending', sessionId: f.a },
      { status: 'sent', sessionId: f.a, sentAt: dayStart + 1000 },
      {
        status: 'read',
        sessionId: f.a,
        sentAt: Math.max(dayStart, now - HOUR),
        readAt: now,
        repliedAt: now - 1000,
        name: 'Quem Respondeu',
      },
      { status: 'delivered', sessionId: f.a, sentAt: now },
      { status: 'sent', sessionId: f.b, sentAt: dayStart - 5 * HOUR },
      { status: 'failed', sessionId: f.b, failedAt: now },
      { status: 'skipped', errorKind: 'suppressed' },
    ])
    const scheduled = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Agendada de Ano Novo',
      status: 'scheduled',
      scheduledAt: now + 24 * HOUR,
    })
    await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Campanha Concluída Antiga',
      status: 'finished',
    })
    await f.ctx.db.update(wahaSessions).set({ dailyCap: 200 }).where(eq(wahaSessions.id, f.a))
    await pauseSessionRow(f, f.b, now + 2 * HOUR, 'Muitas falhas seguidas')
    // 12 opt-outs: only the last 10 show, newest first.
    for (let i = 1; i <= 12; i++)
      await insertSuppression(f.tenantId, phoneOf(500 + i), now - (20 - i) * 60_000)
    await deadLetter(f.tenantId, {
      type: 'send',
      v: 1,
      tenantId: f.tenantId,
      campaignId: f.campaignId,
      messageId: 7,
    })
    await deadLetter(f.tenantId, {
      type: 'send',
      v: 1,
      tenantId: f.tenantId,
      campaignId: f.campaignId,
      messageId: 8,
    })

    // Another tenant's things never show.
    const other = await reportFixture('running', 'Campanha Secreta de Outro')
    await insertMessages(other, other.campaignId, [
      { status: 'read', repliedAt: now, name: 'Pessoa Secreta' },
    ])
    await insertSuppression(other.tenantId, '+5521999990000', now)
    await deadLetter(other.tenantId, { type: 'send', secret: 'x' })
    await deadLetter(null, { type: 'send' })

    const res = await appFetch('/', { cookie: f.users.viewer.cookie })
    expect(res.status).toBe(200)
    const html = decodeHtml(await res.text())
    expect(html).toContain('Olá, viewer Loja Teste!')

    const campaignsPanel = section(html, 'dashboard-campaigns')
    expect(campaignsPanel).toContain('Ofertas de Natal')
    expect(campaignsPanel).toContain('6 de 10 processadas (60%)')
    expect(campaignsPanel).toContain('aria-valuenow="60"')
    expect(campaignsPanel).toContain('Agendada de Ano Novo')
    expect(campaignsPanel).toContain(`href="/campanhas/${scheduled.id}"`)
    expect(campaignsPanel).not.toContain('Campanha Concluída Antiga')

    const sessions = section(html, 'dashboard-sessions')
    const a = sessions.slice(
      sessions.indexOf(`data-session-id="${f.a}"`),
      sessions.indexOf(`data-session-id="${f.b}"`),
    )
    expect(a).toContain('3 de 200 envios hoje')
    const b = sessions.slice(sessions.indexOf(`data-session-id="${f.b}"`))
    expect(b).toContain('0 de 500 envios hoje')
    expect(b).toContain('Pausada até')
    expect(b).toContain('Muitas falhas seguidas')

    const optOuts = section(html, 'dashboard-optouts')
    expect(optOuts.match(/\+55119100005\d\d/g)).toEqual(
      Array.from({ length: 10 }, (_, i) => phoneOf(512 - i)),
    )
    expect(optOuts).not.toContain('+5521999990000')

    const replies = section(html, 'dashboard-replies')
    expect(replies).toContain('Quem Respondeu')
    expect(replies).toContain('Ofertas de Natal')
    expect(replies).not.toContain('Pessoa Secreta')

    const dead = section(html, 'dashboard-dead-letters')
    expect(dead).toContain('2 mensagens que não puderam ser processadas')
    expect(dead).toContain(`campaignId: ${f.campaignId} · messageId: 8`)
    expect(dead).not.toContain('secret')
    expect(html).not.toContain('Campanha Secreta de Outro')
  })

  it('should show empty states for a new tenant and no dead-letter panel', async () => {
    const f = await reportFixture('draft')
    const html = decodeHtml(await (await appFetch('/', { cookie: f.users.admin.cookie })).text())
    expect(html).toContain('Nenhuma campanha enviando ou agendada.')
    expect(html).toContain('Ninguém pediu para sair.')
    expect(html).toContain('Nenhuma resposta ainda.')
    expect(html).not.toContain('data-testid="dashboard-dead-letters"')
    expect(html).toContain('0 de 500 envios hoje')
  })
})
