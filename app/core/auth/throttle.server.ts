// Login throttling per email and per IP (DESIGN §4): after too many failures in a window the key is
// locked for a while and the user is told how long to wait. Successful logins clear the email key.
import { eq, inArray, lt } from 'drizzle-orm'
import { loginAttempts } from '../../../db/schema'
import type { AppContext } from '../context.server'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const THROTTLE_LOCK_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_EMAIL = 5
export const MAX_FAILURES_PER_IP = 30

export type ThrottleKeys = { email: string; ip: string | null }

function keysOf(k: ThrottleKeys): string[] {
  const keys = [`email:${k.email.toLowerCase()}`]
  if (k.ip) keys.push(`ip:${k.ip}`)
  return keys
}

/** Returns the time (ms epoch) until which login is locked for these keys, or null when allowed. */
export async function loginLockedUntil(ctx: AppContext, k: ThrottleKeys): Promise<number | null> {
  const now = ctx.clock()
  const rows = await ctx.db.select().from(loginAttempts).where(inArray(loginAttempts.key, keysOf(k)))
  const locks = rows.map((r) => r.lockedUntil ?? 0).filter((t) => t > now)
  return locks.length > 0 ? Math.max(...locks) : null
}

/** Records a failed attempt for the email and the IP, locking keys that pass their limit. */
export async function recordLoginFailure(ctx: AppContext, k: ThrottleKeys): Promise<void> {
  const now = ctx.clock()
  for (const key of keysOf(k)) {
    const limit = key.startsWith('ip:') ? MAX_FAILURES_PER_IP : MAX_FAILURES_PER_EMAIL
    const row = await ctx.db.select().from(loginAttempts).where(eq(loginAttempts.key, key)).get()
    const fresh = !row || row.windowStart + THROTTLE_WINDOW_MS <= now
    const failures = fresh ? 1 : row.failures + 1
    const lockedUntil = failures >= limit ? now + THROTTLE_LOCK_MS : (row?.lockedUntil ?? null)
    await ctx.db
      .insert(loginAttempts)
      .values({ key, windowStart: fresh ? now : row.windowStart, failures, lockedUntil })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: { windowStart: fresh ? now : row.windowStart, failures, lockedUntil },
      })
  }
}

/** Clears the email's counter after a successful login (the IP counter keeps counting). */
export async function clearLoginFailures(ctx: AppContext, email: string): Promise<void> {
  await ctx.db.delete(loginAttempts).where(eq(loginAttempts.key, `email:${email.toLowerCase()}`))
}

/** Removes stale counters (cron housekeeping). */
export async function pruneLoginAttempts(ctx: AppContext): Promise<void> {
  await ctx.db.delete(loginAttempts).where(lt(loginAttempts.windowStart, ctx.clock() - 2 * THROTTLE_WINDOW_MS))
}
