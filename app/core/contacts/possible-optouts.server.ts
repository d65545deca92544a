// "Possíveis opt-outs" (decision 031): replies that may ask to stop but not plainly. The events
// consumer records them (once per inbound message, never for a number already opted out); a person
// confirms one (the number joins the opt-outs as the person's own request, with who confirmed it) or
// dismisses it. A plain opt-out from the same number settles its pending ones.
import { and, count, desc, eq } from 'drizzle-orm'
import { campaignMessages, campaigns, possibleOptOuts, suppressions } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import { suppressOnRequest } from './optouts.server'

const POSSIBLE_OPTOUTS_PAGE_SIZE = 50
/** The longest reply kept (the page shows it whole; WhatsApp allows far more). */
const BODY_MAX = 1000

export type PossibleOptOutInput = {
  tenantId: string
  phoneE164: string
  wahaMessageId: string
  sessionId: string | null
  messageId: number | null
  body: string
  rule: string
}

/** Records a doubtful reply for a person to look at. False when the number is already opted out. */
export async function recordPossibleOptOut(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: PossibleOptOutInput,
): Promise<boolean> {
  const suppressed = await ctx.db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(and(eq(suppressions.tenantId, input.tenantId), eq(suppressions.phoneE164, input.phoneE164)))
    .get()
  if (suppressed) return false
  const inserted = await ctx.db
    .insert(possibleOptOuts)
    .values({ ...input, body: input.body.trim().slice(0, BODY_MAX), receivedAt: ctx.clock() })
    .onConflictDoNothing()
    .returning({ id: possibleOptOuts.id })
  return inserted.length > 0
}

/** A plain opt-out arrived: the number's pending doubtful replies are settled with it. */
export async function settlePossibleOptOuts(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  tenantId: string,
  phoneE164: string,
): Promise<void> {
  await ctx.db
    .update(possibleOptOuts)
    .set({ status: 'confirmed', decidedAt: ctx.clock() })
    .where(
      and(
        eq(possibleOptOuts.tenantId, tenantId),
        eq(possibleOptOuts.phoneE164, phoneE164),
        eq(possibleOptOuts.status, 'pending'),
      ),
    )
}

/** Pending doubtful replies, newest first, with the campaign each was an answer to. */
export async function listPossibleOptOuts(scope: TenantScope) {
  const pending = ownedBy(scope, possibleOptOuts, eq(possibleOptOuts.status, 'pending'))
  const [rows, total] = await scope.db.batch([
    scope.db
      .select({
        id: possibleOptOuts.id,
        phoneE164: possibleOptOuts.phoneE164,
        body: possibleOptOuts.body,
        rule: possibleOptOuts.rule,
        receivedAt: possibleOptOuts.receivedAt,
        contactName: campaignMessages.contactName,
        campaignName: campaigns.name,
      })
      .from(possibleOptOuts)
      .leftJoin(
        campaignMessages,
        and(
          eq(campaignMessages.id, possibleOptOuts.messageId),
          eq(campaignMessages.tenantId, possibleOptOuts.tenantId),
        ),
      )
      .leftJoin(
        campaigns,
        and(eq(campaigns.id, campaignMessages.campaignId), eq(campaigns.tenantId, possibleOptOuts.tenantId)),
      )
      .where(pending)
      .orderBy(desc(possibleOptOuts.receivedAt), desc(possibleOptOuts.id))
      .limit(POSSIBLE_OPTOUTS_PAGE_SIZE),
    scope.db.select({ n: count() }).from(possibleOptOuts).where(pending),
  ])
  return { rows, total: total[0]?.n ?? 0 }
}

type PossibleOptOutDecision = 'confirm' | 'dismiss'

/**
 * A person's decision on one pending reply. Confirming opts the number out (and settles its other
 * pending replies); dismissing keeps it. A reply already decided (another tab, a double click) answers
 * `already` and changes nothing. Another tenant's id: NotFoundError.
 */
export async function decidePossibleOptOut(
  scope: TenantScope,
  id: number,
  decision: PossibleOptOutDecision,
): Promise<{ ok: true; message: string; vars: Record<string, string> }> {
  const row = found(
    await scope.db
      .select()
      .from(possibleOptOuts)
      .where(ownedRow(scope, possibleOptOuts, id))
      .get(),
    'possible opt-out',
  )
  const vars = { phone: row.phoneE164 }
  const now = scope.clock()
  const claimed = await scope.db
    .update(possibleOptOuts)
    .set({
      status: decision === 'confirm' ? 'confirmed' : 'dismissed',
      decidedBy: scope.userId,
      decidedAt: now,
    })
    .where(and(ownedRow(scope, possibleOptOuts, id), eq(possibleOptOuts.status, 'pending')))
    .returning({ id: possibleOptOuts.id })
  if (claimed.length === 0) return { ok: true, message: 'optouts.possible.already', vars }
  if (decision === 'dismiss') {
    await audit(scope, 'optout.possible.dismiss', String(id), { phone: row.phoneE164 })
    return { ok: true, message: 'optouts.possible.dismissed', vars }
  }
  await suppressOnRequest(scope, row.phoneE164, row.body)
  await settlePossibleOptOuts(scope, scope.tenantId, row.phoneE164)
  await audit(scope, 'optout.possible.confirm', String(id), { phone: row.phoneE164 })
  return { ok: true, message: 'optouts.possible.confirmed', vars }
}
