// The health of one WhatsApp number (decision 022): state, score and reasons in words, what the guard
// is doing (slowed, resting until, ramp), the warm-up plan's progress, the last 14 days per day with
// a chart, and the history of automatic actions. Admins can "Retomar mesmo assim" (recorded with who).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { HealthChart } from '~/components/health-chart'
import { sessionStatusLabel } from '~/components/session-status-badge'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { loadHealthPage } from '~/core/health/health-page.server'
import { guardNoteText, reasonText } from '~/core/health/notes'
import { releaseSession } from '~/core/health/release.server'
import { getSessionRow } from '~/core/sessions/sessions.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { pageTitle } from '~/lib/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, [{ key: 'title.sessionHealth' }, data?.name ?? { key: 'title.session' }]) },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const row = await orNotFound(getSessionRow(scope, params.id ?? ''))
  const page = await loadHealthPage(scope, row)
  return {
    locale,
    id: row.id,
    name: row.displayName,
    status: row.status,
    canManage: can(user.role, 'integrations:manage'),
    now: scope.clock(),
    ...page,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope, t } = await requireUser(context, request, 'integrations:manage')
  const id = params.id ?? ''
  await orNotFound(getSessionRow(scope, id))
  const here = `/integracoes/sessoes/${id}/saude`
  const form = await request.formData()
  if (form.get('intent') !== 'release')
    return redirectWithFlash(here, { kind: 'error', message: 'health.release.unknown' })
  const result = await orNotFound(releaseSession(scope, id))
  if (!result.ok) {
    const vars = result.vars?.status ? { status: sessionStatusLabel(result.vars.status, t) } : undefined
    return redirectWithFlash(here, { kind: 'error', message: result.message, vars })
  }
  return redirectWithFlash(here, { kind: 'success', message: result.message })
}

export default function SessionHealthPage() {
  const d = useLoaderData<typeof loader>()
  const t = makeTranslator(d.locale)
  const date = new Intl.DateTimeFormat(d.locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
  const fmt = (ms: number) => date.format(ms)
  const held = d.state === 'bloqueado' || (d.state === 'em_risco' && (d.pausedUntil ?? 0) > d.now)
  const tone = d.state === 'saudavel' ? 'ok' : d.state === 'atencao' ? '' : 'bad'
  return (
    <>
      <p>
        <Link to={`/integracoes/sessoes/${d.id}`}>← {d.name}</Link>
      </p>
      <h1>{t('health.title', { name: d.name })}</h1>
      <section className="card" aria-labelledby="health-now">
        <h2 id="health-now">{t('health.now')}</h2>
        <p className="health-state">
          <span className={`badge ${tone}`} data-testid="health-state" data-state={d.state}>
            {t(`guard.state.${d.state}`)}
          </span>{' '}
          {t('health.score', { score: d.score })}
        </p>
        {d.evaluatedAt ? (
          <p className="muted">{t('health.evaluatedAt', { at: fmt(d.evaluatedAt) })}</p>
        ) : (
          <p className="muted">{t('health.neverEvaluated')}</p>
        )}
        {d.state === 'atencao' ? <p>{t('health.doing.slow')}</p> : null}
        {d.state === 'em_risco' && d.pausedUntil ? (
          <p>{t('health.doing.pause', { until: fmt(d.pausedUntil) })}</p>
        ) : null}
        {d.state === 'bloqueado' ? <p>{t('guard.hold.awaitingRelease')}</p> : null}
        {d.rampStartedAt ? <p>{t('health.doing.ramp', { since: fmt(d.rampStartedAt) })}</p> : null}
        <h3>{t('health.reasons')}</h3>
        {d.reasons.length === 0 ? (
          <p className="muted">{t('health.noReasons')}</p>
        ) : (
          <ul data-testid="health-reasons">
            {d.reasons.map((r) => (
              <li key={r.code}>{reasonText(r, t)}</li>
            ))}
          </ul>
        )}
        {d.canManage && held ? (
          <Form method="post">
            <input type="hidden" name="intent" value="release" />
            <p className="muted">
              {d.status === 'WORKING'
                ? t('health.release.hint')
                : t('health.release.notConnected', { status: sessionStatusLabel(d.status, t) })}
            </p>
            <SubmitButton
              label={t('health.release.button')}
              pendingLabel={t('sessions.actions.working')}
              className="danger"
            />
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="health-warmup">
        <h2 id="health-warmup">{t('health.warmup.title')}</h2>
        {!d.warmup ? (
          <p className="muted">{t('health.warmup.off')}</p>
        ) : d.warmup.day > d.warmup.days ? (
          <p>{t('health.warmup.done', { cap: d.warmup.fullCap })}</p>
        ) : (
          <>
            <p>
              {t('health.warmup.progress', {
                day: d.warmup.day,
                days: d.warmup.days,
                cap: d.warmup.capToday,
                full: d.warmup.fullCap,
              })}
            </p>
            <progress max={d.warmup.days} value={d.warmup.day} aria-label={t('health.warmup.title')} />
          </>
        )}
      </section>
      <section className="card" aria-labelledby="health-days">
        <h2 id="health-days">{t('health.days.title')}</h2>
        <HealthChart days={d.days} locale={d.locale} t={t} />
        <div className="table-wrap">
          <table data-testid="health-days">
            <thead>
              <tr>
                <th scope="col">{t('health.col.day')}</th>
                {(['sent', 'delivered', 'read', 'replied', 'optOuts', 'errors', 'score'] as const).map(
                  (c) => (
                    <th scope="col" key={c}>
                      {t(`health.col.${c}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {d.days.map((day) => (
                <tr key={day.day}>
                  <td className="nowrap">{`${day.day.slice(8, 10)}/${day.day.slice(5, 7)}`}</td>
                  <td>{day.sent}</td>
                  <td>{day.delivered}</td>
                  <td>{day.read}</td>
                  <td>{day.replied}</td>
                  <td>{day.optOuts}</td>
                  <td>{day.errors}</td>
                  <td>{day.score ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="health-history">
        <h2 id="health-history">{t('health.history.title')}</h2>
        {d.history.length === 0 ? (
          <p className="muted">{t('health.history.empty')}</p>
        ) : (
          <ul data-testid="health-history">
            {d.history.map((h) => (
              <li key={`${h.at}-${h.note.action}`}>
                <span className="muted">{fmt(h.at)}</span> {guardNoteText(h.note, t, fmt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
