// Idempotency-Key for POSTs of /api/v1 (decision 030). The first request with a key claims it with ONE
// conditional upsert (a new key, or one older than 24 hours), so parallel requests with the same key
// cannot both run; it stores its answer when done. Later requests with the key replay that answer when
// they carry the same request, are refused (422) when they carry another, and are told to retry (409)
// while the first is still running (a claim left unanswered for a minute is taken over: its request
// died). Keys belong to one token and last 24 hours.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import { apiIdempotencyKeys } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { toBase64url, utf8 } from '../crypto/encoding'
import { ownedBy } from '../db/tenant.server'

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** A claim still unanswered after this long belongs to a request that died (a Worker evicted mid-way). */
const ABANDONED_AFTER_MS = 60_000

/** A key is 1–255 visible ASCII characters (the draft's examples are UUIDs). */
export function isIdempotencyKey(value: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(value)
}

type Owner = { tokenId: string; tenantId: string }

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'mismatch' }
  | { kind: 'inProgress' }

/** Sorts object keys so the same JSON written in another order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    )
  return value
}

/** The request's fingerprint: method, path with query, and the body (JSON compared by value). */
export async function requestFingerprint(
  method: string,
  pathAndQuery: string,
  body: string,
): Promise<string> {
  let normal = body
  try {
    normal = JSON.stringify(canonical(JSON.parse(body)))
  } catch {
    // not JSON: the bytes as they are
  }
  const digest = await crypto.subtle.digest('SHA-256', utf8(`${method} ${pathAndQuery}\n${normal}`))
  return toBase64url(new Uint8Array(digest))
}

/** Claims `key` for this request, or says what the earlier request with it means for this one. */
export async function claimIdempotencyKey(
  ctx: Pick<AppContext, 'control' | 'clock'>,
  owner: Owner,
  key: string,
  fingerprint: string,
): Promise<IdempotencyClaim> {
  const now = ctx.clock()
  const stale = now - IDEMPOTENCY_TTL_MS
  const claimed = await ctx.control
    .insert(apiIdempotencyKeys)
    .values({
      tokenId: owner.tokenId,
      key,
      tenantId: owner.tenantId,
      requestHash: fingerprint,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.tokenId, apiIdempotencyKeys.key],
      set: { requestHash: fingerprint, status: null, responseBody: null, createdAt: now },
      setWhere: or(
        lte(apiIdempotencyKeys.createdAt, stale),
        and(isNull(apiIdempotencyKeys.status), lte(apiIdempotencyKeys.createdAt, now - ABANDONED_AFTER_MS)),
      ),
    })
    .returning({ key: apiIdempotencyKeys.key })
  if (claimed.length > 0) return { kind: 'claimed' }
  const row = await ctx.control
    .select()
    .from(apiIdempotencyKeys)
    .where(
      ownedBy(
        owner,
        apiIdempotencyKeys,
        eq(apiIdempotencyKeys.tokenId, owner.tokenId),
        eq(apiIdempotencyKeys.key, key),
      ),
    )
    .get()
  // gone between the two statements (its request failed and gave it back): the caller may retry
  if (!row) return { kind: 'inProgress' }
  if (row.requestHash !== fingerprint) return { kind: 'mismatch' }
  if (row.status === null || row.responseBody === null) return { kind: 'inProgress' }
  return { kind: 'replay', status: row.status, body: row.responseBody }
}

function thisKey(owner: Owner, key: string) {
  return ownedBy(
    owner,
    apiIdempotencyKeys,
    eq(apiIdempotencyKeys.tokenId, owner.tokenId),
    eq(apiIdempotencyKeys.key, key),
  )
}

/** Stores the answer of a claimed key (replayed to later requests with it). */
export async function completeIdempotencyKey(
  ctx: Pick<AppContext, 'control'>,
  owner: Owner,
  key: string,
  response: { status: number; body: string },
): Promise<void> {
  await ctx.control
    .update(apiIdempotencyKeys)
    .set({ status: response.status, responseBody: response.body })
    .where(and(thisKey(owner, key), sql`${apiIdempotencyKeys.status} IS NULL`))
}

/** Gives a claimed key back when its request failed without an answer worth keeping (a 5xx). */
export async function releaseIdempotencyKey(ctx: Pick<AppContext, 'control'>, owner: Owner, key: string) {
  await ctx.control
    .delete(apiIdempotencyKeys)
    .where(and(thisKey(owner, key), sql`${apiIdempotencyKeys.status} IS NULL`))
}

/** Deletes keys older than 24 hours (cron). */
export async function pruneIdempotencyKeys(ctx: Pick<AppContext, 'control' | 'clock'>): Promise<void> {
  await ctx.control
    .delete(apiIdempotencyKeys)
    .where(lte(apiIdempotencyKeys.createdAt, ctx.clock() - IDEMPOTENCY_TTL_MS))
}
