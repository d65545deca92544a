// Staff management for a tenant (admin only; the route checks the permission, core re-checks the
// invariants): add, change role, reset password, deactivate/reactivate. The team always keeps at
// least one active admin, and nobody demotes or deactivates themselves.
// Adding an email that already has an account in ANOTHER team must not tell this team's admin so
// (decision 012): the member is added as an "unclaimed member" (db/tables/tenancy.ts), answered and
// listed exactly like a new member who has not signed in yet, while the other account is untouched.
import { asc, eq, ne } from 'drizzle-orm'
import { type UserRole, unclaimedMembers, users } from '../../../db/schema'
import { passwordStrengthProblem } from '../auth/password-strength.server'
import type { TeamAction } from '../auth/schemas'
import { revokeUserSessions } from '../auth/session.server'
import { hashPassword } from '../crypto/password'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { audit } from './audit.server'
import { copyTeamToShard } from './shard-copy.server'

export type StaffMember = {
  id: string
  name: string
  email: string
  role: UserRole
  active: boolean
  lastLoginAt: number | null
}

export async function listStaff(scope: TenantScope): Promise<StaffMember[]> {
  const [people, unclaimed] = await Promise.all([
    scope.control
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
      .orderBy(asc(users.name)),
    scope.control
      .select({
        id: unclaimedMembers.id,
        name: unclaimedMembers.name,
        email: unclaimedMembers.email,
        role: unclaimedMembers.role,
        active: unclaimedMembers.active,
      })
      .from(unclaimedMembers)
      .where(ownedBy(scope, unclaimedMembers)),
  ])
  if (unclaimed.length === 0) return people
  const all: StaffMember[] = [...people, ...unclaimed.map((m) => ({ ...m, lastLoginAt: null }))]
  // Same order as SQLite's ORDER BY name (binary), so unclaimed members sit where a user would.
  return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

export type TeamResult =
  | { ok: true; message: string; vars?: Record<string, string> }
  | { ok: false; field?: string; message: string }

async function activeAdminsOtherThan(scope: TenantScope, userId: string): Promise<number> {
  const rows = await scope.control
    .select({ id: users.id })
    .from(users)
    .where(ownedBy(scope, users, eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)))
  return rows.length
}

const EMAIL_TAKEN: TeamResult = { ok: false, field: 'email', message: 'errors.emailTaken' }

async function addMember(
  scope: TenantScope,
  action: Extract<TeamAction, { intent: 'add' }>,
): Promise<TeamResult> {
  const now = scope.clock()
  const inThisTeam = async () =>
    (await scope.control
      .select({ id: users.id })
      .from(users)
      .where(ownedBy(scope, users, eq(users.email, action.email)))
      .get()) ??
    (await scope.control
      .select({ id: unclaimedMembers.id })
      .from(unclaimedMembers)
      .where(ownedBy(scope, unclaimedMembers, eq(unclaimedMembers.email, action.email)))
      .get())
  // Someone of this team already has it: they are on the list the admin sees, so saying so reveals nothing.
  if (await inThisTeam()) return EMAIL_TAKEN
  // Hashed in both outcomes, so the answer takes the same time whether or not the email exists elsewhere.
  const passwordHash = await hashPassword(action.password, scope.config.passwordPepper)
  const id = newId('usr')
  const created = await scope.control
    .insert(users)
    .values({
      id,
      tenantId: scope.tenantId,
      email: action.email,
      name: action.name,
      role: action.role,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: users.id })
  if (created.length === 0) {
    // The email has an account. In this team (a concurrent add of the same person): say so. Elsewhere:
    // keep the place in this team without an account, and answer exactly as for a new member.
    if (await inThisTeam()) return EMAIL_TAKEN
    const placed = await scope.control
      .insert(unclaimedMembers)
      .values({
        id,
        tenantId: scope.tenantId,
        email: action.email,
        name: action.name,
        role: action.role,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: unclaimedMembers.id })
    if (placed.length === 0) return EMAIL_TAKEN
  }
  await audit(scope, 'team.add', id, { role: action.role })
  return { ok: true, message: 'team.added', vars: { email: action.email } }
}

type Target = { kind: 'user' | 'unclaimed'; id: string; email: string; name: string; role: UserRole }

/** The member an action names: a user or an unclaimed member of this tenant, else NotFoundError (404). */
async function findTarget(scope: TenantScope, id: string): Promise<Target> {
  const user = await scope.control
    .select()
    .from(users)
    .where(ownedRow(scope, users, id))
    .get()
  if (user) return { kind: 'user', ...user }
  const unclaimed = found(
    await scope.control
      .select()
      .from(unclaimedMembers)
      .where(ownedRow(scope, unclaimedMembers, id))
      .get(),
    'user',
  )
  return { kind: 'unclaimed', ...unclaimed }
}

/** Updates the member's row, whichever table holds it. */
async function updateTarget(scope: TenantScope, target: Target, set: { role?: UserRole; active?: boolean }) {
  const now = scope.clock()
  if (target.kind === 'user')
    await scope.control
      .update(users)
      .set({ ...set, updatedAt: now })
      .where(ownedRow(scope, users, target.id))
  else
    await scope.control
      .update(unclaimedMembers)
      .set({ ...set, updatedAt: now })
      .where(ownedRow(scope, unclaimedMembers, target.id))
}

/** Applies one team action. Ids from other tenants raise NotFoundError (404). */
/** Applies one change to the team's staff; the shard's copy of the staff follows (decision 043). */
export async function applyTeamAction(scope: TenantScope, action: TeamAction): Promise<TeamResult> {
  const result = await changeTeam(scope, action)
  if (result.ok) await copyTeamToShard(scope, scope.tenantId)
  return result
}

async function changeTeam(scope: TenantScope, action: TeamAction): Promise<TeamResult> {
  if (action.intent === 'add') return addMember(scope, action)

  const target = await findTarget(scope, action.userId)
  const isSelf = target.id === scope.userId

  switch (action.intent) {
    case 'changeRole': {
      if (isSelf) return { ok: false, message: 'errors.self' }
      if (
        target.role === 'admin' &&
        action.role !== 'admin' &&
        (await activeAdminsOtherThan(scope, target.id)) === 0
      ) {
        return { ok: false, message: 'errors.lastAdmin' }
      }
      await updateTarget(scope, target, { role: action.role })
      await audit(scope, 'team.role', target.id, { from: target.role, to: action.role })
      return { ok: true, message: 'team.roleChanged' }
    }
    case 'resetPassword': {
      const weak = passwordStrengthProblem(action.password, [target.email, target.name])
      if (weak) return { ok: false, message: weak }
      const passwordHash = await hashPassword(action.password, scope.config.passwordPepper)
      if (target.kind === 'user') {
        await scope.control
          .update(users)
          .set({ passwordHash, updatedAt: scope.clock() })
          .where(ownedRow(scope, users, target.id))
        if (!isSelf) await revokeUserSessions(scope, target.id)
      }
      await audit(scope, 'team.password', target.id, {})
      return { ok: true, message: 'team.passwordReset' }
    }
    case 'deactivate': {
      if (isSelf) return { ok: false, message: 'errors.self' }
      if (target.role === 'admin' && (await activeAdminsOtherThan(scope, target.id)) === 0) {
        return { ok: false, message: 'errors.lastAdmin' }
      }
      await updateTarget(scope, target, { active: false })
      if (target.kind === 'user') await revokeUserSessions(scope, target.id)
      await audit(scope, 'team.deactivate', target.id, {})
      return { ok: true, message: 'team.deactivated' }
    }
    case 'reactivate': {
      await updateTarget(scope, target, { active: true })
      await audit(scope, 'team.reactivate', target.id, {})
      return { ok: true, message: 'team.reactivated' }
    }
  }
}
