// Shared fixtures for the campaign tests: a tenant with a list and sessions, and composer form posts.
import { and, eq } from 'drizzle-orm'
import { toLocalTime } from '../../app/core/sending/time-zone'
import { campaigns } from '../../db/schema'
import { createContactList, createWahaSession } from '../builders'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

export const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

export type CampaignFixture = TestTenant & {
  listId: string
  phones: string[]
  working: string
  stopped: string
}

/** A tenant with a ready list of 5 contacts, one WORKING and one STOPPED session. */
export async function campaignFixture(): Promise<CampaignFixture> {
  const t = await createTestTenant()
  const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 5, name: 'Clientes VIP' })
  const working = await createWahaSession(t.ctx.db, {
    tenantId: t.tenantId,
    displayName: 'Loja Centro',
    isPrimary: true,
  })
  const stopped = await createWahaSession(t.ctx.db, {
    tenantId: t.tenantId,
    displayName: 'Loja Sul',
    status: 'STOPPED',
  })
  return { ...t, listId: list.id, phones: list.phones, working: working.id, stopped: stopped.id }
}

export type FormFields = Record<string, string | string[] | undefined>

/** A complete, valid composer post; override or remove (undefined) any field. */
export function composerForm(
  f: CampaignFixture,
  overrides: FormFields = {},
  file?: { name: string; bytes: Uint8Array; type?: string },
) {
  const fields: FormFields = {
    token: `tok${crypto.randomUUID().replaceAll('-', '')}`,
    name: 'Black Friday',
    listId: f.listId,
    'texts[0]': 'Oi {{primeiro_nome}}, {temos|separamos} *20% de desconto* para você!',
    sessionIds: [f.working],
    [`priority.${f.working}`]: '1',
    minDelayS: '30',
    maxDelayS: '60',
    maxPerMinute: '10',
    dailyCap: '500',
    windowDays: ['0', '1', '2', '3', '4', '5', '6'],
    windowStart: '00:00',
    windowEnd: '24:00',
    simulateTyping: 'on',
    intent: 'save',
    ...overrides,
  }
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, one)
  }
  if (file)
    form.append(
      'image',
      new File([file.bytes.buffer as ArrayBuffer], file.name, {
        type: file.type ?? 'application/octet-stream',
      }),
    )
  return form
}

/** Posts the composer (new form unless a campaign id is given). */
export function postComposer(cookie: string, form: FormData, campaignId?: string) {
  return appFetch(campaignId ? `/campanhas/${campaignId}/editar` : '/campanhas/nova', { cookie, form })
}

export async function tenantCampaigns(t: TestTenant) {
  return t.ctx.db.select().from(campaigns).where(eq(campaigns.tenantId, t.tenantId))
}

export async function campaignRow(t: TestTenant, id: string) {
  return t.ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, t.tenantId), eq(campaigns.id, id)))
    .get()
}

/** São Paulo date and time fields for an instant. */
export function saoPauloFields(ms: number): { scheduleDate: string; scheduleTime: string } {
  const l = toLocalTime(ms, 'America/Sao_Paulo')
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    scheduleDate: `${l.year}-${pad(l.month)}-${pad(l.day)}`,
    scheduleTime: `${pad(Math.floor(l.minuteOfDay / 60))}:${pad(l.minuteOfDay % 60)}`,
  }
}

/** Decodes the flash cookie of a redirect. */
export function flashOf(res: Response): { kind: string; message: string } | null {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}
