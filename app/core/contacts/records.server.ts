// Contacts and lists as records, for the public API (decision 030): one contact by id, pages of
// contacts and lists by keyset cursor, and the batch upsert of contacts into a list. Pages and their
// counters come from the same core as the Contatos pages (lists.server.ts, list-counts.server.ts);
// phones are normalised by the same rules as an import (app/core/phone/brazil.ts).
import { and, desc, eq, gt, lt, or } from 'drizzle-orm'
import { contactLists, contacts, tenants } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import { found, ownedBy, type TenantScope } from '../db/tenant.server'
import { normalizeBrPhone } from '../phone/brazil'
import { audit } from '../tenants/audit.server'
import { lookupPhones } from './import/write.server'
import { withLiveCounts } from './list-counts.server'
import { getList, OPTED_OUT, recountList } from './lists.server'
import { phoneInTenantLists } from './optouts.server'
import { type PersonJsonRow, personIdOf, upsertPeopleSql } from './people-sql.server'
import { UPSERT_MAX } from './upsert-limit'

const CONTACT_COLUMNS = {
  id: contacts.id,
  listId: contacts.listId,
  personId: contacts.personId,
  name: contacts.name,
  phoneE164: contacts.phoneE164,
  phoneKind: contacts.phoneKind,
  email: contacts.email,
  company: contacts.company,
  extra: contacts.extra,
  createdAt: contacts.createdAt,
  optedOut: OPTED_OUT,
}

type ContactRow = { optedOut: number } & Omit<ContactRecord, 'optedOut'>

export type ContactRecord = {
  id: number
  listId: string
  personId: number
  name: string
  phoneE164: string
  phoneKind: 'mobile' | 'landline'
  email: string | null
  company: string | null
  extra: Record<string, string> | null
  createdAt: number
  optedOut: boolean
}

const record = (r: ContactRow): ContactRecord => ({ ...r, optedOut: Boolean(r.optedOut) })

/** One contact (404 for a missing id or another tenant's). */
export async function getContact(scope: TenantScope, id: number): Promise<ContactRecord> {
  const row = await scope.db
    .select(CONTACT_COLUMNS)
    .from(contacts)
    .where(ownedBy(scope, contacts, eq(contacts.id, id)))
    .get()
  return record(found(row, 'contact'))
}

/**
 * A page of the tenant's contacts in id order after `afterId`, optionally of one list (404 when it is
 * not the tenant's) and of one E.164 phone. `next` is the last id when more follow.
 */
export async function pageContacts(
  scope: TenantScope,
  opts: { listId?: string; phoneE164?: string; afterId?: number; limit: number },
): Promise<{ rows: ContactRecord[]; next: number | null }> {
  if (opts.listId) await getList(scope, opts.listId)
  const inLists = opts.listId
    ? ownedBy(scope, contacts, eq(contacts.listId, opts.listId))
    : opts.phoneE164
      ? phoneInTenantLists(scope, opts.phoneE164)
      : ownedBy(scope, contacts)
  const rows = await scope.db
    .select(CONTACT_COLUMNS)
    .from(contacts)
    .where(
      and(
        inLists,
        opts.phoneE164 ? eq(contacts.phoneE164, opts.phoneE164) : undefined,
        opts.afterId !== undefined ? gt(contacts.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(contacts.id)
    .limit(opts.limit + 1)
  const more = rows.length > opts.limit
  const page = rows.slice(0, opts.limit).map(record)
  return { rows: page, next: more ? (page[page.length - 1]?.id ?? null) : null }
}

/** A list cursor: the last row's creation time and id (lists go newest first). */
export type ListCursor = { createdAt: number; id: string }

/** A page of the tenant's lists, newest first, with their live counters. */
export async function pageLists(scope: TenantScope, opts: { after?: ListCursor; limit: number }) {
  const after = opts.after
  const rows = await scope.db
    .select({
      id: contactLists.id,
      name: contactLists.name,
      status: contactLists.status,
      validCount: contactLists.validCount,
      invalidCount: contactLists.invalidCount,
      duplicateCount: contactLists.duplicateCount,
      suppressedCount: contactLists.suppressedCount,
      landlineCount: contactLists.landlineCount,
      createdAt: contactLists.createdAt,
    })
    .from(contactLists)
    .where(
      ownedBy(
        scope,
        contactLists,
        after
          ? or(
              lt(contactLists.createdAt, after.createdAt),
              and(eq(contactLists.createdAt, after.createdAt), lt(contactLists.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(contactLists.createdAt), desc(contactLists.id))
    .limit(opts.limit + 1)
  const more = rows.length > opts.limit
  const page = await withLiveCounts(scope, rows.slice(0, opts.limit))
  const last = page[page.length - 1]
  return { rows: page, next: more && last ? { createdAt: last.createdAt, id: last.id } : null }
}

export type UpsertContactInput = {
  phone: string
  name?: string
  email?: string
  company?: string
  extra?: Record<string, string>
}

type UpsertItemResult =
  | { index: number; status: 'created' | 'updated'; id: number; phoneE164: string }
  | { index: number; status: 'failed'; error: Text }

export type UpsertResult =
  | { ok: true; results: UpsertItemResult[]; created: number; updated: number; failed: number }
  | { ok: false; reason: 'listNotReady' }

/**
 * Adds contacts to a ready list, or updates the ones whose phone is already in it (matched by E.164).
 * Each item is judged alone: a phone the import would refuse, or one repeated in the batch, fails with
 * its reason and the others are written. Fields left out keep their stored value; `extra` is replaced
 * whole. One D1 batch; the list's counters are recomputed after it.
 */
export async function upsertContacts(
  scope: TenantScope,
  listId: string,
  items: readonly UpsertContactInput[],
): Promise<UpsertResult> {
  if (items.length > UPSERT_MAX) throw new RangeError(`at most ${UPSERT_MAX} contacts per upsert`)
  const list = await getList(scope, listId)
  if (list.status !== 'ready') return { ok: false, reason: 'listNotReady' }
  const tenant = await scope.db
    .select({ intl: tenants.allowInternational })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .get()
  const results: UpsertItemResult[] = []
  const firstIndex = new Map<string, number>()
  const accepted: Array<{ index: number; phone: string; kind: string; item: UpsertContactInput }> = []
  for (const [index, item] of items.entries()) {
    const phone = normalizeBrPhone(item.phone, { allowInternational: tenant?.intl ?? false })
    const first = phone.ok ? firstIndex.get(phone.e164) : undefined
    if (!phone.ok) results.push({ index, status: 'failed', error: phone.text })
    else if (first !== undefined)
      results.push({ index, status: 'failed', error: text('api.contacts.repeated', { first }) })
    else {
      firstIndex.set(phone.e164, index)
      accepted.push({ index, phone: phone.e164, kind: phone.kind, item })
    }
  }
  if (accepted.length > 0) {
    const { existing } = await lookupPhones(
      scope,
      listId,
      accepted.map((a) => a.phone),
    )
    const rows: PersonJsonRow[] = accepted.map(({ phone, kind, item }) => [
      item.name?.trim().slice(0, 200) ?? '',
      phone,
      kind,
      item.email?.trim() || null,
      item.company?.trim().slice(0, 200) || null,
      item.extra && Object.keys(item.extra).length > 0 ? item.extra : null,
    ])
    const json = JSON.stringify(rows)
    const now = scope.clock()
    // Rows travel as one JSON parameter (D1 caps bound parameters, not string size). Bound tenant_id
    // and the list's ownership check keep the ownedBy rule by hand, as the import does. The person
    // (decision 036) is merged first, then the list row points at it; one batch, one transaction.
    const ownList = (param: string) =>
      `EXISTS (SELECT 1 FROM contact_lists l WHERE l.id = ${param} AND l.tenant_id = ?1)`
    const [, written] = await scope.db.$client.batch<{ id: number; phone: string }>([
      scope.db.$client.prepare(upsertPeopleSql(ownList('?4'))).bind(scope.tenantId, json, now, listId),
      scope.db.$client
        .prepare(
          `INSERT INTO contacts (tenant_id, list_id, person_id, name, phone_e164, phone_kind, email, company, extra, created_at)
        SELECT ?1, ?2, ${personIdOf('j.value ->> 1')}, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'),
          json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'),
          json_extract(j.value, '$[5]'), ?3
        FROM json_each(?4) AS j
        WHERE ${ownList('?2')}
        ON CONFLICT (list_id, phone_e164) DO UPDATE SET
          name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE contacts.name END,
          email = coalesce(excluded.email, contacts.email),
          company = coalesce(excluded.company, contacts.company),
          extra = coalesce(excluded.extra, contacts.extra)
        RETURNING id, phone_e164 AS phone`,
        )
        .bind(scope.tenantId, listId, now, json),
    ])
    const ids = new Map((written?.results ?? []).map((r) => [r.phone, r.id]))
    for (const a of accepted) {
      const id = ids.get(a.phone)
      if (id === undefined)
        results.push({ index: a.index, status: 'failed', error: text('api.contacts.notWritten') })
      else
        results.push({
          index: a.index,
          status: existing.has(a.phone) ? 'updated' : 'created',
          id,
          phoneE164: a.phone,
        })
    }
    await recountList(scope, listId)
  }
  results.sort((a, b) => a.index - b.index)
  const tally = { created: 0, updated: 0, failed: 0 }
  for (const r of results) tally[r.status]++
  await audit(scope, 'contacts.upsert', listId, tally)
  return { ok: true, results, ...tally }
}
