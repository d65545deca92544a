// The audience frozen at release (decision 039): the first dispatch of a campaign with an audience
// writes its people into `campaign_audience` in ONE statement (nothing loaded into the Worker), together
// with the segments' definitions as they are now, in one D1 batch (a transaction). The insert runs only
// while the campaign is not frozen yet, so a redelivered or duplicated job adds nobody later. Dispatch
// then pages over the frozen set by person id: people added to a list or segment afterwards get nothing.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import { campaignAudience, campaigns, people } from '../../../../db/schema'
import type { AudienceScope } from './audience.server'
import { resolveAudience } from './audience.server'
import type { CampaignAudience } from './spec'

/**
 * The outbox row's `contact_id` for a person of a frozen audience: the person's id above 2^40, so one
 * row per person under the outbox's unique (campaign_id, contact_id), positive (the report pages and
 * exports by it) and never a list row's id (list rows stay far below a trillion; the chat id cached
 * on a list row is never read for someone else).
 */
export const PERSON_ROW_BASE = 2 ** 40

/**
 * Freezes the campaign's audience once: `frozen` when this call froze it, `already` when it was, and
 * `exclusionGone` (nothing written) when a list or segment to leave out was deleted since the review:
 * the audience would silently grow, so the caller pauses the campaign instead (decision 039).
 */
export async function freezeAudience(
  scope: AudienceScope,
  campaign: { id: string; audience: CampaignAudience },
): Promise<'frozen' | 'already' | 'exclusionGone'> {
  const r = await resolveAudience(scope, campaign.audience)
  const gone =
    campaign.audience.exclude.lists.some((id) => r.missing.lists.includes(id)) ||
    campaign.audience.exclude.segments.some((id) => r.missing.segments.includes(id))
  if (gone) return 'exclusionGone'
  const notFrozen = sql`EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.id} = ${campaign.id} AND ${campaigns.audienceFrozenAt} IS NULL)`
  const [, frozen] = await scope.db.batch([
    scope.db
      .insert(campaignAudience)
      .select(
        scope.db
          .select({
            campaignId: sql<string>`${campaign.id}`.as('campaign_id'),
            tenantId: sql<string>`${scope.tenantId}`.as('tenant_id'),
            personId: people.id,
          })
          .from(people)
          .where(and(r.where, notFrozen)),
      )
      .onConflictDoNothing(),
    scope.db
      .update(campaigns)
      .set({ audienceFrozenAt: scope.clock(), audienceSegments: r.snapshot })
      .where(
        and(
          eq(campaigns.id, campaign.id),
          eq(campaigns.tenantId, scope.tenantId),
          isNull(campaigns.audienceFrozenAt),
        ),
      )
      .returning({ id: campaigns.id }),
  ])
  return frozen.length > 0 ? 'frozen' : 'already'
}

export type AudiencePageRow = {
  personId: number
  name: string | null
  phone: string | null
  fields: Record<string, string> | null
}

/**
 * The next `limit` frozen people after `cursor` (by person id). A person erased since the freeze comes
 * back without a phone (LEFT JOIN) so the page still advances over them.
 */
export async function frozenAudiencePage(
  scope: AudienceScope,
  campaignId: string,
  cursor: number,
  limit: number,
): Promise<AudiencePageRow[]> {
  return scope.db
    .select({
      personId: campaignAudience.personId,
      name: people.name,
      phone: people.phoneE164,
      fields: people.fields,
    })
    .from(campaignAudience)
    .leftJoin(people, and(eq(people.id, campaignAudience.personId), eq(people.tenantId, scope.tenantId)))
    .where(and(eq(campaignAudience.campaignId, campaignId), gt(campaignAudience.personId, cursor)))
    .orderBy(asc(campaignAudience.personId))
    .limit(limit)
}
