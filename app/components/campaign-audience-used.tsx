// The campaign page's audience of lists and segments (decision 039): lists, exclusions and each
// segment used with its definition summarised (frozen at release).
import type { AudienceUsed } from '~/core/campaigns/audience/used.server'
import type { Translate } from '~/i18n'

export function CampaignAudienceUsed({
  used,
  t,
  locale,
}: {
  used: AudienceUsed
  t: Translate
  locale: string
}) {
  const tr = t as unknown as (key: string, params?: Record<string, string | number>) => string
  return (
    <section data-testid="audience-used">
      <h3>{t('audience.used.title')}</h3>
      {used.lists.length > 0 ? <p>{t('audience.used.lists', { names: used.lists.join(', ') })}</p> : null}
      {used.segments.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot's order never changes
        <p key={i} data-testid="audience-used-segment">
          <strong>
            {t(s.role === 'include' ? 'audience.used.segment' : 'audience.used.excludedSegment', {
              name: s.name ?? '—',
            })}
          </strong>
          {s.name === null ? ` ${t('audience.used.deleted')}` : null}
          {s.summary.length > 0 ? ` — ${s.summary.map((p) => tr(p.key, p.params)).join('; ')}` : null}
        </p>
      ))}
      {used.excludedLists.length > 0 ? (
        <p>{t('audience.used.excludedLists', { names: used.excludedLists.join(', ') })}</p>
      ) : null}
      {used.messagedWithinDays ? (
        <p>{t('audience.used.messaged', { days: used.messagedWithinDays })}</p>
      ) : null}
      {used.frozenAt ? (
        <p className="muted">
          {t('audience.used.frozen', {
            at: new Date(used.frozenAt).toLocaleString(locale, { timeZone: 'America/Sao_Paulo' }),
          })}
        </p>
      ) : null}
    </section>
  )
}
