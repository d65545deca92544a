// API tokens of a tenant (Integrações → API, decision 030): created by an admin with a name, scopes and
// an optional expiry; the token is returned once and only the hash of its secret is kept; revocable.
// authenticateApiToken is the machine path that resolves the tenant from the token's own row
// (decision 004), for /api/v1.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import { apiTokens } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { DEFAULT_TIME_ZONE } from '../sending/pacing'
import { fromLocalTime, localDay } from '../sending/time-zone'
import { audit } from '../tenants/audit.server'
import { type ApiScope, isApiScope } from './scopes'
import { generateToken, hashSecret, parseToken, secretMatches } from './token-format'

export type TokenStatus = 'active' | 'expired' | 'revoked'

/** How often "last used" is written: at most once a minute per token (not one write per request). */
const LAST_USED_EVERY_MS = 60_000

function statusOf(row: { revokedAt: number | null; expiresAt: number | null }, now: number): TokenStatus {
  if (row.revokedAt !== null) return 'revoked'
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired'
  return 'active'
}

/** The tenant's tokens, newest first (never their secrets). */
export async function listApiTokens(scope: TenantScope) {
  const now = scope.clock()
  const rows = await scope.control
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      hint: apiTokens.hint,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(ownedBy(scope, apiTokens))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
  return rows.map((r) => ({ ...r, scopes: r.scopes.filter(isApiScope), status: statusOf(r, now) }))
}

export type CreateTokenResult =
  | { ok: true; id: string; token: string }
  | { ok: false; field: 'expiresOn'; message: string }

/**
 * Creates a token. `expiresOn` (YYYY-MM-DD) is the last day it works, São Paulo time; it must be
 * after today. The full token is in the result and nowhere else.
 */
export async function createApiToken(
  scope: TenantScope,
  input: { name: string; scopes: readonly ApiScope[]; expiresOn?: string },
): Promise<CreateTokenResult> {
  const now = scope.clock()
  let expiresAt: number | null = null
  if (input.expiresOn) {
    const [year, month, day] = input.expiresOn.split('-').map(Number) as [number, number, number]
    const check = new Date(Date.UTC(year, month - 1, day))
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
      return { ok: false, field: 'expiresOn', message: 'api.tokens.errors.expiry' }
    expiresAt = fromLocalTime({ year, month, day }, 0, DEFAULT_TIME_ZONE, 1)
    if (expiresAt <= localDay(now, DEFAULT_TIME_ZONE).end)
      return { ok: false, field: 'expiresOn', message: 'api.tokens.errors.expiryPast' }
  }
  const { rowId, token, secret } = generateToken()
  const scopes = [...new Set(input.scopes)]
  await scope.control.insert(apiTokens).values({
    id: rowId,
    tenantId: scope.tenantId,
    name: input.name.trim(),
    scopes,
    secretHash: await hashSecret(secret),
    hint: token.slice(-4),
    createdBy: scope.userId,
    createdAt: now,
    expiresAt,
  })
  await audit(scope, 'apiToken.create', rowId, { name: input.name.trim(), scopes, expiresAt })
  return { ok: true, id: rowId, token }
}

/** Revokes a token (404 for a missing id or another tenant's); revoking twice changes nothing. */
export async function revokeApiToken(scope: TenantScope, id: string): Promise<{ name: string }> {
  const row = found(
    await scope.control
      .select({ name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(ownedRow(scope, apiTokens, id))
      .get(),
    'api token',
  )
  if (row.revokedAt === null) {
    await scope.control
      .update(apiTokens)
      .set({ revokedAt: scope.clock(), revokedBy: scope.userId })
      .where(and(ownedRow(scope, apiTokens, id), isNull(apiTokens.revokedAt)))
    await audit(scope, 'apiToken.revoke', id, { name: row.name })
  }
  return { name: row.name }
}

/** Who is calling the API: the token's row and what it may do. */
export type ApiCaller = { tokenId: string; tenantId: string; scopes: ReadonlySet<ApiScope> }

/**
 * The caller of an `Authorization: Bearer dsp_live_…` header, or null for a missing, malformed,
 * unknown, wrong, expired or revoked token (the API answers all of them alike). Records "last used".
 */
export async function authenticateApiToken(
  ctx: Pick<AppContext, 'control' | 'clock'>,
  authorization: string | null | undefined,
): Promise<ApiCaller | null> {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')
  const parsed = m ? parseToken(m[1] as string) : null
  if (!parsed) return null
  const row = await ctx.control
    .select({
      id: apiTokens.id,
      tenantId: apiTokens.tenantId,
      scopes: apiTokens.scopes,
      secretHash: apiTokens.secretHash,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.id, parsed.rowId))
    .get()
  if (!row || !(await secretMatches(parsed.secret, row.secretHash))) return null
  const now = ctx.clock()
  if (statusOf(row, now) !== 'active') return null
  if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_EVERY_MS) {
    await ctx.control
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - LAST_USED_EVERY_MS)),
        ),
      )
  }
  return { tokenId: row.id, tenantId: row.tenantId, scopes: new Set(row.scopes.filter(isApiScope)) }
}
