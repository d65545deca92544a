// Integrações → Sessões WhatsApp: every session of the team with its status, number, today's sends
// against the daily cap and the last error. Everyone reads; admins add and manage sessions.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Link, useLoaderData } from '@remix-run/react'
import { SessionStatusBadge } from '~/components/session-status-badge'
import { can } from '~/core/auth/roles'
import { sessionPacing } from '~/core/sending/effective-pacing'
import { dailyCapOn } from '~/core/sending/pacing'
import { refreshLiveState } from '~/core/sessions/live-state.server'
import { isTransitional } from '~/core/sessions/session-form'
import { listSessionRows, sendsToday, toView } from '~/core/sessions/sessions.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.sessions')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const rows = await listSessionRows(scope)
  // WAHA's truth: sessions that are starting / showing a QR (webhooks may still be silent) and
  // sessions not heard of for a minute are asked to WAHA, in parallel, with a short timeout.
  const live = await Promise.all(rows.map((row) => refreshLiveState(scope, row)))
  const sent = await sendsToday(
    scope,
    rows.map((r) => r.id),
  )
  const sessions = rows.map((row, i) => {
    const view = toView(row)
    const l = live[i]
    return {
      ...view,
      status: l?.status ?? view.status,
      phone: l?.phone ?? view.phone,
      lastError: l ? l.lastError : view.lastError,
      sentToday: sent.get(row.id) ?? 0,
      // Today's cap: the warm-up's while it lasts (decision 020), as the sender enforces it.
      todayCap: dailyCapOn(sessionPacing(row), scope.clock()),
    }
  })
  return {
    locale,
    canManage: can(user.role, 'integrations:manage'),
    sessions,
    watching: sessions.some((s) => isTransitional(s.status)),
  }
}

export default function SessionsList() {
  const { locale, canManage, sessions, watching } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      {watching ? (
        <noscript>
          <meta httpEquiv="refresh" content="5" />
        </noscript>
      ) : null}
      <h1>{t('sessions.title')}</h1>
      <p className="muted">{t('sessions.intro')}</p>
      {canManage ? (
        <p>
          <Link className="button" to="/integracoes/sessoes/nova">
            {t('sessions.new')}
          </Link>
        </p>
      ) : null}
      {sessions.length === 0 ? (
        <div className="card">
          <p>{t('sessions.empty')}</p>
          {canManage ? <p className="muted">{t('sessions.emptyAdmin')}</p> : null}
        </div>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{t('sessions.col.name')}</th>
                <th>{t('sessions.col.status')}</th>
                <th>{t('sessions.col.phone')}</th>
                <th>{t('sessions.col.today')}</th>
                <th>{t('sessions.col.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-testid={`session-row-${s.sessionName}`}>
                  <td>
                    <Link to={`/integracoes/sessoes/${s.id}`}>{s.displayName}</Link>{' '}
                    {s.isPrimary ? <span className="badge">{t('sessions.primary')}</span> : null}
                    <div className="muted">{s.sessionName}</div>
                  </td>
                  <td>
                    <SessionStatusBadge status={s.status} t={t} />
                  </td>
                  <td>{s.phone ?? t('sessions.noPhone')}</td>
                  <td>{t('sessions.todayOf', { sent: s.sentToday, cap: s.todayCap })}</td>
                  <td className="muted">{s.lastError ? t(s.lastError) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
