// Cross-tenant cases for the team routes.
import { eq } from 'drizzle-orm'
import { newId } from '../../../app/core/ids'
import { unclaimedMembers, users } from '../../../db/schema'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

function userUnchanged(
  owner: { ctx: { db: import('../../../app/core/db/client.server').Db } },
  userId: string,
) {
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
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'changeRole', userId: target, role: 'viewer' },
          verifyUnchanged: verify,
        },
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'resetPassword', userId: target, password: 'Outra-senha-forte-99' },
          verifyUnchanged: verify,
        },
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'deactivate', userId: target },
          verifyUnchanged: verify,
        },
      ]
    },
  },
  {
    name: 'unclaimed team member actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const id = newId('usr')
      await owner.ctx.db.insert(unclaimedMembers).values({
        id,
        tenantId: owner.tenantId,
        email: `${id}@example.com.br`,
        name: 'Sem Conta',
        role: 'operator',
      })
      const read = () => owner.ctx.db.select().from(unclaimedMembers).where(eq(unclaimedMembers.id, id)).get()
      const before = JSON.stringify(await read())
      const verify = async () => {
        if (JSON.stringify(await read()) !== before) throw new Error(`unclaimed member ${id} changed`)
      }
      return [
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'changeRole', userId: id, role: 'admin' },
          verifyUnchanged: verify,
        },
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'deactivate', userId: id },
          verifyUnchanged: verify,
        },
        {
          method: 'POST',
          path: '/equipe',
          form: { intent: 'reactivate', userId: id },
          verifyUnchanged: verify,
        },
      ]
    },
  },
]
