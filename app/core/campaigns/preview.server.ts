// The composer's review panel: the message rendered (with the image) for the first contacts of the
// list who will really get it (escaped and WhatsApp-formatted), who will get it and who is left out
// (opted out with SAIR, otherwise suppressed, invalid rows of the import), variables no contact has,
// and (review-sending.server.ts) the estimated finish with the chosen sessions' pacing and the risk
// before launch. Dispatch applies the same rule: a contact whose number is in the tenant's
// suppressions is never sent to.
import { asc, count, eq, inArray, not, sql } from 'drizzle-orm'
import { contactLists, contacts, suppressions, wahaSessions } from '../../../db/schema'
import { ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { audienceReport } from './audience/audience.server'
import type { CampaignAudience } from './audience/spec'
import { isOwnMediaKey } from './media.server'
import { sendingReview } from './review-sending.server'
import type { AudienceCounts, Review, ReviewInput } from './review-types'
import { findUnknownVariables, parseTemplates, renderTemplate } from './template'
import { formatWhatsAppToHtml } from './whatsapp-format'

export type { AudienceCounts, Review, ReviewInput } from './review-types'

/**
 * Column names of the list's imported extra data (usable as {{variables}}). An import gives every
 * contact the same columns, so the first 1,000 contacts are enough and big lists stay cheap.
 */
async function listVariableKeys(scope: TenantScope, listId: string): Promise<string[]> {
  const rows = await scope.db.all<{ key: string }>(
    sql`SELECT DISTINCT j.key AS key
        FROM (SELECT extra FROM ${contacts}
              WHERE ${contacts.tenantId} = ${scope.tenantId} AND ${contacts.listId} = ${listId}
                AND json_valid(${contacts.extra}) ORDER BY ${contacts.id} LIMIT 1000) AS c, json_each(c.extra) AS j
        LIMIT 200`,
  )
  return rows.map((r) => r.key)
}

/** SQL: the contact's number is in the tenant's suppressions (with an optional extra condition). */
function suppressedContact(extra = sql``) {
  // Written out with the outer table's name: a bare column here would bind to the subquery's table.
  return sql`EXISTS (SELECT 1 FROM ${suppressions} s WHERE s.tenant_id = "contacts"."tenant_id" AND s.phone_e164 = "contacts"."phone_e164"${extra})`
}

/**
 * Audience counts of a list: its contacts, those left out (opted out with SAIR and the like, otherwise
 * suppressed: manual, erased, imported opt-out lists), landlines (sent to, shown for information),
 * the import's invalid rows (never became contacts) and those to send.
 */
export async function audienceCounts(scope: TenantScope, listId: string): Promise<AudienceCounts> {
  const row = await scope.db
    .select({
      total: count(),
      optedOut: sql<number>`coalesce(sum(CASE WHEN ${suppressedContact(sql` AND s.reason = 'opt_out'`)} THEN 1 ELSE 0 END), 0)`,
      suppressed: sql<number>`coalesce(sum(CASE WHEN ${suppressedContact(sql` AND s.reason <> 'opt_out'`)} THEN 1 ELSE 0 END), 0)`,
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
  const optedOut = Number(row?.optedOut ?? 0)
  const suppressed = Number(row?.suppressed ?? 0)
  return {
    listName: list?.name ?? null,
    listStatus: list?.status ?? null,
    total,
    optedOut,
    suppressed,
    landline: Number(row?.landline ?? 0),
    invalid: list?.invalid ?? 0,
    toSend: Math.max(0, total - optedOut - suppressed),
  }
}

/** The app's URL of a stored campaign image (the route checks the tenant), or null. */
function mediaUrlOf(scope: Pick<TenantScope, 'tenantId'>, mediaKey: string | null | undefined) {
  return mediaKey && isOwnMediaKey(scope, mediaKey) ? `/campanhas/midia/${mediaKey.split('/').pop()}` : null
}

const PREVIEW_CONTACTS = 3

/** Builds the review for the given (saved or typed) values. */
export async function buildReview(scope: TenantScope, input: ReviewInput, locale = 'pt-BR'): Promise<Review> {
  const texts = input.texts.filter((t) => t.trim() !== '')
  // A voice note goes without text (decision 034): its bubble shows the audio alone.
  const voiceOnly = texts.length === 0 && Boolean(input.mediaKey) && input.mediaKind === 'voice'
  const parsedOk = (texts.length > 0 && parseTemplates(texts).ok) || voiceOnly
  let previews: Review['previews'] = []
  let audience: Review['audience'] = null
  let unknownVariables: string[] = []
  let breakdown: Review['breakdown'] = null
  if (input.audienceSpec) {
    const { sample, variableKeys, ...report } = await audienceReport(scope, input.audienceSpec)
    breakdown = report
    audience = {
      listName: null,
      listStatus: 'ready',
      total: report.chosen,
      optedOut: report.optedOut,
      suppressed: report.suppressed,
      landline: 0,
      invalid: 0,
      toSend: report.toSend,
    }
    if (parsedOk) {
      previews = sample.map((c) => ({
        name: c.name,
        phone: c.phone,
        html: formatWhatsAppToHtml(
          renderTemplate(texts, { name: c.name, phone: c.phone, extra: c.fields }, input.seed),
        ),
      }))
      unknownVariables = findUnknownVariables(texts, variableKeys)
    }
  } else if (input.listId) {
    const [first, counts, keys] = await Promise.all([
      scope.db
        .select({ name: contacts.name, phone: contacts.phoneE164, extra: contacts.extra })
        .from(contacts)
        .where(ownedBy(scope, contacts, eq(contacts.listId, input.listId), not(suppressedContact())))
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
  const { estimate, working, effective, warmup, risk, pollsUnheard } = await sendingReview(
    scope,
    input,
    audience,
    texts,
    locale,
  )
  const url = mediaUrlOf(scope, input.mediaKey)
  const kind = input.mediaKey ? (input.mediaKind ?? 'image') : null
  return {
    previews,
    image: kind === 'image' ? url : null,
    media: url && kind ? { url, kind, name: input.mediaName ?? null } : null,
    poll: input.poll ?? null,
    audience,
    breakdown,
    unknownVariables,
    estimate,
    warmup,
    pollsUnheard,
    risk,
    workingSessions: working,
    effective,
    areaCodeAffinity: input.areaCodeAffinity ?? false,
  }
}

export type LaunchSummary = {
  campaignId: string
  name: string
  listName: string | null
  toSend: number
  optedOut: number
  suppressed: number
  sessions: number
  connected: number
}

/** The numbers "Enviar agora" asks the user to confirm: who gets it and through how many sessions. */
export async function launchSummary(
  scope: TenantScope,
  campaign: {
    id: string
    name: string
    listId: string | null
    audience?: CampaignAudience | null
    sessionIds: string[]
  },
): Promise<LaunchSummary> {
  const [audience, sessions] = await Promise.all([
    campaign.audience
      ? audienceReport(scope, campaign.audience).then((r) => ({ ...r, listName: null }))
      : campaign.listId
        ? audienceCounts(scope, campaign.listId)
        : null,
    campaign.sessionIds.length === 0
      ? []
      : scope.db
          .select({ status: wahaSessions.status })
          .from(wahaSessions)
          .where(ownedBy(scope, wahaSessions, inArray(wahaSessions.id, campaign.sessionIds))),
  ])
  return {
    campaignId: campaign.id,
    name: campaign.name,
    listName: audience?.listName ?? null,
    toSend: audience?.toSend ?? 0,
    optedOut: audience?.optedOut ?? 0,
    suppressed: audience?.suppressed ?? 0,
    sessions: sessions.length,
    connected: sessions.filter((s) => s.status === 'WORKING').length,
  }
}
