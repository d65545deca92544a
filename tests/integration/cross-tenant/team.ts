// Cross-tenant cases for the team routes.
import { eq } from 'drizzle-orm'
import { users } from '../../../db/schema'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

function userUnchanged(owner: { ctx: { db: import('../../../app/core/db/client.server').Db } }, userId: string) {
  return async () => {
    const before = await owner.ctx.db.select().from(users).where(eq(users.id, userId)).get()
    return async () => {
      const after = await owner.ctx.db.select().from(users).where(eq(users.id, userId)).get()
      if (JSON.stringify(before) !== JSON.stringify(after)) throw new Error(`user ${userId} changed`)
    }
  }
}

export const TEAM_CASES: CrossTenantCase[] = [
  {
    name: 'team member actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const target = owner.users.operator.id
      const verify = await userUnchanged(owner, target)()
      return [
        { method: 'POST', path: '/equipe', form: { intent: 'changeRole', userId: target, role: 'viewer' }, verifyUnchanged: verify },
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'resetPassword', userId: target, password: 'Outra-senha-forte-99' },
          verifyUnchanged: verify,
        },
        { method: 'POST', path: '/equipe', form: { intent: 'deactivate', userId: target }, verifyUnchanged: verify },
      ]
    },
  },
]
