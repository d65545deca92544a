// A person of the team (decision 036): the merged profile, the lists that hold the phone (each list's
// row), the phone's opt-out and the person's tags. Memberships are found by phone through the team's
// lists (decision 010's one phone index), not by person_id, which has no index.
import { asc, desc, eq, sql } from 'drizzle-orm'
import { campaignMessages, campaigns, contactLists, contacts, people, suppressions } from '../../../db/schema'
import { withArchivedTimeline } from '../campaigns/archive-timeline.server'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import { isPlausibleEmail } from './import/contact-rows'
import { phoneInTenantLists } from './optouts.server'
import { requirePerson, tagsOfPerson } from './tags.server'

/** One person with lists, opt-out and tags; NotFoundError for an id of another team. */
export async function getPerson(scope: TenantScope, personId: number) {
  const person = found(
    await scope.db
      .select()
      .from(people)
      .where(ownedRow(scope, people, personId))
      .get(),
    'person',
  )
  const [lists, optOut, tags] = await Promise.all([
    scope.db
      .select({
        id: contactLists.id,
        name: contactLists.name,
        rowName: contacts.name,
        addedAt: contacts.createdAt,
      })
      .from(contacts)
      .innerJoin(contactLists, eq(contactLists.id, contacts.listId))
      .where(phoneInTenantLists(scope, person.phoneE164))
      .orderBy(asc(contacts.createdAt)),
    scope.db
      .select({ reason: suppressions.reason, createdAt: suppressions.createdAt })
      .from(suppressions)
      .where(ownedBy(scope, suppressions, eq(suppressions.phoneE164, person.phoneE164)))
      .get(),
    tagsOfPerson(scope, personId),
  ])
  return {
    person,
    lists,
    optOut: optOut ?? null,
    tags,
    timeline: await withArchivedTimeline(
      scope,
      person.phoneE164,
      await timelineOf(scope, person.phoneE164),
      TIMELINE_MAX,
    ),
  }
}

/** Most campaign messages a person's page shows (newest first). */
const TIMELINE_MAX = 50

/**
 * The phone's messages across every campaign of the team, newest first: when each was sent,
 * delivered, read, clicked and replied (the `(tenant_id, phone_e164, sent_at)` outbox index).
 */
function timelineOf(scope: TenantScope, phoneE164: string) {
  return scope.db
    .select({
      id: campaignMessages.id,
      campaignId: campaigns.id,
      campaign: campaigns.name,
      status: campaignMessages.status,
      sentAt: campaignMessages.sentAt,
      deliveredAt: campaignMessages.deliveredAt,
      readAt: campaignMessages.readAt,
      clickedAt: campaignMessages.clickedAt,
      repliedAt: campaignMessages.repliedAt,
      failedAt: campaignMessages.failedAt,
    })
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .where(ownedBy(scope, campaignMessages, eq(campaignMessages.phoneE164, phoneE164)))
    .orderBy(desc(sql`coalesce(${campaignMessages.sentAt}, ${campaignMessages.updatedAt})`))
    .limit(TIMELINE_MAX)
}

export type PersonEdit = { name: string; email: string; company: string }

/**
 * Edits the person's own values (the lists keep theirs). An empty e-mail or company clears it; an
 * implausible e-mail is refused.
 */
export async function updatePerson(
  scope: TenantScope,
  personId: number,
  edit: PersonEdit,
): Promise<{ ok: true } | { ok: false; field: 'email' }> {
  await requirePerson(scope, personId)
  const email = edit.email.trim().toLowerCase()
  if (email !== '' && !isPlausibleEmail(email)) return { ok: false, field: 'email' }
  await scope.db
    .update(people)
    .set({
      name: edit.name.replace(/\s+/g, ' ').trim().slice(0, 200),
      email: email || null,
      company: edit.company.trim().slice(0, 200) || null,
      updatedAt: scope.clock(),
    })
    .where(ownedRow(scope, people, personId))
  await audit(scope, 'person.update', String(personId), {})
  return { ok: true }
}
