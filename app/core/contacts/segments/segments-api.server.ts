// What the public API adds to saved segments (decision 037, /api/v1/segments in decision 030): a
// cursor page in id order, a partial update over the page's save, and the page's sentences for the
// references a preview found deleted. Creating, reading, deleting and counting are segments.server.ts's.
import { asc, gt } from 'drizzle-orm'
import { segments } from '../../../../db/schema'
import { type Text, text } from '../../../i18n/text'
import { ownedBy, type TenantScope } from '../../db/tenant.server'
import { parseDefinition } from './definition'
import { getSegment, type SaveResult, type SegmentPreview, saveSegment } from './segments.server'

/** A page of the team's saved segments, oldest first, after the id `afterId`. */
export async function pageSegments(scope: TenantScope, opts: { afterId?: number; limit: number }) {
  const rows = await scope.db
    .select()
    .from(segments)
    .where(ownedBy(scope, segments, opts.afterId !== undefined ? gt(segments.id, opts.afterId) : undefined))
    .orderBy(asc(segments.id))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit).map((r) => {
    const def = parseDefinition(r.definition)
    return { ...r, definition: def.ok ? def.definition : {} }
  })
  return { rows: page, next: rows.length > opts.limit ? (page[page.length - 1]?.id ?? null) : null }
}

/** Changes a saved segment's name and/or definition (the ones given), with the page's checks. */
export async function updateSegment(
  scope: TenantScope,
  id: number,
  patch: { name?: string; definition?: unknown },
): Promise<SaveResult> {
  const current = await getSegment(scope, id)
  return saveSegment(scope, {
    id,
    name: patch.name ?? current.name,
    definition: patch.definition ?? current.definition,
  })
}

/** The Segmentos page's sentences for a preview's deleted references. */
export function missingTexts(missing: SegmentPreview['missing']): Text[] {
  const out: Text[] = []
  if (missing.lists) out.push(text('segments.missing.lists', { count: missing.lists }))
  if (missing.tags) out.push(text('segments.missing.tags', { count: missing.tags }))
  if (missing.campaign) out.push(text('segments.missing.campaign'))
  return out
}
