// The review panel: the message as the first contacts will see it (in a phone-like bubble), who
// gets it, variables nobody has, and the estimated finish.
import type { Review } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'

const bubble: React.CSSProperties = {
  background: '#dcf8c6',
  color: '#111b21',
  borderRadius: '8px 8px 0 8px',
  padding: '.5rem .7rem',
  maxWidth: '22rem',
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  boxShadow: '0 1px 1px rgba(0,0,0,.15)',
}
const phone: React.CSSProperties = {
  background: '#efeae2',
  borderRadius: 12,
  padding: '.75rem',
  display: 'grid',
  gap: '.6rem',
  justifyItems: 'end',
}

export function CampaignReview({
  review,
  t,
  locale,
}: {
  review: Review | null
  t: Translate
  locale: string
}) {
  return (
    <section className="card" aria-labelledby="review-title" data-testid="review">
      <h2 id="review-title">{t('campaigns.review.title')}</h2>
      {!review?.audience ? (
        <p className="muted">{t('campaigns.review.noList')}</p>
      ) : (
        <>
          {review.unknownVariables.length > 0 ? (
            <div className="form-error" role="status" data-testid="unknown-variables">
              {t('campaigns.review.unknownVariables', {
                variables: review.unknownVariables.map((v) => `{{${v}}}`).join(', '),
              })}
            </div>
          ) : null}
          <div className="grid">
            <Stat label={t('campaigns.review.toSend')} value={review.audience.toSend} locale={locale} />
            <Stat label={t('campaigns.review.total')} value={review.audience.total} locale={locale} />
            <Stat
              label={t('campaigns.review.suppressed')}
              value={review.audience.suppressed}
              locale={locale}
            />
            <Stat label={t('campaigns.review.landline')} value={review.audience.landline} locale={locale} />
            <Stat label={t('campaigns.review.invalid')} value={review.audience.invalid} locale={locale} />
          </div>
          <p data-testid="estimate">
            {review.estimate?.text
              ? t('campaigns.review.estimate', {
                  duration: review.estimate.text,
                  count: review.estimate.sessions,
                })
              : t('campaigns.review.noEstimate')}
          </p>
          {review.workingSessions === 0 ? <p className="muted">{t('campaigns.review.noWorking')}</p> : null}
          {review.previews.length === 0 ? (
            <p className="muted">{t('campaigns.review.noPreview')}</p>
          ) : (
            <>
              <p className="muted">{t('campaigns.review.hint')}</p>
              <div className="grid">
                {review.previews.map((p) => (
                  <figure key={p.phone} style={{ margin: 0 }}>
                    <figcaption className="muted">
                      {p.name} · {p.phone}
                    </figcaption>
                    <div style={phone}>
                      <div
                        style={bubble}
                        className="wa-bubble"
                        // biome-ignore lint/security/noDangerouslySetInnerHtml: formatWhatsAppToHtml escapes the text first and only adds its own tags
                        dangerouslySetInnerHTML={{ __html: p.html }}
                      />
                    </div>
                  </figure>
                ))}
              </div>
            </>
          )}
        </>
      )}
    </section>
  )
}

function Stat({ label, value, locale }: { label: string; value: number; locale: string }) {
  return (
    <div>
      <div className="muted">{label}</div>
      <div className="stat">{value.toLocaleString(locale)}</div>
    </div>
  )
}
