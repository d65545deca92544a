// The banner of a paused campaign: why (the reason the engine or the user wrote on the campaign) and
// who or what paused it and when: a person by name, or Disparo itself (e.g. no session connected).
import type { CampaignReport } from '~/core/tracking/report.server'
import type { Translate } from '~/i18n'

export function CampaignPausedBanner({
  pause,
  locale,
  t,
}: {
  pause: NonNullable<CampaignReport['pause']>
  locale: string
  t: Translate
}) {
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
  const when = pause.at ? date.format(pause.at) : null
  const who = pause.automatic
    ? t('campaigns.pausedBanner.bySystem')
    : t('campaigns.pausedBanner.byUser', { name: pause.by ?? t('campaigns.pausedBanner.someone') })
  return (
    <div className="paused-banner" role="status" data-testid="paused-banner">
      <strong>{t('campaigns.pausedBanner.title')}</strong>{' '}
      {pause.reason ? <span data-testid="paused-reason">{t(pause.reason)}</span> : null}
      <div className="muted" data-testid="paused-by">
        {when ? t('campaigns.pausedBanner.whoWhen', { who, date: when }) : who}
        {pause.automatic ? ` ${t('campaigns.pausedBanner.resumeHint')}` : null}
      </div>
    </div>
  )
}
