// Sign-in and first-run setup. Route modules call these; they never touch tables directly.
import { eq, sql } from 'drizzle-orm'
import { instance, tenants, users } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { hashPassword, needsRehash, verifyPassword } from '../crypto/password'
import { newId } from '../ids'
import { placeNewTeam } from '../tenants/move/id-blocks.server'
import { copyTeamToShard } from '../tenants/shard-copy.server'
import { loginAddress } from './login-address'
import type { LoginInput, SetupInput } from './schemas'
import { createAuthSession } from './session.server'
import { recordLoginSuccess, takeLoginSlot } from './throttle.server'

/** True until the first team and admin exist; then setup is closed for good. */
export async function isSetupOpen(ctx: AppContext): Promise<boolean> {
  const row = await ctx.control.select().from(instance).where(eq(instance.id, 1)).get()
  return !row?.setupCompletedAt
}

export type SetupResult = { ok: true; setCookie: string } | { ok: false; reason: 'closed' }

/**
 * Creates the first tenant and its admin atomically and signs the admin in. The instance row is
 * claimed with a conditional insert, so two concurrent setups cannot both succeed.
 */
export async function completeSetup(
  ctx: AppContext,
  request: Request,
  input: SetupInput,
): Promise<SetupResult> {
  const now = ctx.clock()
  const tenantId = newId('ten')
  const userId = newId('usr')
  const passwordHash = await hashPassword(input.password, ctx.config.passwordPepper)
  const shard = await placeNewTeam(ctx)
  const claim = await ctx.control
    .insert(instance)
    .values({ id: 1, setupCompletedAt: now })
    .onConflictDoUpdate({
      target: instance.id,
      set: { setupCompletedAt: now },
      setWhere: sql`${instance.setupCompletedAt} IS NULL`,
    })
    .returning()
  if (claim.length === 0) return { ok: false, reason: 'closed' }
  try {
    await ctx.control.batch([
      ctx.control.insert(tenants).values({ id: tenantId, name: input.tenantName, shard, createdAt: now }),
      ctx.control.insert(users).values({
        id: userId,
        tenantId,
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'admin',
        createdAt: now,
        updatedAt: now,
      }),
    ])
    await copyTeamToShard(ctx, tenantId)
  } catch (error) {
    // Nothing half-written: reopen setup so the person can try again.
    await ctx.control.update(instance).set({ setupCompletedAt: null }).where(eq(instance.id, 1))
    throw error
  }
  return { ok: true, setCookie: await createAuthSession(ctx, request, { id: userId, tenantId }) }
}

export type LoginResult =
  | { ok: true; setCookie: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryInMinutes: number }

/**
 * Checks credentials with throttling (throttle.server.ts): the attempt takes its slots first and the
 * password is checked only within the limits, so parallel guesses cannot outrun the counters. The
 * answer never reveals whether the email exists.
 */
export async function login(ctx: AppContext, request: Request, input: LoginInput): Promise<LoginResult> {
  const subject = { email: input.email, address: loginAddress(request.headers.get('CF-Connecting-IP')) }
  const slot = await takeLoginSlot(ctx, subject)
  if (!slot.ok) return { ok: false, reason: 'throttled', retryInMinutes: slot.retryInMinutes }

  const user = await ctx.control.select().from(users).where(eq(users.email, input.email)).get()
  // Verify against a dummy hash when the user does not exist, so timing does not tell either.
  const stored = user?.passwordHash ?? DUMMY_HASH
  const valid = await verifyPassword(input.password, stored, ctx.config.passwordPepper)
  if (!user || !valid || !user.active) return { ok: false, reason: 'invalid' }
  await recordLoginSuccess(ctx, subject, user.id)
  const now = ctx.clock()
  const update: Partial<typeof users.$inferInsert> = { lastLoginAt: now }
  if (needsRehash(user.passwordHash))
    update.passwordHash = await hashPassword(input.password, ctx.config.passwordPepper)
  await ctx.control.update(users).set(update).where(eq(users.id, user.id))
  return { ok: true, setCookie: await createAuthSession(ctx, request, user) }
}

const DUMMY_HASH =
  'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
