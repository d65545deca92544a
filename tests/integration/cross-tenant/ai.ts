// Cross-tenant cases for Integrações → Provedores de IA: every intent that takes a provider id.
import { eq } from 'drizzle-orm'
import { saveProvider } from '../../../app/core/ai/providers.server'
import { scopeTo } from '../../../app/core/db/tenant.server'
import { aiProviders } from '../../../db/schema'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

const BASE_URL = 'https://ia.simulador.com.br/ai/v1'

export const AI_CASES: CrossTenantCase[] = [
  {
    name: 'AI provider actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const scope = scopeTo(owner.ctx, owner.tenantId, owner.users.admin.id)
      const saved = await saveProvider(scope, {
        intent: 'save',
        platform: 'openai-compatible',
        name: 'Do dono',
        baseUrl: BASE_URL,
        apiKey: 'sk-test-valid',
        model: 'gpt-4o-mini',
      })
      if (!saved.ok) throw new Error(saved.message)
      const id = saved.id
      const read = () => owner.ctx.db.select().from(aiProviders).where(eq(aiProviders.id, id)).get()
      const before = JSON.stringify(await read())
      const verifyUnchanged = async () => {
        if (JSON.stringify(await read()) !== before) throw new Error(`ai provider ${id} changed`)
      }
      const edit = {
        id,
        platform: 'openai-compatible',
        name: 'Invasor',
        baseUrl: BASE_URL,
        apiKey: 'sk-invasor-000',
        model: 'x',
      }
      return [
        { method: 'POST', path: '/integracoes/ia', form: { intent: 'save', ...edit }, verifyUnchanged },
        { method: 'POST', path: '/integracoes/ia', form: { intent: 'models', ...edit }, verifyUnchanged },
        { method: 'POST', path: '/integracoes/ia', form: { intent: 'test', ...edit }, verifyUnchanged },
        { method: 'POST', path: '/integracoes/ia', form: { intent: 'default', id }, verifyUnchanged },
        { method: 'POST', path: '/integracoes/ia', form: { intent: 'delete', id }, verifyUnchanged },
      ]
    },
  },
]
