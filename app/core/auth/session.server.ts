// Server-side login sessions (docs/design.md §4): random token in an HttpOnly cookie, only its
// SHA-256 in D1, idle and absolute expiry, rotation on login (a fresh token every time), revocation
// on logout.
import { and, eq, isNull, lt, or } from 'drizzle-orm'
import type { UserRole } from '../../../db/schema'
import { authSessions, tenants, users } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { toHex } from '../crypto/encoding'
import { randomToken } from '../crypto/secrets'
import { isSecureRequest, parseCookies, serializeCookie } from '../http/cookies'

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000
/** last_seen_at is written at most this often, to keep page loads read-only most of the time. */
const TOUCH_EVERY_MS = 5 * 60 * 1000

export type SessionUser = {
  id: string
  tenantId: string
  tenantName: string
  /** Where the team's rows live, and whether it is being moved (decision 043). */
  placement: { shard: string; movingTo: string | null }
  email: string
  name: string
  role: UserRole
  locale: string | null
}

/** Cookie name: `__Host-` prefixed over https; plain name on plain-http localhost (no Secure there). */
function sessionCookieName(request: Request): string {
  return isSecureRequest(request) ? '__Host-disparo_session' : 'disparo_session'
}

async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return toHex(new Uint8Array(digest))
}

/** Creates a new session for the user and returns the Set-Cookie header value. */
export async function createAuthSession(
  ctx: AppContext,
  request: Request,
  user: { id: string; tenantId: string },
): Promise<string> {
  const token = randomToken(32)
  const now = ctx.clock()
  await ctx.control.insert(authSessions).values({
    idHash: await hashToken(token),
    userId: user.id,
    tenantId: user.tenantId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_ABSOLUTE_MS,
    ip: request.headers.get('CF-Connecting-IP'),
    userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
  })
  const secure = isSecureRequest(request)
  return serializeCookie(sessionCookieName(request), token, {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  })
}

/** Returns a Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(request: Request): string {
  return serializeCookie(sessionCookieName(request), '', {
    httpOnly: true,
    secure: isSecureRequest(request),
    maxAge: 0,
  })
}

function readToken(request: Request): string | null {
  const token = parseCookies(request.headers.get('Cookie')).get(sessionCookieName(request))
  return token && token.length >= 20 && token.length <= 100 ? token : null
}

/** Resolves the signed-in user, or null when the cookie is missing, forged, expired, idle or revoked. */
export async function getSessionUser(ctx: AppContext, request: Request): Promise<SessionUser | null> {
  const token = readToken(request)
  if (!token) return null
  const idHash = await hashToken(token)
  const row = await ctx.control
    .select({
      session: authSessions,
      user: users,
      tenantName: tenants.name,
      shard: tenants.shard,
      movingTo: tenants.movingTo,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(authSessions.idHash, idHash))
    .get()
  if (!row) return null
  const now = ctx.clock()
  const { session, user } = row
  if (session.revokedAt !== null || session.expiresAt <= now || session.lastSeenAt + SESSION_IDLE_MS <= now) {
    return null
  }
  if (!user.active || user.tenantId !== session.tenantId) return null
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    await ctx.control.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.idHash, idHash))
  }
  return {
    id: user.id,
    tenantId: user.tenantId,
    tenantName: row.tenantName,
    placement: { shard: row.shard, movingTo: row.movingTo },
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
  }
}

/** Revokes the session behind the request's cookie (logout). Idempotent. */
export async function revokeAuthSession(ctx: AppContext, request: Request): Promise<void> {
  const token = readToken(request)
  if (!token) return
  await ctx.control
    .update(authSessions)
    .set({ revokedAt: ctx.clock() })
    .where(and(eq(authSessions.idHash, await hashToken(token)), isNull(authSessions.revokedAt)))
}

/** Revokes every session of a user (password reset, deactivation). */
export async function revokeUserSessions(ctx: AppContext, userId: string): Promise<void> {
  await ctx.control
    .update(authSessions)
    .set({ revokedAt: ctx.clock() })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
}

/** Deletes sessions that can no longer be used (cron housekeeping). */
export async function pruneAuthSessions(ctx: AppContext): Promise<void> {
  const now = ctx.clock()
  await ctx.control
    .delete(authSessions)
    .where(or(lt(authSessions.expiresAt, now), lt(authSessions.lastSeenAt, now - SESSION_IDLE_MS)))
}
