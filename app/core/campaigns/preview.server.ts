// The composer's review panel: the message rendered for the first real contacts of the list
// (escaped and WhatsApp-formatted), who will get it (to send, suppressed, landlines, invalid rows),
// variables no contact has, and the estimated finish with the chosen sessions' pacing.
import { asc, count, eq, inArray, sql } from 'drizzle-orm'
import { contactLists, contacts, suppressions, wahaSessions } from '../../../db/schema'
import { type TenantScope, ownedBy, ownedRow } from '../db/tenant.server'
import { DEFAULT_TIME_ZONE, type Pacing, type SendWindow } from './pacing'
import { estimateFinish, formatDuration } from './pacing-estimate'
import { findUnknownVariables, parseTemplates, renderTemplate } from './template'
import { formatWhatsAppToHtml } from './whatsapp-format'

export type ReviewInput = {
  seed: string
  listId: string | null
  texts: string[]
  sessionIds: string[]
  pacing: {
    minDelayS: number
    maxDelayS: number
    maxPerMinute: number
    dailyCap: number
    window: SendWindow | null
  }
}

export type Review = {
  previews: { name: string; phone: string; html: string }[]
  audience: Awaited<ReturnType<typeof audienceCounts>> | null
  unknownVariables: string[]
  estimate: { text: string; sessions: number; finishAt: number | null } | null
  workingSessions: number
}

/**
 * Column names of the list's imported extra data (usable as {{variables}}). An import gives every
 * contact the same columns, so the first 1,000 contacts are enough and big lists stay cheap.
 */
export async function listVariableKeys(scope: TenantScope, listId: string): Promise<string[]> {
  const rows = await scope.db.all<{ key: string }>(
    sql`SELECT DISTINCT j.key AS key
        FROM (SELECT extra FROM ${contacts}
              WHERE ${contacts.tenantId} = ${scope.tenantId} AND ${contacts.listId} = ${listId}
                AND json_valid(${contacts.extra}) ORDER BY ${contacts.id} LIMIT 1000) AS c, json_each(c.extra) AS j
        LIMIT 200`,
  )
  return rows.map((r) => r.key)
}

/** Audience counts of a list: contacts, those suppressed by the tenant, landlines, and those to send. */
export async function audienceCounts(scope: TenantScope, listId: string) {
  const row = await scope.db
    .select({
      total: count(),
      // Written out with the outer table's name: a bare column here would bind to the subquery's table.
      suppressed: sql<number>`coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM ${suppressions} s WHERE s.tenant_id = "contacts"."tenant_id" AND s.phone_e164 = "contacts"."phone_e164") THEN 1 ELSE 0 END), 0)`,
      landline: sql<number>`coalesce(sum(CASE WHEN ${contacts.phoneKind} = 'landline' THEN 1 ELSE 0 END), 0)`,
    })
    .from(contacts)
    .where(ownedBy(scope, contacts, eq(contacts.listId, listId)))
    .get()
  const list = await scope.db
    .select({ invalid: contactLists.invalidCount, status: contactLists.status, name: contactLists.name })
    .from(contactLists)
    .where(ownedRow(scope, contactLists, listId))
    .get()
  const total = row?.total ?? 0
  const suppressed = Number(row?.suppressed ?? 0)
  return {
    listName: list?.name ?? null,
    listStatus: list?.status ?? null,
    total,
    suppressed,
    landline: Number(row?.landline ?? 0),
    invalid: list?.invalid ?? 0,
    toSend: Math.max(0, total - suppressed),
  }
}

const PREVIEW_CONTACTS = 3

/** Builds the review for the given (saved or typed) values. */
export async function buildReview(scope: TenantScope, input: ReviewInput, locale = 'pt-BR'): Promise<Review> {
  const texts = input.texts.filter((t) => t.trim() !== '')
  const parsedOk = texts.length > 0 && parseTemplates(texts).ok
  let previews: Review['previews'] = []
  let audience: Review['audience'] = null
  let unknownVariables: string[] = []
  if (input.listId) {
    const [first, counts, keys] = await Promise.all([
      scope.db
        .select({ name: contacts.name, phone: contacts.phoneE164, extra: contacts.extra })
        .from(contacts)
        .where(ownedBy(scope, contacts, eq(contacts.listId, input.listId)))
        .orderBy(asc(contacts.id))
        .limit(PREVIEW_CONTACTS),
      audienceCounts(scope, input.listId),
      listVariableKeys(scope, input.listId),
    ])
    audience = counts.listStatus ? counts : null
    if (audience && parsedOk) {
      previews = first.map((c) => ({
        name: c.name,
        phone: c.phone,
        html: formatWhatsAppToHtml(
          renderTemplate(texts, { name: c.name, phone: c.phone, extra: c.extra ?? {} }, input.seed),
        ),
      }))
      unknownVariables = findUnknownVariables(texts, keys)
    }
  }
  const sessions =
    input.sessionIds.length === 0
      ? []
      : await scope.db
          .select({ id: wahaSessions.id, status: wahaSessions.status })
          .from(wahaSessions)
          .where(ownedBy(scope, wahaSessions, inArray(wahaSessions.id, input.sessionIds)))
  const working = sessions.filter((s) => s.status === 'WORKING').length
  let estimate: Review['estimate'] = null
  const sending = working > 0 ? working : sessions.length
  if (audience && sending > 0) {
    const pacing: Pacing = { ...input.pacing, timeZone: DEFAULT_TIME_ZONE }
    const valid =
      pacing.minDelayS >= 0 &&
      pacing.maxDelayS >= pacing.minDelayS &&
      pacing.maxPerMinute >= 1 &&
      pacing.dailyCap >= 1
    if (valid && (!pacing.window || pacing.window.days.length > 0)) {
      const result = estimateFinish({
        messages: audience.toSend,
        sessions: Array(sending).fill(pacing),
        now: scope.clock(),
      })
      estimate = {
        text: result.durationMs === null ? '' : formatDuration(result.durationMs, locale),
        sessions: sending,
        finishAt: result.finishAt,
      }
    }
  }
  return { previews, audience, unknownVariables, estimate, workingSessions: working }
}
