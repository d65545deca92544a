// The tenant's opt-out list (suppressions): numbers that are never messaged. Added by hand here, by
// the "SAIR" keyword elsewhere; removal is admin-only with a reason in the audit log. "Apagar dados
// de uma pessoa" (LGPD) erases a phone's personal data everywhere and keeps only the suppression.
import { and, count, desc, eq, inArray, like, sql } from 'drizzle-orm'
import {
  contactLists,
  contacts,
  importRowsRejected,
  people,
  suppressions,
  tenants,
  users,
} from '../../../db/schema'
import { textString } from '../../i18n/text'
import { recordArchiveErasureStatement } from '../campaigns/archive-erase.server'
import { ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { deleteInboundMedia, inboundMediaKeysOf } from '../inbox/media.server'
import { eraseInboxStatements } from '../inbox/state.server'
import { normalizeBrPhone } from '../phone/brazil'
import { erasePollVotesStatement } from '../polls/votes.server'
import { eraseContentStatement } from '../sending/outbox-events.server'
import { audit } from '../tenants/audit.server'
import { recountList } from './lists.server'
import { getOptOut } from './optouts-page.server'

export const OPTOUTS_PAGE_SIZE = 50

/** A page of opt-outs, newest first, optionally filtered by phone digits. */
export async function listOptOuts(scope: TenantScope, opts: { q?: string; page?: number } = {}) {
  const page = Math.max(1, Math.floor(opts.page ?? 1))
  const digits = (opts.q ?? '').replace(/\D/g, '').slice(0, 20)
  const where = ownedBy(scope, suppressions, digits ? like(suppressions.phoneE164, `%${digits}%`) : undefined)
  const [rows, total] = await scope.db.batch([
    scope.db
      .select({
        id: suppressions.id,
        phoneE164: suppressions.phoneE164,
        reason: suppressions.reason,
        source: suppressions.source,
        note: suppressions.note,
        createdAt: suppressions.createdAt,
        createdBy: users.name,
      })
      .from(suppressions)
      .leftJoin(users, and(eq(users.id, suppressions.createdBy), eq(users.tenantId, suppressions.tenantId)))
      .where(where)
      .orderBy(desc(suppressions.createdAt), desc(suppressions.id))
      .limit(OPTOUTS_PAGE_SIZE)
      .offset((page - 1) * OPTOUTS_PAGE_SIZE),
    scope.db.select({ n: count() }).from(suppressions).where(where),
  ])
  return { rows, total: total[0]?.n ?? 0, page }
}

/** A phone typed by a person or a caller, normalised with the tenant's rules (international only when allowed). */
export async function normaliseTenantPhone(scope: TenantScope, raw: string) {
  const tenant = await scope.db
    .select({ intl: tenants.allowInternational })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .get()
  return normalizeBrPhone(raw, { allowInternational: tenant?.intl ?? false })
}

/**
 * A phone in any of the tenant's lists. Seeks the (list_id, phone_e164) unique index once per list,
 * so contacts need no second phone index (which slowed every import insert).
 */
export function phoneInTenantLists(scope: TenantScope, phoneE164: string) {
  const tenantLists = scope.db
    .select({ id: contactLists.id })
    .from(contactLists)
    .where(ownedBy(scope, contactLists))
  return ownedBy(scope, contacts, inArray(contacts.listId, tenantLists), eq(contacts.phoneE164, phoneE164))
}

/** Lists that hold this phone: their opt-out counters change with the suppression. */
async function recountListsWith(scope: TenantScope, phoneE164: string): Promise<void> {
  const rows = await scope.db
    .selectDistinct({ listId: contacts.listId })
    .from(contacts)
    .where(phoneInTenantLists(scope, phoneE164))
  for (const r of rows) await recountList(scope, r.listId)
}

/** `message` is a key, or a text string (textString: a phone refusal) the page shows with t(). */
export type OptOutResult =
  | { ok: true; message: string; vars?: Record<string, string | number> }
  | { ok: false; field?: string; message: string }

/** Adds a number by hand (validated like an import). Adding one already there changes nothing. */
export async function addOptOut(
  scope: TenantScope,
  input: { phone: string; note?: string },
): Promise<OptOutResult> {
  const phone = await normaliseTenantPhone(scope, input.phone)
  if (!phone.ok) return { ok: false, field: 'phone', message: textString(phone.text) }
  const inserted = await scope.db
    .insert(suppressions)
    .values({
      tenantId: scope.tenantId,
      phoneE164: phone.e164,
      reason: 'manual',
      source: 'manual',
      note: input.note?.trim().slice(0, 300) || null,
      createdBy: scope.userId,
      createdAt: scope.clock(),
    })
    .onConflictDoNothing()
    .returning({ id: suppressions.id })
  if (inserted.length === 0) return { ok: true, message: 'optouts.already', vars: { phone: phone.e164 } }
  await recountListsWith(scope, phone.e164)
  await audit(scope, 'optout.add', String(inserted[0]?.id), { phone: phone.e164 })
  return { ok: true, message: 'optouts.added', vars: { phone: phone.e164 } }
}

/**
 * Puts a number on the opt-out list as the person's own request (reason `opt_out`, the message as its
 * source), recounting the lists that hold it. Returns false when it was already there.
 */
export async function suppressOnRequest(
  scope: TenantScope,
  phoneE164: string,
  source: string,
  note: string | null = null,
): Promise<boolean> {
  const inserted = await scope.db
    .insert(suppressions)
    .values({
      tenantId: scope.tenantId,
      phoneE164,
      reason: 'opt_out',
      source: source.trim().slice(0, 40),
      note,
      createdBy: scope.userId,
      createdAt: scope.clock(),
    })
    .onConflictDoNothing()
    .returning({ id: suppressions.id })
  if (inserted.length === 0) return false
  await recountListsWith(scope, phoneE164)
  return true
}

/** Removes an opt-out (admin only, checked by the route) with a required reason, logged in the audit. */
export async function removeOptOut(scope: TenantScope, id: number, reason: string): Promise<OptOutResult> {
  const row = await getOptOut(scope, id)
  const why = reason.trim()
  if (!why) return { ok: false, field: 'reason', message: 'optouts.remove.reasonRequired' }
  await scope.db.delete(suppressions).where(ownedRow(scope, suppressions, id))
  await audit(scope, 'optout.remove', String(id), {
    phone: row.phoneE164,
    previousReason: row.reason,
    reason: why.slice(0, 500),
  })
  await recountListsWith(scope, row.phoneE164)
  return { ok: true, message: 'optouts.removed', vars: { phone: row.phoneE164 } }
}

/**
 * LGPD erasure: deletes the person (profile, fields, tags) and their contacts from every list, blanks their name and text in every
 * campaign message (rows stay for the counts), deletes their poll votes (decision 038), drops rejected rows that hold the number, and keeps
 * only the suppression (reason 'erased') so they are never messaged again.
 */
export async function erasePerson(scope: TenantScope, input: { phone: string }): Promise<OptOutResult> {
  const phone = await normaliseTenantPhone(scope, input.phone)
  if (!phone.ok) return { ok: false, field: 'phone', message: textString(phone.text) }
  const e164 = phone.e164
  const lists = await scope.db
    .selectDistinct({ listId: contacts.listId })
    .from(contacts)
    .where(phoneInTenantLists(scope, e164))
  // rejected rows keep the original text: match the number's national digits with separators removed
  const national = e164.startsWith('+55') ? e164.slice(3) : e164.slice(1)
  const stripped = sql`replace(replace(replace(replace(replace(replace(${importRowsRejected.raw}, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`
  const now = scope.clock()
  const files = await inboundMediaKeysOf(scope, e164)
  const [deleted] = await scope.db.batch([
    scope.db.delete(contacts).where(phoneInTenantLists(scope, e164)).returning({ id: contacts.id }),
    // the person (decision 036): profile, fields and tag links (person_tags cascades)
    scope.db.delete(people).where(ownedBy(scope, people, eq(people.phoneE164, e164))),
    eraseContentStatement(scope, e164),
    // archived campaigns (decision 042): applied on every read, then written into the objects
    recordArchiveErasureStatement(scope, e164),
    erasePollVotesStatement(scope, e164),
    ...eraseInboxStatements(scope, e164),
    scope.db
      .delete(importRowsRejected)
      .where(ownedBy(scope, importRowsRejected, sql`${stripped} LIKE ${`%${national}%`}`)),
    scope.db
      .insert(suppressions)
      .values({
        tenantId: scope.tenantId,
        phoneE164: e164,
        reason: 'erased',
        source: 'lgpd',
        createdBy: scope.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [suppressions.tenantId, suppressions.phoneE164],
        set: { reason: 'erased', source: 'lgpd', note: null },
      }),
  ])
  // Files they sent to Respostas (R2 copies) go with their messages.
  await deleteInboundMedia(scope.env, files)
  for (const l of lists) await recountList(scope, l.listId)
  await audit(scope, 'optout.erase', null, { contactsDeleted: deleted.length, lists: lists.length })
  return { ok: true, message: 'optouts.erased', vars: { phone: e164, count: deleted.length } }
}
