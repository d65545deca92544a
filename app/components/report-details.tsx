// Pieces of the campaign report below the charts: the per-session table (sent, failed, pause reason
// and until when), failure reasons grouped with counts, the history with who did what, and the live
// refresh (JS: revalidate every ~3 s; no JS: <noscript> meta refresh every 10 s while running).
import { useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { isMessageStatus, messageStatusLabel } from '~/core/campaigns/status'
import { guardNoteText, parseGuardNote } from '~/core/health/notes'
import type { CampaignReport } from '~/core/tracking/report.server'
import type { Translate } from '~/i18n'
import { errorKindLabel } from '~/i18n/messages/error-kinds'
import type { Text } from '~/i18n/text'
import { SessionStatusBadge } from './session-status-badge'

function dateFormat(locale: string) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
}

export function ReportSessionsTable({
  sessions,
  locale,
  t,
}: {
  sessions: CampaignReport['perSession']
  locale: string
  t: Translate
}) {
  const date = dateFormat(locale)
  return (
    <div className="table-wrap">
      <table data-testid="report-sessions">
        <thead>
          <tr>
            <th scope="col">{t('report.sessions.name')}</th>
            <th scope="col">{t('report.sessions.status')}</th>
            <th scope="col">{t('report.sessions.sent')}</th>
            <th scope="col">{t('report.sessions.failed')}</th>
            <th scope="col">{t('report.sessions.unconfirmed')}</th>
            <th scope="col">{t('report.sessions.paused')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-session-id={s.id}>
              <td>
                {s.name}
                {s.reserve ? <span className="badge">{t('report.sessions.reserve')}</span> : null}
              </td>
              <td>{s.status ? <SessionStatusBadge status={s.status} t={t} /> : '—'}</td>
              <td>{s.sent.toLocaleString(locale)}</td>
              <td>{s.failed.toLocaleString(locale)}</td>
              <td>{s.unconfirmed.toLocaleString(locale)}</td>
              <td>
                {s.pausedUntil ? (
                  <>
                    {t('report.sessions.pausedUntil', { date: date.format(s.pausedUntil) })}
                    {s.pausedReason ? <div className="muted">{t(s.pausedReason)}</div> : null}
                  </>
                ) : s.lastError && s.status !== 'WORKING' ? (
                  <span className="muted">{t(s.lastError)}</span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function ReportFailures({
  failures,
  locale,
  t,
}: {
  failures: CampaignReport['failures']
  locale: string
  t: Translate
}) {
  if (failures.length === 0) return <p className="muted">{t('report.failures.none')}</p>
  return (
    <div className="table-wrap">
      <table data-testid="report-failures">
        <thead>
          <tr>
            <th scope="col">{t('report.failures.status')}</th>
            <th scope="col">{t('report.failures.reason')}</th>
            <th scope="col">{t('report.failures.count')}</th>
          </tr>
        </thead>
        <tbody>
          {failures.map((f) => (
            <tr key={`${f.status}|${f.errorKind}|${f.error}`}>
              <td>{isMessageStatus(f.status) ? messageStatusLabel(f.status, locale) : f.status}</td>
              <td>
                {t(f.error ?? 'report.failures.noMessage')}
                {errorKindLabel(f.errorKind, t) ? (
                  <span className="muted">{` (${errorKindLabel(f.errorKind, t)})`}</span>
                ) : null}
              </td>
              <td>{f.n.toLocaleString(locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function eventLabel(kind: string, t: Translate): string {
  const campaignsKey = `campaigns.events.${kind}`
  const label = t(campaignsKey)
  if (label !== campaignsKey) return label
  const reportKey = `report.events.${kind}`
  const own = t(reportKey)
  return own !== reportKey ? own : kind
}

function eventDetail(kind: string, detail: string | null, date: Intl.DateTimeFormat, t: Translate) {
  if (!detail || kind === 'created') return ''
  if (/^\d{10,15}$/.test(detail) && (kind === 'scheduled' || kind === 'started_late'))
    return `: ${date.format(Number(detail))}`
  if (kind === 'reserve') return `: ${reserveDetail(detail, t)}`
  if (kind === 'health') {
    const note = parseGuardNote(detail)
    return note ? `: ${guardNoteText(note, t, (ms) => date.format(ms))}` : ''
  }
  const step = kind === 'step_created' ? /^(\d+):(\d+)$/.exec(detail) : null
  if (step)
    return `: ${t('report.events.stepCreatedDetail', { step: Number(step[1]), count: Number(step[2]) })}`
  if (kind === 'dispatched' && /^\d+$/.test(detail))
    return `: ${t('report.events.dispatchedDetail', { count: Number(detail) })}`
  return `: ${t(detail)}`
}

/** "“Reserva A” sent instead of the campaign's sessions (Centro: paused)" from the router's JSON note. */
function reserveDetail(detail: string, t: Translate): string {
  try {
    const d = JSON.parse(detail) as {
      session: string
      own: Array<{ name: string; why: string; reason?: Text | string | null }>
    }
    const why = d.own
      .map(
        (o) =>
          t(`campaigns.events.reserveWhy.${o.why}`, { name: o.name }) + (o.reason ? ` — ${t(o.reason)}` : ''),
      )
      .join('; ')
    return t('campaigns.events.reserveDetail', { session: d.session, why })
  } catch {
    return ''
  }
}

export function ReportHistory({
  events,
  locale,
  t,
}: {
  events: CampaignReport['events']
  locale: string
  t: Translate
}) {
  if (events.length === 0) return <p className="muted">{t('campaigns.detail.noEvents')}</p>
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'America/Sao_Paulo',
  })
  return (
    <ul className="report-history" data-testid="report-history">
      {events.map((e) => (
        <li key={e.id}>
          <span className="muted">{date.format(e.createdAt)}</span>
          {` — ${eventLabel(e.kind, t)}${eventDetail(e.kind, e.detail, date, t)}`}
          <span className="muted">
            {` · ${e.userName ? t('report.history.by', { name: e.userName }) : t('report.history.system')}`}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** Revalidates the page every `everyMs` while `active` and the tab is visible; <noscript> refresh. */
export function ReportLive({
  active,
  metaRefresh,
  everyMs = 3000,
}: {
  active: boolean
  metaRefresh: boolean
  everyMs?: number
}) {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle' && document.visibilityState === 'visible') revalidator.revalidate()
    }, everyMs)
    return () => clearInterval(timer)
  }, [active, everyMs, revalidator])
  if (!metaRefresh) return null
  return (
    <noscript>
      <meta httpEquiv="refresh" content="10" />
    </noscript>
  )
}
