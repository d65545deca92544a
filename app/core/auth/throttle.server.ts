// Login throttling (docs/design.md §4, decision 012). Every attempt first TAKES A SLOT, atomically, on its
// counters and the password is only checked when every slot is within its limit; a success gives the
// slots back. So parallel guesses cannot outrun the counter: of 100 sent at once, at most the limit
// are ever checked. Counters, per fixed 15-minute window:
// - pair (account + address): 5. A stranger's guesses lock only their own address out of that account.
// - address (any accounts): 30. One address cannot sweep many accounts.
// - account (any address): 50. Past it (a guessing attack spread over many addresses) only addresses
//   the account has signed in from before may still try, each within its own pair limit, so the
//   attack cannot lock the owner out.
// Addresses are the client IP, IPv6 by /64 (login-address.ts).
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import { loginAttempts, loginKnownAddresses, users } from '../../../db/schema'
import type { AppContext } from '../context.server'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const MAX_ATTEMPTS_PER_PAIR = 5
export const MAX_ATTEMPTS_PER_ADDRESS = 30
export const MAX_ATTEMPTS_PER_ACCOUNT = 50
/** An address the user signed in from stays "known" this long after the last success. */
export const KNOWN_ADDRESS_TTL_MS = 90 * 24 * 60 * 60 * 1000

/** Who is trying: the email typed (lower-cased) and the normalised client address (null if unknown). */
export type LoginSubject = { email: string; address: string | null }

export type SlotDecision =
  | { ok: true }
  | { ok: false; retryInMinutes: number; limit: 'pair' | 'address' | 'account' }

const NO_ADDRESS = '-'
const pairKey = (s: LoginSubject) => `pair:${s.email.toLowerCase()}|${s.address ?? NO_ADDRESS}`
const addressKey = (address: string) => `addr:${address}`
const accountKey = (s: LoginSubject) => `acct:${s.email.toLowerCase()}`

/**
 * Takes one slot on a counter in a single statement (insert, or increment within the window, or restart
 * an expired window) and returns the new count: concurrent callers each get a distinct count.
 */
async function takeSlot(ctx: AppContext, key: string): Promise<{ count: number; windowStart: number }> {
  const now = ctx.clock()
  const expired = sql`${loginAttempts.windowStart} <= ${now - THROTTLE_WINDOW_MS}`
  const [row] = await ctx.control
    .insert(loginAttempts)
    .values({ key, windowStart: now, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginAttempts.windowStart} END`,
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
        lockedUntil: null,
      },
    })
    .returning({ count: loginAttempts.failures, windowStart: loginAttempts.windowStart })
  if (!row) throw new Error('login throttle: no counter row returned')
  return row
}

function refused(ctx: AppContext, windowStart: number, limit: 'pair' | 'address' | 'account'): SlotDecision {
  const left = windowStart + THROTTLE_WINDOW_MS - ctx.clock()
  return { ok: false, limit, retryInMinutes: Math.max(1, Math.ceil(left / 60_000)) }
}

/** True when the account behind this email signed in from this address recently. */
async function isKnownAddress(ctx: AppContext, s: LoginSubject): Promise<boolean> {
  if (!s.address) return false
  const row = await ctx.control
    .select({ userId: loginKnownAddresses.userId })
    .from(loginKnownAddresses)
    .innerJoin(users, eq(users.id, loginKnownAddresses.userId))
    .where(
      and(
        eq(users.email, s.email.toLowerCase()),
        eq(loginKnownAddresses.address, s.address),
        gt(loginKnownAddresses.lastSuccessAt, ctx.clock() - KNOWN_ADDRESS_TTL_MS),
      ),
    )
    .get()
  return row !== undefined
}

/**
 * Takes this attempt's slots (pair, then address, then account) and says whether its password may be
 * checked. A refused attempt keeps the slots it took: it counts as a failure.
 */
export async function takeLoginSlot(ctx: AppContext, s: LoginSubject): Promise<SlotDecision> {
  const pair = await takeSlot(ctx, pairKey(s))
  if (pair.count > MAX_ATTEMPTS_PER_PAIR) return refused(ctx, pair.windowStart, 'pair')
  if (s.address) {
    const address = await takeSlot(ctx, addressKey(s.address))
    if (address.count > MAX_ATTEMPTS_PER_ADDRESS) return refused(ctx, address.windowStart, 'address')
  }
  const account = await takeSlot(ctx, accountKey(s))
  if (account.count > MAX_ATTEMPTS_PER_ACCOUNT && !(await isKnownAddress(ctx, s))) {
    return refused(ctx, account.windowStart, 'account')
  }
  return { ok: true }
}

/**
 * After a successful sign-in: clears the pair's counter, gives the address and account slots back (they
 * count failures only) and remembers the address as known for this user.
 */
export async function recordLoginSuccess(ctx: AppContext, s: LoginSubject, userId: string): Promise<void> {
  const now = ctx.clock()
  const giveBack = [accountKey(s), ...(s.address ? [addressKey(s.address)] : [])]
  const clearPair = ctx.control.delete(loginAttempts).where(eq(loginAttempts.key, pairKey(s)))
  const giveSlotsBack = ctx.control
    .update(loginAttempts)
    .set({ failures: sql`MAX(${loginAttempts.failures} - 1, 0)` })
    .where(inArray(loginAttempts.key, giveBack))
  if (!s.address) {
    await ctx.control.batch([clearPair, giveSlotsBack])
    return
  }
  await ctx.control.batch([
    clearPair,
    giveSlotsBack,
    ctx.control
      .insert(loginKnownAddresses)
      .values({ userId, address: s.address, lastSuccessAt: now })
      .onConflictDoUpdate({
        target: [loginKnownAddresses.userId, loginKnownAddresses.address],
        set: { lastSuccessAt: now },
      }),
  ])
}

/** Removes finished windows and addresses not used for sign-in in 90 days (cron housekeeping). */
export async function pruneLoginAttempts(ctx: AppContext): Promise<void> {
  const now = ctx.clock()
  await ctx.control.batch([
    ctx.control.delete(loginAttempts).where(lt(loginAttempts.windowStart, now - 2 * THROTTLE_WINDOW_MS)),
    ctx.control
      .delete(loginKnownAddresses)
      .where(lt(loginKnownAddresses.lastSuccessAt, now - KNOWN_ADDRESS_TTL_MS)),
  ])
}
