// Staff management for a tenant (admin only; the route checks the permission, core re-checks the
// invariants): add, change role, reset password, deactivate/reactivate. The team always keeps at
// least one active admin, and nobody demotes or deactivates themselves.
import { and, asc, eq, ne } from 'drizzle-orm'
import { type UserRole, users } from '../../../db/schema'
import { audit } from './audit.server'
import { revokeUserSessions } from '../auth/session.server'
import { hashPassword } from '../crypto/password'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import type { TeamAction } from '../auth/schemas'

export type StaffMember = {
  id: string
  name: string
  email: string
  role: UserRole
  active: boolean
  lastLoginAt: number | null
}

export async function listStaff(scope: TenantScope): Promise<StaffMember[]> {
  return scope.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(ownedBy(scope, users))
    .orderBy(asc(users.name))
}

export type TeamResult =
  | { ok: true; message: string; vars?: Record<string, string> }
  | { ok: false; field?: string; message: string }

async function activeAdminsOtherThan(scope: TenantScope, userId: string): Promise<number> {
  const rows = await scope.db
    .select({ id: users.id })
    .from(users)
    .where(ownedBy(scope, users, eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)))
  return rows.length
}

/** Applies one team action. Ids from other tenants raise NotFoundError (404). */
export async function applyTeamAction(scope: TenantScope, action: TeamAction): Promise<TeamResult> {
  const now = scope.clock()
  if (action.intent === 'add') {
    const exists = await scope.db.select({ id: users.id }).from(users).where(eq(users.email, action.email)).get()
    if (exists) return { ok: false, field: 'email', message: 'errors.emailTaken' }
    const id = newId('usr')
    await scope.db.insert(users).values({
      id,
      tenantId: scope.tenantId,
      email: action.email,
      name: action.name,
      role: action.role,
      passwordHash: await hashPassword(action.password, scope.config.passwordPepper),
      createdAt: now,
      updatedAt: now,
    })
    await audit(scope, 'team.add', id, { role: action.role })
    return { ok: true, message: 'team.added', vars: { email: action.email } }
  }

  const target = found(await scope.db.select().from(users).where(ownedRow(scope, users, action.userId)).get(), 'user')
  const isSelf = target.id === scope.userId

  switch (action.intent) {
    case 'changeRole': {
      if (isSelf) return { ok: false, message: 'errors.self' }
      if (target.role === 'admin' && action.role !== 'admin' && (await activeAdminsOtherThan(scope, target.id)) === 0) {
        return { ok: false, message: 'errors.lastAdmin' }
      }
      await scope.db.update(users).set({ role: action.role, updatedAt: now }).where(ownedRow(scope, users, target.id))
      await audit(scope, 'team.role', target.id, { from: target.role, to: action.role })
      return { ok: true, message: 'team.roleChanged' }
    }
    case 'resetPassword': {
      const passwordHash = await hashPassword(action.password, scope.config.passwordPepper)
      await scope.db.update(users).set({ passwordHash, updatedAt: now }).where(ownedRow(scope, users, target.id))
      if (!isSelf) await revokeUserSessions(scope, target.id)
      await audit(scope, 'team.password', target.id, {})
      return { ok: true, message: 'team.passwordReset' }
    }
    case 'deactivate': {
      if (isSelf) return { ok: false, message: 'errors.self' }
      if (target.role === 'admin' && (await activeAdminsOtherThan(scope, target.id)) === 0) {
        return { ok: false, message: 'errors.lastAdmin' }
      }
      await scope.db.update(users).set({ active: false, updatedAt: now }).where(ownedRow(scope, users, target.id))
      await revokeUserSessions(scope, target.id)
      await audit(scope, 'team.deactivate', target.id, {})
      return { ok: true, message: 'team.deactivated' }
    }
    case 'reactivate': {
      await scope.db
        .update(users)
        .set({ active: true, updatedAt: now })
        .where(and(ownedRow(scope, users, target.id)))
      await audit(scope, 'team.reactivate', target.id, {})
      return { ok: true, message: 'team.reactivated' }
    }
  }
}
