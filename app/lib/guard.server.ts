// Route guards: resolve the signed-in user and their tenant scope, or answer with a redirect / 403.
// Loaders and actions call these first; core functions then receive the TenantScope.
import type { AppLoadContext } from '@remix-run/cloudflare'
import type { Permission } from '~/core/auth/roles'
import { can } from '~/core/auth/roles'
import { clearSessionCookie, getSessionUser, type SessionUser } from '~/core/auth/session.server'
import { atShard } from '~/core/db/shards.server'
import { scopeTo, type TenantScope } from '~/core/db/tenant.server'
import { type Locale, makeTranslator, type Translate } from '~/i18n'
import { readPreferences } from './preferences.server'

export type Authed = { user: SessionUser; scope: TenantScope; locale: Locale; t: Translate }

/** The signed-in user, or null. */
export async function getUser(context: AppLoadContext, request: Request): Promise<SessionUser | null> {
  return getSessionUser(context.app, request)
}

/** Requires a signed-in user holding `permission`; redirects to /login or throws a 403 page. */
export async function requireUser(
  context: AppLoadContext,
  request: Request,
  permission: Permission = 'read',
): Promise<Authed> {
  const user = await getSessionUser(context.app, request)
  if (!user) {
    const url = new URL(request.url)
    const back = `${url.pathname}${url.search}`
    const headers = new Headers({ Location: `/login?redirectTo=${encodeURIComponent(back)}` })
    // A forged or expired cookie is removed; nothing else changes.
    headers.append('Set-Cookie', clearSessionCookie(request))
    throw new Response(null, { status: 302, headers })
  }
  if (!can(user.role, permission)) throw forbidden()
  // While an operator moves the team between shards (decision 043) its pages wait: nothing is written
  // to the shard being emptied.
  if (user.placement.movingTo) throw teamMoving()
  const { locale } = readPreferences(request, user.locale)
  const scope = scopeTo(atShard(context.app, user.placement.shard), user.tenantId, user.id)
  return { user, scope, locale, t: makeTranslator(locale) }
}

/** The 403 response the error boundary renders as "Acesso negado". */
function forbidden(): Response {
  return new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
}

/** The 503 answer while the team is being moved: try again in a minute. */
function teamMoving(): Response {
  return new Response('Service Unavailable', {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Retry-After': '60' },
  })
}

/** The 404 response (also for ids of other tenants). */
export function notFound(): Response {
  return new Response('Not Found', { status: 404, statusText: 'Not Found' })
}

/** Translator for pages that may be seen signed out. */
export function translatorFor(request: Request): { locale: Locale; t: Translate } {
  const { locale } = readPreferences(request)
  return { locale, t: makeTranslator(locale) }
}

/** Runs a core call, turning NotFoundError (missing or other tenant's id) into a 404 response. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof Error && error.name === 'NotFoundError') throw notFound()
    throw error
  }
}
