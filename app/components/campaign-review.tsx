// The review panel: the message (and image) as the first contacts who will get it see it, in a
// phone-like bubble; who gets it and who is left out (opted out, suppressed, invalid rows), variables
// nobody has, the estimated finish and the risk before launch with its one-click fixes. `busy` dims
// it while a new review is on its way (JS only).

import type { Review } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'
import { AudienceBreakdown } from './campaign-audience-breakdown'
import { LaunchRiskPanel, ReviewEstimate } from './campaign-risk'
import { EffectivePacingTable } from './effective-pacing-table'

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
  busy = false,
}: {
  review: Review | null
  t: Translate
  locale: string
  busy?: boolean
}) {
  const a = review?.audience
  const leftOut = a
    ? [
        a.optedOut > 0
          ? t('campaigns.review.leftOutOptedOut', { count: a.optedOut.toLocaleString(locale) })
          : null,
        a.suppressed > 0 ? t('campaigns.review.leftOutSuppressed', { count: a.suppressed }) : null,
        a.invalid > 0 ? t('campaigns.review.leftOutInvalid', { count: a.invalid }) : null,
      ].filter((x): x is string => x !== null)
    : []
  return (
    <section
      className="card"
      aria-labelledby="review-title"
      data-testid="review"
      aria-busy={busy}
      style={busy ? { opacity: 0.6 } : undefined}
    >
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
            <Stat
              label={t('campaigns.review.toSend')}
              value={review.audience.toSend}
              locale={locale}
              testId="review-to-send"
            />
            <Stat
              label={t(review.breakdown ? 'audience.review.total' : 'campaigns.review.total')}
              value={review.audience.total}
              locale={locale}
            />
            <Stat
              label={t('campaigns.review.optedOut')}
              value={review.audience.optedOut}
              locale={locale}
              testId="review-opted-out"
            />
            <Stat
              label={t('campaigns.review.suppressed')}
              value={review.audience.suppressed}
              locale={locale}
              testId="review-suppressed"
            />
            {review.breakdown ? null : (
              <>
                <Stat
                  label={t('campaigns.review.landline')}
                  value={review.audience.landline}
                  locale={locale}
                />
                <Stat
                  label={t('campaigns.review.invalid')}
                  value={review.audience.invalid}
                  locale={locale}
                  testId="review-invalid"
                />
              </>
            )}
          </div>
          {/* An audience of lists and segments says who is left out and why in its own breakdown. */}
          {review.breakdown ? (
            <AudienceBreakdown breakdown={review.breakdown} t={t} />
          ) : (
            <p data-testid="review-left-out">
              {leftOut.length > 0
                ? t('campaigns.review.leftOut', { who: leftOut.join(', ') })
                : t('campaigns.review.noneLeftOut')}
            </p>
          )}
          <ReviewEstimate review={review} t={t} />
          {review.workingSessions === 0 ? <p className="muted">{t('campaigns.review.noWorking')}</p> : null}
          <EffectivePacingTable rows={review.effective} areaCodeAffinity={review.areaCodeAffinity} t={t} />
          {review.risk ? <LaunchRiskPanel risk={review.risk} t={t} /> : null}
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
                      <div style={bubble} className="wa-bubble">
                        {review.media ? <BubbleMedia media={review.media} t={t} /> : null}
                        <div
                          // biome-ignore lint/security/noDangerouslySetInnerHtml: formatWhatsAppToHtml escapes the text first and only adds its own tags
                          dangerouslySetInnerHTML={{ __html: p.html }}
                        />
                        {review.poll ? <BubblePoll poll={review.poll} t={t} /> : null}
                      </div>
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

function Stat({
  label,
  value,
  locale,
  testId,
}: {
  label: string
  value: number
  locale: string
  testId?: string
}) {
  return (
    <div data-testid={testId}>
      <div className="muted">{label}</div>
      <div className="stat">{value.toLocaleString(locale)}</div>
    </div>
  )
}

/** A poll's options under its question, as WhatsApp lists them (decision 038). */
function BubblePoll({ poll, t }: { poll: NonNullable<Review['poll']>; t: Translate }) {
  return (
    <div data-testid="review-poll">
      <p className="muted" style={{ margin: '.3rem 0' }}>
        📊 {t(poll.multipleAnswers ? 'polls.review.multiple' : 'polls.review.single')}
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {poll.options.map((o) => (
          <li key={o}>
            {poll.multipleAnswers ? '☐' : '○'} {o}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The attachment inside a preview bubble: the picture, a player, or the document's name. */
function BubbleMedia({ media, t }: { media: NonNullable<Review['media']>; t: Translate }) {
  const box = { display: 'block', maxWidth: '100%', borderRadius: 6, marginBottom: '.4rem' }
  if (media.kind === 'image')
    return <img src={media.url} alt={t('campaigns.review.imageAlt')} data-testid="review-image" style={box} />
  if (media.kind === 'video')
    // biome-ignore lint/a11y/useMediaCaption: the campaign's own video; it has no caption track
    return <video src={media.url} controls preload="metadata" data-testid="review-video" style={box} />
  if (media.kind === 'voice')
    return (
      <div data-testid="review-voice" style={{ marginBottom: '.4rem' }}>
        <span className="muted">🎤 {t('media.kind.voice')}</span>
        {/* biome-ignore lint/a11y/useMediaCaption: the campaign's own voice note; it has no caption track */}
        <audio src={media.url} controls preload="metadata" style={{ display: 'block', maxWidth: '100%' }} />
      </div>
    )
  return (
    <p data-testid="review-document" style={{ margin: '0 0 .4rem' }}>
      <span aria-hidden="true">📄 </span>
      <a href={media.url}>{media.name ?? t('media.kind.document')}</a>
    </p>
  )
}
