// A team's shard holds a copy of its `tenants` row and its staff (decision 043): the anchor of every
// tenant-owned row's foreign key, the team settings the engine reads, and the names the inbox, reports
// and opt-out lists show. The control database owns them; this is the only writer of the copy, called
// after each change of the team or its staff, on placement, and by the team move. The copy never
// holds password hashes.
import { eq } from 'drizzle-orm'
import { tenants, users } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { atShard, CONTROL_BINDING } from '../db/shards.server'

/** Brings the shard's copy of the team and its staff up to date with the control database. */
export async function copyTeamToShard(ctx: AppContext, tenantId: string, shard?: string): Promise<void> {
  const team = await ctx.control.select().from(tenants).where(eq(tenants.id, tenantId)).get()
  if (!team) return
  const target = shard ?? team.shard
  if (target === CONTROL_BINDING) return
  const at = atShard(ctx, target)
  const staff = await ctx.control.select().from(users).where(eq(users.tenantId, tenantId)).all()
  const { id: _id, ...teamSet } = team
  await at.db.batch([
    at.db.insert(tenants).values(team).onConflictDoUpdate({ target: tenants.id, set: teamSet }),
    ...staff.map((u) => {
      const copy = { ...u, passwordHash: '' }
      const { id: _uid, ...set } = copy
      return at.db.insert(users).values(copy).onConflictDoUpdate({ target: users.id, set })
    }),
  ])
}
