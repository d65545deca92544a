// The composer's writes, as one D1 batch (one transaction): the new form's row (created once per form
// token, decision 008) with its `created` line, the typed values on an editable row, and for "Agendar"
// the status change with its `scheduled` line (lifecycle.server.ts owns that statement). A campaign
// is saved and scheduled together or not at all; the outcome is read back from the row.
import { and, inArray } from 'drizzle-orm'
import { campaigns } from '../../../db/schema'
import { found, ownedRow, type TenantScope } from '../db/tenant.server'
import { eventIfChanged } from './campaign-events.server'
import { type CampaignRow, campaignValues } from './campaigns.server'
import { type ComposerInput, TOKEN_PATTERN } from './composer-schema'
import { type LifecycleResult, scheduleRefused, scheduleStatements } from './lifecycle.server'

const EDITABLE = ['draft', 'scheduled'] as const

/** `{ token }` (the new form) creates `cmp_<token>` once; `{ id }` edits a draft or scheduled one. */
export type SaveTarget = { id: string } | { token: string }

export type SaveOutcome =
  /** Saved (and scheduled, when asked). `campaign` is the row as it is now. */
  | { ok: true; campaign: CampaignRow; schedule: LifecycleResult | null }
  /** Nothing was written: the token is malformed or someone else's, or the row is no longer editable. */
  | { ok: false; message: string }

/**
 * Saves the composer's values, and schedules the campaign for `scheduleAt` when given, in one batch.
 * A repeated POST with the same token updates that same campaign while it is still editable, so a
 * double click never makes two; once it has left the editable statuses, the row is returned as it is
 * (the form posted again goes to the running campaign).
 */
export async function saveComposer(
  scope: TenantScope,
  target: SaveTarget,
  v: ComposerInput,
  scheduleAt: number | null,
  baseUrl: string,
): Promise<SaveOutcome> {
  if ('token' in target && !TOKEN_PATTERN.test(target.token))
    return { ok: false, message: 'campaigns.errors.token' }
  const id = 'token' in target ? `cmp_${target.token}` : target.id
  const now = scope.clock()
  const values = { ...campaignValues(v), updatedAt: now }
  const create =
    'token' in target
      ? [
          scope.db
            .insert(campaigns)
            .values({
              id,
              tenantId: scope.tenantId,
              status: 'draft',
              createdBy: scope.userId,
              createdAt: now,
              ...values,
            })
            .onConflictDoNothing(),
          eventIfChanged(scope.db, {
            tenantId: scope.tenantId,
            campaignId: id,
            kind: 'created',
            userId: scope.userId,
            at: now,
          }),
        ]
      : []
  const update = scope.db
    .update(campaigns)
    .set(values)
    .where(and(ownedRow(scope, campaigns, id), inArray(campaigns.status, [...EDITABLE])))
    .returning({ id: campaigns.id })
  const schedule = scheduleAt === null ? [] : scheduleStatements(scope, id, scheduleAt, baseUrl)
  const results = await scope.db.batch([...create, update, ...schedule] as unknown as [typeof update])
  const moved = scheduleAt !== null && (results[create.length + 1] as { id: string }[]).length > 0
  const row = await scope.db
    .select()
    .from(campaigns)
    .where(ownedRow(scope, campaigns, id))
    .get()
  // Same token as another tenant's campaign: nothing of ours was written.
  if (!row && 'token' in target) return { ok: false, message: 'campaigns.errors.token' }
  const campaign = found(row, 'campaign')
  // The edited campaign left the editable statuses (launched meanwhile): nothing was saved.
  if (!(EDITABLE as readonly string[]).includes(campaign.status) && !('token' in target))
    return { ok: false, message: 'campaigns.errors.notEditable' }
  if (scheduleAt === null) return { ok: true, campaign, schedule: null }
  return {
    ok: true,
    campaign,
    schedule: moved ? { ok: true, message: 'campaigns.scheduled' } : await scheduleRefused(scope, id),
  }
}
