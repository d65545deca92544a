// For `npm run bench:rowsize`: one tenant as a store sets it up — an admin, three WhatsApp numbers, a
// customer list imported by the import's own step writer (contacts and ~3% refused lines), earlier
// opt-outs and two campaigns over the list (the first with tracked links).
import { eq } from 'drizzle-orm'
import { writeStep } from '../../app/core/contacts/import/write.server'
import type { AppContext } from '../../app/core/context.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import {
  campaigns,
  contactLists,
  contacts,
  sessionEvents,
  suppressions,
  tenants,
  users,
  wahaSessions,
} from '../../db/schema'
import { createWahaSession, seededRandom } from '../builders'
import { buildImportedContact, buildRejectedRow, CAMPAIGN_TEXTS } from './rowsize-data'
import type { D1Meter } from './rowsize-meter'

const HOUR = 3_600_000

export type Tenant = {
  id: string
  sessions: Array<{ id: string; name: string }>
  listId: string
  campaigns: string[]
}

export async function setUpTenant(
  ctx: AppContext,
  meter: D1Meter,
  t: number,
  count: number,
): Promise<Tenant> {
  meter.phase = 'setup'
  const { db } = ctx
  const random = seededRandom(100 + t)
  const id = `ten_rowsize${t}`
  await db.insert(tenants).values({ id, name: `Loja Bela Vista ${t + 1}`, optOutReply: null })
  await db.insert(users).values({
    id: `usr_rowsize${t}`,
    tenantId: id,
    email: `gerente${t}@belavista.com.br`,
    name: 'Gerente da Loja',
    role: 'admin',
    passwordHash: `pbkdf2-sha256$100000$${'x'.repeat(22)}$${'y'.repeat(43)}`,
  })
  const sessions = []
  for (let s = 0; s < 3; s++) {
    const row = await createWahaSession(db, {
      tenantId: id,
      displayName: `Loja ${s + 1}`,
      phone: `+55119${70000000 + t * 10 + s}`,
    })
    await db
      .update(wahaSessions)
      .set({ firstConnectedAt: ctx.clock() - 30 * 24 * HOUR, lastConnectedAt: ctx.clock() })
      .where(eq(wahaSessions.id, row.id))
    await db.insert(sessionEvents).values({
      tenantId: id,
      sessionId: row.id,
      kind: 'status',
      key: `WORKING@${ctx.clock()}`,
      at: ctx.clock(),
      detail: 'WORKING',
    })
    sessions.push({ id: row.id, name: row.id })
  }
  // The import: one list, written by the import's own step writer (contacts and rejects, ~3% refused).
  const listId = `lst_rowsize${t}`
  await db.insert(contactLists).values({
    id: listId,
    tenantId: id,
    name: 'Clientes novembro 2026',
    status: 'importing',
    sourceKey: `imports/${id}/${listId}`,
    fileName: 'clientes-novembro-2026.csv',
    fileSize: count * 140,
    encoding: 'windows-1252',
    delimiter: ';',
    mapping: { phone: 'Celular', name: 'Nome completo', email: 'E-mail', company: 'Empresa' },
  })
  meter.phase = 'import'
  const scope = scopeTo(ctx, id)
  let line = 2
  let cursor = 0
  for (let done = 0; done < count; ) {
    const step = Math.min(1_000, count - done)
    const contactsOfStep = []
    const rejects = []
    for (let i = 0; i < step; i++, line++) {
      if (random() < 0.03) rejects.push(buildRejectedRow(random, line++))
      contactsOfStep.push({
        line,
        contact: buildImportedContact(random, done + i),
        suppressed: false,
      })
    }
    done += step
    const next = cursor + step * 140
    await writeStep(scope, {
      listId,
      expectedCursor: cursor,
      nextCursor: next,
      nextLine: line,
      contacts: contactsOfStep,
      watermark: { people: 0, contacts: 0 },
      rejects,
      done: done >= count,
    })
    cursor = next
  }
  // Earlier opt-outs (1% of the list), then two campaigns; the first one with tracked links.
  meter.phase = 'setup'
  const phones = await db
    .select({ phone: contacts.phoneE164 })
    .from(contacts)
    .where(eq(contacts.listId, listId))
  const opted = phones.filter(() => random() < 0.01)
  for (let i = 0; i < opted.length; i += 20)
    await db.insert(suppressions).values(
      opted.slice(i, i + 20).map((p) => ({
        tenantId: id,
        phoneE164: p.phone,
        reason: 'opt_out' as const,
        source: 'SAIR',
        createdAt: ctx.clock() - 90 * 24 * HOUR,
      })),
    )
  const ids = []
  for (const [k, tracked] of [true, false].entries()) {
    const cid = `cmp_rowsize${t}_${k}`
    await db.insert(campaigns).values({
      id: cid,
      tenantId: id,
      name: k === 0 ? 'Black Friday 2026' : 'Cupom de volta',
      status: 'running',
      listId,
      texts: k === 0 ? [CAMPAIGN_TEXTS[0]!] : [CAMPAIGN_TEXTS[1]!, CAMPAIGN_TEXTS[0]!],
      sessionIds: sessions.map((s) => s.id),
      linkTracking: tracked,
      simulateTyping: true,
      startedAt: ctx.clock(),
      baseUrl: 'https://disparo.belavista.com.br',
      createdBy: `usr_rowsize${t}`,
    })
    ids.push(cid)
  }
  return { id, sessions, listId, campaigns: ids }
}
