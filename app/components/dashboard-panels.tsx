// Panels of the home dashboard: active campaigns with progress, sessions (today's sends against the
// daily cap, health), recent opt-outs and replies, and dead letters.
import type { Dashboard } from '~/core/tracking/report-dashboard.server'
import type { Translate } from '~/i18n'
import { CampaignStatusBadge } from './campaign-status-badge'
import { SessionStatusBadge } from './session-status-badge'

type Props<K extends keyof Dashboard> = { data: Dashboard[K]; locale: string; t: Translate }

function dates(locale: string) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
}

function Meter({ pct, label }: { pct: number; label: string }) {
  return (
    <div
      className="report-bar"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-label={label}
    >
      <span style={{ width: `${Math.min(100, pct)}%` }} />
    </div>
  )
}

export function DashboardCampaigns({ data, locale, t }: Props<'campaigns'>) {
  const date = dates(locale)
  return (
    <section className="card" aria-labelledby="dash-campaigns" data-testid="dashboard-campaigns">
      <h2 id="dash-campaigns">{t('dashboard.campaigns.title')}</h2>
      {data.length === 0 ? (
        <p className="muted">
          {t('dashboard.campaigns.none')} <a href="/campanhas/nova">{t('dashboard.campaigns.new')}</a>
        </p>
      ) : (
        <ul className="dash-list">
          {data.map((c) => (
            <li key={c.id} data-campaign-id={c.id}>
              <div>
                <a href={`/campanhas/${c.id}`}>{c.name}</a>{' '}
                <CampaignStatusBadge status={c.status} locale={locale} />
              </div>
              {c.status === 'scheduled' && c.scheduledAt ? (
                <div className="muted">
                  {t('campaigns.scheduledFor', { date: date.format(c.scheduledAt) })}
                </div>
              ) : (
                <>
                  <Meter pct={c.pct} label={t('dashboard.campaigns.progress', { name: c.name })} />
                  <div className="muted">
                    {t('dashboard.campaigns.done', {
                      done: c.done.toLocaleString(locale),
                      total: c.total.toLocaleString(locale),
                      pct: c.pct.toLocaleString(locale),
                    })}
                    {c.status === 'paused' && c.pausedReason ? ` · ${t(c.pausedReason)}` : ''}
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function DashboardSessions({ data, locale, t }: Props<'sessions'>) {
  const date = dates(locale)
  return (
    <section className="card" aria-labelledby="dash-sessions" data-testid="dashboard-sessions">
      <h2 id="dash-sessions">{t('dashboard.sessions.title')}</h2>
      {data.length === 0 ? (
        <p className="muted">
          {t('dashboard.sessions.none')} <a href="/integracoes/sessoes">{t('dashboard.sessions.add')}</a>
        </p>
      ) : (
        <ul className="dash-list">
          {data.map((s) => (
            <li key={s.id} data-session-id={s.id}>
              <div>
                <a href={`/integracoes/sessoes/${s.id}`}>{s.displayName}</a>{' '}
                <SessionStatusBadge status={s.status} t={t} />{' '}
                {s.healthState && s.healthState !== 'saudavel' ? (
                  <a
                    href={`/integracoes/sessoes/${s.id}/saude`}
                    className={`badge ${s.healthState === 'atencao' ? '' : 'bad'}`}
                    data-testid="session-health"
                  >
                    {`${t(`guard.state.${s.healthState}`)} · ${t('health.score', { score: s.healthScore ?? 0 })}`}
                  </a>
                ) : null}
              </div>
              <Meter pct={s.capPct} label={t('dashboard.sessions.capLabel', { name: s.displayName })} />
              <div className="muted" data-testid="session-today">
                {t('dashboard.sessions.today', {
                  sent: s.sentToday.toLocaleString(locale),
                  cap: s.dailyCap.toLocaleString(locale),
                })}
              </div>
              {s.pausedUntil ? (
                <div className="dash-warn">
                  {t('dashboard.sessions.pausedUntil', { date: date.format(s.pausedUntil) })}
                  {s.pausedReason ? `: ${t(s.pausedReason)}` : ''}
                </div>
              ) : null}
              {s.lastError ? (
                <div className="muted">
                  {t('dashboard.sessions.lastError', {
                    error: s.lastError,
                    date: s.lastErrorAt ? date.format(s.lastErrorAt) : '—',
                  })}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function DashboardOptOuts({ data, locale, t }: Props<'optOuts'>) {
  const date = dates(locale)
  return (
    <section className="card" aria-labelledby="dash-optouts" data-testid="dashboard-optouts">
      <h2 id="dash-optouts">{t('dashboard.optOuts.title')}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('dashboard.optOuts.none')}</p>
      ) : (
        <ul className="dash-list compact">
          {data.map((o) => (
            <li key={o.id}>
              <span className="nowrap">{o.phoneE164}</span>{' '}
              <span className="muted">
                · {t(`dashboard.optOuts.reason.${o.reason}`)} · {date.format(o.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/opt-outs">{t('dashboard.optOuts.all')}</a>
      </p>
    </section>
  )
}

export function DashboardReplies({ data, locale, t }: Props<'replies'>) {
  const date = dates(locale)
  return (
    <section className="card" aria-labelledby="dash-replies" data-testid="dashboard-replies">
      <h2 id="dash-replies">{t('dashboard.replies.title')}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('dashboard.replies.none')}</p>
      ) : (
        <ul className="dash-list compact">
          {data.map((r) => (
            <li key={r.id}>
              {r.contactName || r.phoneE164}{' '}
              <span className="muted">
                ·{' '}
                <a href={`/campanhas/${r.campaignId}?q=${encodeURIComponent(r.phoneE164)}#contatos`}>
                  {r.campaignName}
                </a>{' '}
                · {r.repliedAt ? date.format(r.repliedAt) : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function DashboardDeadLetters({ data, locale, t }: Props<'deadLetters'>) {
  if (data.count === 0) return null
  const date = dates(locale)
  return (
    <section className="card dash-alert" aria-labelledby="dash-dead" data-testid="dashboard-dead-letters">
      <h2 id="dash-dead">{t('dashboard.dead.title', { count: data.count })}</h2>
      <p className="muted">{t('dashboard.dead.hint')}</p>
      <ul className="dash-list compact">
        {data.recent.map((d) => (
          <li key={d.id}>
            <span className="muted">{date.format(d.createdAt)}</span> ·{' '}
            {t('dashboard.dead.queue', { queue: d.queue })} · <code>{d.body}</code>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Webhook endpoints switched off after sustained failure (decision 033), with the way to fix them. */
export function DashboardWebhooksOff({
  count,
  canManage,
  t,
}: {
  count: number
  canManage: boolean
  t: Translate
}) {
  if (count === 0) return null
  return (
    <section className="card dash-alert" aria-labelledby="dash-hooks" data-testid="dashboard-webhooks-off">
      <h2 id="dash-hooks">{t('webhooks.noticeDisabled', { count })}</h2>
      <p className="muted">
        {canManage ? (
          <a href="/integracoes/webhooks">{t('dashboard.webhooksOff.fix')}</a>
        ) : (
          t('dashboard.webhooksOff.ask')
        )}
      </p>
    </section>
  )
}
