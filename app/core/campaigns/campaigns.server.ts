// Campaign rows for the composer, the list and the detail page: read, save (drafts and scheduled
// campaigns only), duplicate, and the readiness checks that need the database (the list and sessions
// are the tenant's own, the list has someone to send to, a session is connected).
import { asc, desc, inArray } from 'drizzle-orm'
import { aiProviders, campaigns, contactLists, wahaSessions } from '../../../db/schema'
import { withLiveCounts } from '../contacts/list-counts.server'
import { listSegments } from '../contacts/segments/segments.server'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { campaignPacing, effectivePacing } from '../sending/effective-pacing'
import { DEFAULT_TIME_ZONE, type Pacing } from '../sending/pacing'
import { sessionPacing } from '../sending/session-config.server'
import { checkAudience } from './audience/checks.server'
import { audienceOf } from './audience/spec'
import { logCampaignEvent } from './campaign-events.server'
import { type ComposerInput, campaignRestOf, orderSessions, textsOf, windowOf } from './composer-schema'
import { mediaExists } from './media.server'
import { isMediaKind } from './media-kinds'
import { pollSpecOf } from './poll'
import { audienceCounts } from './preview.server'
import { stepProblems, stepsOf } from './steps'

export type CampaignRow = typeof campaigns.$inferSelect
export type FieldErrors = Record<string, string[]>

/** The campaign, or NotFoundError (also for other tenants' ids). */
export async function getCampaign(scope: TenantScope, id: string): Promise<CampaignRow> {
  return found(
    await scope.db
      .select()
      .from(campaigns)
      .where(ownedRow(scope, campaigns, id))
      .get(),
    'campaign',
  )
}

/**
 * What the composer offers: lists (ready, or still importing) with their live counts (an `empty` list
 * is shown but cannot be chosen), sessions, AI providers.
 */
export async function composerOptions(scope: TenantScope) {
  const [listRows, sessions, providers, segmentRows] = await Promise.all([
    scope.db
      .select({
        id: contactLists.id,
        name: contactLists.name,
        status: contactLists.status,
        validCount: contactLists.validCount,
        invalidCount: contactLists.invalidCount,
        duplicateCount: contactLists.duplicateCount,
        suppressedCount: contactLists.suppressedCount,
        landlineCount: contactLists.landlineCount,
      })
      .from(contactLists)
      .where(
        ownedBy(
          scope,
          contactLists,
          inArray(contactLists.status, ['ready', 'importing', 'mapping', 'uploaded']),
        ),
      )
      .orderBy(desc(contactLists.createdAt)),
    listSessions(scope),
    scope.db
      .select({
        id: aiProviders.id,
        name: aiProviders.name,
        platform: aiProviders.platform,
        model: aiProviders.model,
        isDefault: aiProviders.isDefault,
      })
      .from(aiProviders)
      .where(ownedBy(scope, aiProviders))
      .orderBy(desc(aiProviders.isDefault), asc(aiProviders.name)),
    listSegments(scope),
  ])
  const lists = (await withLiveCounts(scope, listRows)).map((l) => ({
    id: l.id,
    name: l.name,
    status: l.status,
    validCount: l.counts.valid,
    landlineCount: l.counts.landline,
    empty: l.counts.empty,
  }))
  const segments = segmentRows.map((s) => ({ id: String(s.id), name: s.name }))
  return { lists, sessions, providers, segments }
}

async function listSessions(scope: TenantScope) {
  return scope.db
    .select({
      id: wahaSessions.id,
      displayName: wahaSessions.displayName,
      phone: wahaSessions.phone,
      status: wahaSessions.status,
      isPrimary: wahaSessions.isPrimary,
      failoverPriority: wahaSessions.failoverPriority,
      minDelayS: wahaSessions.minDelayS,
      maxDelayS: wahaSessions.maxDelayS,
      maxPerMinute: wahaSessions.maxPerMinute,
      dailyCap: wahaSessions.dailyCap,
      windowDays: wahaSessions.windowDays,
      windowStartMin: wahaSessions.windowStartMin,
      windowEndMin: wahaSessions.windowEndMin,
    })
    .from(wahaSessions)
    .where(ownedBy(scope, wahaSessions))
    .orderBy(desc(wahaSessions.isPrimary), asc(wahaSessions.failoverPriority), asc(wahaSessions.displayName))
}

/** The row values the form maps to. */
export function campaignValues(v: ComposerInput) {
  return {
    name: (v.name ?? '').trim(),
    listId: v.listId || null,
    audience: audienceOf(v),
    texts: textsOf(v),
    mediaKey: v.mediaKey || null,
    mediaType: v.mediaKey ? v.mediaType || null : null,
    mediaKind: v.mediaKey && isMediaKind(v.mediaKind) ? v.mediaKind : null,
    mediaName: v.mediaKey && v.mediaKind === 'document' ? v.mediaName || null : null,
    sessionIds: orderSessions(v.sessionIds ?? [], v.priority ?? {}),
    minDelayS: v.minDelayS,
    maxDelayS: v.maxDelayS,
    maxPerMinute: v.maxPerMinute,
    dailyCap: v.dailyCap,
    window: windowOf(v),
    ...campaignRestOf(v),
    areaCodeAffinity: v.areaCodeAffinity ?? false,
    simulateTyping: v.simulateTyping ?? false,
    linkTracking: v.linkTracking ?? false,
    linkPreview: v.linkPreview ?? false,
    poll: pollSpecOf(v),
    ...followUpsOf(v),
  }
}

/** The follow-up steps and confirmation to store (decision 040); steps with problems are not stored. */
function followUpsOf(v: ComposerInput) {
  const input = v.steps ?? []
  const firstPoll = v.pollOn ? (pollSpecOf(v)?.options ?? null) : null
  const steps = input.length > 0 && stepProblems(input, firstPoll).length === 0 ? stepsOf(input) : []
  return { steps: steps.length > 0 ? steps : null, confirmation: v.confirmation?.trim() || null }
}

/**
 * Checks that need the database. Always: the list, sessions and image are the tenant's own, and a
 * ready list has someone to send to (an empty list cannot be chosen). With `full` (schedule/launch):
 * the list is ready; with `launch` a chosen session is connected (WORKING). Messages are i18n keys by
 * field name.
 */
export async function checkReferences(
  scope: TenantScope,
  v: ComposerInput,
  mode: 'save' | 'full' | 'launch',
  /** The campaign's own pacing when it comes from a saved row rather than the form's fields. */
  saved?: Pacing | null,
): Promise<FieldErrors> {
  const errors: FieldErrors = {}
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message]
  }
  const audience = audienceOf(v)
  if (v.listId) {
    const list = await scope.db
      .select({ id: contactLists.id, status: contactLists.status })
      .from(contactLists)
      .where(ownedRow(scope, contactLists, v.listId))
      .get()
    if (!list) add('listId', 'campaigns.errors.listNotFound')
    else if (mode !== 'save' && list.status !== 'ready') add('listId', 'campaigns.errors.listNotReady')
    // an empty list (ready, nobody who can receive) cannot be chosen at all, not even for a draft
    else if (!audience && list.status === 'ready' && (await audienceCounts(scope, v.listId)).toSend < 1)
      add('listId', 'campaigns.errors.listEmpty')
  }
  if (audience) await checkAudience(scope, audience, mode, add)
  const ids = v.sessionIds ?? []
  if (ids.length > 0) {
    const rows = await scope.db
      .select()
      .from(wahaSessions)
      .where(ownedBy(scope, wahaSessions, inArray(wahaSessions.id, ids)))
    if (rows.length !== new Set(ids).size) add('sessionIds', 'campaigns.errors.sessionNotFound')
    else if (mode === 'launch' && !rows.some((r) => r.status === 'WORKING'))
      add('sessionIds', 'campaigns.errors.noWorkingSession')
    // A session whose send window never meets the campaign's would hold its share of rows forever.
    const own = saved !== undefined ? saved : campaignPacing(campaignValues(v), DEFAULT_TIME_ZONE)
    if (mode !== 'save' && rows.some((r) => effectivePacing(sessionPacing(r), own).windowEmpty))
      add('windowDays', 'campaigns.errors.windowNoOverlap')
  }
  if (v.mediaKey && !(await mediaExists(scope, v.mediaKey))) add('image', 'campaigns.errors.imageMissing')
  return errors
}

export { unschedule } from './lifecycle.server'

/** Copies a campaign (any status) as a new draft named "<nome> (cópia)". */
export async function duplicateCampaign(
  scope: TenantScope,
  id: string,
  suffix = ' (cópia)',
): Promise<string> {
  const c = await getCampaign(scope, id)
  const copyId = newId('cmp')
  const now = scope.clock()
  await scope.db.insert(campaigns).values({
    id: copyId,
    tenantId: scope.tenantId,
    name: `${c.name}${suffix}`.slice(0, 160),
    status: 'draft',
    listId: c.listId,
    audience: c.audience,
    texts: c.texts,
    mediaKey: c.mediaKey,
    mediaType: c.mediaType,
    mediaKind: c.mediaKind,
    mediaName: c.mediaName,
    sessionIds: c.sessionIds,
    minDelayS: c.minDelayS,
    maxDelayS: c.maxDelayS,
    maxPerMinute: c.maxPerMinute,
    dailyCap: c.dailyCap,
    window: c.window,
    packageMin: c.packageMin,
    packageMax: c.packageMax,
    restMinMin: c.restMinMin,
    restMaxMin: c.restMaxMin,
    areaCodeAffinity: c.areaCodeAffinity,
    simulateTyping: c.simulateTyping,
    linkTracking: c.linkTracking,
    linkPreview: c.linkPreview,
    poll: c.poll,
    steps: c.steps,
    confirmation: c.confirmation,
    createdBy: scope.userId,
    createdAt: now,
    updatedAt: now,
  })
  await logCampaignEvent(scope, scope.tenantId, copyId, 'created', `copy:${id}`, scope.userId)
  return copyId
}
