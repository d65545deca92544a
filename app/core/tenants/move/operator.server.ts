// What an operator types to name a team: its id, or its exact name when only one team has it.
import { eq } from 'drizzle-orm'
import { tenants } from '../../../../db/schema'
import type { AppContext } from '../../context.server'

export type TeamRef =
  | { ok: true; id: string; name: string }
  | { ok: false; code: 'unknownTeam' | 'ambiguousTeam'; detail: string }

export async function resolveTeam(ctx: AppContext, ref: string): Promise<TeamRef> {
  const byId = await ctx.control
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, ref))
    .get()
  if (byId) return { ok: true, ...byId }
  const byName = await ctx.control
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.name, ref))
    .limit(2)
    .all()
  if (byName.length === 1) return { ok: true, ...(byName[0] as { id: string; name: string }) }
  if (byName.length > 1)
    return { ok: false, code: 'ambiguousTeam', detail: `${ref}: ${byName.map((t) => t.id).join(', ')}` }
  return { ok: false, code: 'unknownTeam', detail: ref }
}
