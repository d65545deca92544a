// The review's audience of lists and segments (decision 039): how many people each chosen list or
// segment has, what each exclusion leaves out, opt-outs, and who will really get it.
import type { Review } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'

export function AudienceBreakdown({
  breakdown: b,
  t,
}: {
  breakdown: NonNullable<Review['breakdown']>
  t: Translate
}) {
  if (b.tooComplex)
    return (
      <p className="form-error" role="status" data-testid="audience-breakdown">
        {t('audience.review.tooComplex')}
      </p>
    )
  return (
    <section data-testid="audience-breakdown" aria-label={t('audience.review.title')}>
      <h3>{t('audience.review.title')}</h3>
      <ul>
        {b.sources.map((s) => (
          <li key={`${s.kind}-${s.id}`} data-testid={`audience-source-${s.kind}-${s.id}`}>
            {t(s.kind === 'list' ? 'audience.review.sourceList' : 'audience.review.sourceSegment', {
              count: s.count,
              name: s.name ?? '',
            })}
          </li>
        ))}
      </ul>
      <p data-testid="audience-chosen">{t('audience.review.chosen', { count: b.chosen })}</p>
      {b.excluded.length > 0 || b.optedOut > 0 || b.suppressed > 0 ? (
        <ul>
          {b.excluded.map((e) => (
            <li key={`${e.kind}-${e.id}`} data-testid={`audience-excluded-${e.kind}-${e.id}`}>
              {e.kind === 'messaged'
                ? t('audience.review.excludedMessaged', { count: e.count, days: e.id })
                : t(e.kind === 'list' ? 'audience.review.excludedList' : 'audience.review.excludedSegment', {
                    count: e.count,
                    name: e.name ?? '',
                  })}
            </li>
          ))}
          {b.optedOut > 0 ? (
            <li data-testid="audience-opted-out">{t('audience.review.optedOut', { count: b.optedOut })}</li>
          ) : null}
          {b.suppressed > 0 ? (
            <li data-testid="audience-suppressed">
              {t('audience.review.suppressed', { count: b.suppressed })}
            </li>
          ) : null}
        </ul>
      ) : null}
      {b.excluded.length > 1 ? <p className="hint muted">{t('audience.review.overlap')}</p> : null}
      <p data-testid="audience-to-send">
        <strong>{t('audience.review.toSend', { count: b.toSend })}</strong>
      </p>
      {b.missing.lists.length > 0 ? (
        <p className="form-error" role="status">
          {t('audience.review.missingLists', { count: b.missing.lists.length })}
        </p>
      ) : null}
      {b.missing.segments.length > 0 ? (
        <p className="form-error" role="status">
          {t('audience.review.missingSegments', { count: b.missing.segments.length })}
        </p>
      ) : null}
      {b.segmentsMissing.map((s) => (
        <p key={s.id} className="form-error" role="status" data-testid={`audience-segment-missing-${s.id}`}>
          {t('audience.review.segmentMissing', { name: s.name ?? '' })}
        </p>
      ))}
    </section>
  )
}
