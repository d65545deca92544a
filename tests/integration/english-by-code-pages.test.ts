// Pages in English show English for what the core refuses, by code (decision 025): the composer's
// template and pacing errors, a short password, a refused phone (opt-outs, contact edit) and the AI
// providers page's failures, the stored last error included (last_error_code + params).
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contacts } from '../../db/schema'
import { createContactList } from '../builders'
import {
  AI_KEYS,
  AI_PAGE_PATH,
  createCompatible,
  FAKE_BASE_URL,
  flashOf,
  postAiPage,
  providerRow,
  stubFetchWithAiFake,
} from './ai-helpers'
import { campaignFixture, composerForm, postComposer } from './campaigns-helpers'
import { appFetch, createTestTenant } from './helpers/app'

const EN = 'disparo_lang=en'

/** What a person sees: the markup without the scripts (the loader data carries the codes). */
const shown = async (res: Response) => (await res.text()).replace(/<script[\s\S]*?<\/script>/g, '')

afterEach(() => {
  vi.restoreAllMocks()
})

describe('English pages, by code', () => {
  it('should show the composer template and pacing errors in English', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      `${f.users.operator.cookie}; ${EN}`,
      composerForm(f, {
        intent: 'launch',
        'texts[0]': 'Oi {{nome, tudo bem?',
        minDelayS: '90',
        maxDelayS: '30',
      }),
    )
    expect(res.status).toBe(400)
    const html = await shown(res)
    expect(html).toContain('Opening brace &quot;{&quot; without a closing one (line 1, column 4)')
    expect(html).toContain('The maximum interval must be greater than or equal to the minimum.')
    expect(html).not.toContain('sem fechamento')
  })

  it('should show a short password refusal in English', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/equipe', {
      cookie: `${t.users.admin.cookie}; ${EN}`,
      form: { intent: 'add', name: 'Bia', email: 'bia@example.com', role: 'operator', password: 'curta' },
    })
    expect(res.status).toBe(400)
    expect(await shown(res)).toContain('The password must have at least 10 characters.')
  })

  it('should show a refused phone in English, on the opt-outs page and when editing a contact', async () => {
    const t = await createTestTenant()
    const cookie = `${t.users.operator.cookie}; ${EN}`
    const added = await appFetch('/opt-outs', { cookie, form: { intent: 'add', phone: '1234' } })
    expect(added.status).toBe(400)
    expect(await shown(added)).toContain('The phone number has too few digits.')
    const { id } = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 2 })
    const [contact] = await t.ctx.db.select().from(contacts).where(eq(contacts.listId, id))
    const edit = await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: { intent: 'updateContact', contactId: String(contact?.id), name: 'X', phone: '1234' },
    })
    expect(await flashOf(edit)).toMatchObject({ kind: 'error', text: 'phone.too_short' })
    const page = await shown(
      await appFetch(`/contatos/listas/${id}`, {
        cookie: `${cookie}; ${edit.headers.getSetCookie()[0]?.split(';')[0]}`,
      }),
    )
    expect(page).toContain('The phone number has too few digits.')
  })

  it('should show AI provider failures in English, the stored last error too', async () => {
    stubFetchWithAiFake()
    const t = await createTestTenant()
    const id = await createCompatible(t)
    const admin = `${t.users.admin.cookie}; ${EN}`
    const form = { id, platform: 'openai-compatible', name: 'Simulador', baseUrl: FAKE_BASE_URL }
    const bad = await postAiPage(t, {
      ...form,
      intent: 'test',
      apiKey: AI_KEYS.noQuota,
      model: 'gpt-4o-mini',
    })
    expect(await flashOf(bad)).toMatchObject({ kind: 'error', text: 'ai.error.no_credit' })
    expect(await providerRow(t.ctx.db, id)).toMatchObject({
      status: 'error',
      lastErrorCode: 'ai.error.no_credit',
    })
    const page = await shown(await appFetch(AI_PAGE_PATH, { cookie: admin }))
    expect(page).toContain('The AI provider account is out of credit or quota.')
    expect(page).toContain('Ollama (self-hosted)')
    expect(page).not.toContain('sem crédito')

    const models = await appFetch(AI_PAGE_PATH, {
      cookie: admin,
      form: { ...form, intent: 'models', apiKey: 'sk-test-ruim-000000' },
    })
    expect(await shown(models)).toContain('The provider rejected the API key.')
  })
})
