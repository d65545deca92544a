// Fixed-window rate limits kept in D1 (rate_limits): each attempt is ONE upsert that starts a new
// window or adds a hit, and returns the count, so concurrent requests can never both take the last
// slot (SQLite runs the statement atomically; the SET expressions all read the old row).
import { sql } from 'drizzle-orm'
import { rateLimits } from '../../../db/schema'
import type { AppContext } from '../context.server'

/** `resetMs`: how long until the window ends (then the count starts again). */
export type RateLimitResult =
  | { allowed: true; remaining: number; resetMs: number }
  | { allowed: false; retryAfterMs: number }

/** Counts one attempt for `key`; allowed while the window holds at most `limit` attempts. */
export async function hitRateLimit(
  ctx: Pick<AppContext, 'control' | 'clock'>,
  key: string,
  limit: number,
  windowMs: number,
): Promise<RateLimitResult> {
  const now = ctx.clock()
  const expired = sql`${rateLimits.windowStart} <= ${now - windowMs}`
  const row = await ctx.control
    .insert(rateLimits)
    .values({ key, windowStart: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
        windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart })
    .get()
  const hits = row?.hits ?? 1
  const resetMs = Math.max(0, (row?.windowStart ?? now) + windowMs - now)
  if (hits <= limit) return { allowed: true, remaining: limit - hits, resetMs }
  return { allowed: false, retryAfterMs: resetMs }
}
