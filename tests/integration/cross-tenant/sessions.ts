// Cross-tenant cases for Integrações → Sessões WhatsApp: every route with a session id.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { wahaSessions } from '../../../db/schema'
import { createSealedWahaSession } from '../../builders'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

export const SESSION_CASES: CrossTenantCase[] = [
  {
    name: 'whatsapp session page, live state and actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const s = await createSealedWahaSession(owner.ctx, { tenantId: owner.tenantId, status: 'SCAN_QR_CODE' })
      await env.SENDER_SESSION.getByName(s.id).setState(
        { status: 'SCAN_QR_CODE', qr: 'data:image/png;base64,AAAA' },
        1000,
      )
      const read = () => owner.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, s.id)).get()
      const before = JSON.stringify(await read())
      const verify = async () => {
        if (JSON.stringify(await read()) !== before) throw new Error(`session ${s.id} changed`)
        const live = await env.SENDER_SESSION.getByName(s.id).getState()
        if (live.status !== 'SCAN_QR_CODE' || live.updatedAt !== 1000)
          throw new Error(`live state of ${s.id} changed`)
      }
      const path = `/integracoes/sessoes/${s.id}`
      const post = (form: Record<string, string>): CrossTenantProbe => ({
        method: 'POST',
        path,
        form,
        verifyUnchanged: verify,
      })
      return [
        { method: 'GET', path, verifyUnchanged: verify },
        { method: 'GET', path: `${path}/estado`, verifyUnchanged: verify },
        post({ intent: 'start' }),
        post({ intent: 'stop' }),
        post({ intent: 'restart' }),
        post({ intent: 'logout' }),
        post({ intent: 'test' }),
        post({ intent: 'recreate' }),
        post({ intent: 'pairingCode', phone: '5511999990000' }),
        post({ intent: 'delete' }),
        post({ intent: 'delete', force: '1' }),
        post({
          intent: 'update',
          displayName: 'Invasor',
          serverUrl: 'https://waha.invasor.com.br',
          apiKey: 'chave-do-invasor-123',
          failoverPriority: '1',
          maxPerMinute: '10',
          minDelayS: '30',
          maxDelayS: '60',
          dailyCap: '500',
          windowDays: '1',
          windowStart: '08:00',
          windowEnd: '20:00',
          mediaMode: 'url',
        }),
        // An invalid form must still answer 404, not a validation error that confirms the id.
        post({ intent: 'update' }),
        post({ intent: 'nada' }),
      ]
    },
  },
]
