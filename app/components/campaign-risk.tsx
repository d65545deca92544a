// The review's finish estimate (when, and what it counts: warm-up, rests, windows, caps) and the risk
// before launch (decision 023): the level, each reason in words, and the one-click fixes as plain
// submit buttons of the composer form (intent risk-fix:…), so they work without JavaScript.

import type { LaunchRisk, RiskFix, RiskReason } from '~/core/campaigns/launch-risk'
import { riskFixIntent } from '~/core/campaigns/launch-risk-fix'
import type { Review } from '~/core/campaigns/preview.server'
import { formatLocalDateTime } from '~/core/tracking/report-format'
import type { Translate } from '~/i18n'

export function ReviewEstimate({ review, t }: { review: Review; t: Translate }) {
  const e = review.estimate
  return (
    <div data-testid="estimate">
      <p style={{ marginBottom: '.3rem' }}>
        {e?.text
          ? `${t('campaigns.review.estimate', { duration: e.text, count: e.sessions })}.`
          : t('campaigns.review.noEstimate')}
        {e?.text && e.finishAt !== null ? (
          <>
            {' '}
            <span data-testid="finish-at">
              {t('campaigns.review.finishAt', { at: formatLocalDateTime(e.finishAt) })}
            </span>
          </>
        ) : null}
      </p>
      {e?.text ? (
        <p className="muted" style={{ marginTop: 0 }}>
          {t('campaigns.review.estimateIncludes')}
        </p>
      ) : null}
      {review.pollsUnheard.map((name) => (
        <p key={name} className="notice bad" data-testid="review-polls-unheard">
          {t('campaigns.review.pollsUnheard', { name })}
        </p>
      ))}
      {review.warmup.length > 0 ? (
        <ul data-testid="review-warmup">
          {review.warmup.map((w) => (
            <li key={w.name}>
              {t('campaigns.review.warmup', { name: w.name, day: w.day, days: w.days, count: w.capToday })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

const LEVEL_STYLE: Record<LaunchRisk['level'], React.CSSProperties> = {
  baixo: { background: 'var(--success-bg)' },
  medio: { background: 'var(--info-bg)' },
  alto: { background: 'var(--danger-bg)', color: 'var(--danger)' },
}

function reasonText(r: RiskReason, t: Translate): string {
  switch (r.code) {
    case 'newNumber': {
      const age = t('campaigns.risk.age', { count: r.days })
      const text = t('campaigns.risk.reason.newNumber', { session: r.session, age, count: r.perDay })
      return r.warmup ? text : `${text} ${t('campaigns.risk.warmupOff')}`
    }
    case 'oneText':
      return t('campaigns.risk.reason.oneText', { count: r.audience })
    case 'noName':
    case 'noOptOut':
      return t(`campaigns.risk.reason.${r.code}`, { count: r.texts })
    case 'insecureLink':
      return t('campaigns.risk.reason.insecureLink', { url: r.url })
    case 'shortLink':
      return t('campaigns.risk.reason.shortLink', { host: r.host })
    case 'firstContacts':
      return t('campaigns.risk.reason.firstContacts', {
        count: r.count,
        percent: r.percent,
        of: r.of ?? 'list',
      })
  }
}

function fixLabel(f: RiskFix, t: Translate): string {
  if (f.kind === 'spreadDays') return t('campaigns.risk.fix.spreadDays', { count: f.dailyCap })
  if (f.kind === 'slowDown') return t('campaigns.risk.fix.slowDown', { min: f.minDelayS, max: f.maxDelayS })
  return t(`campaigns.risk.fix.${f.kind}`)
}

export function LaunchRiskPanel({ risk, t }: { risk: LaunchRisk; t: Translate }) {
  return (
    <section aria-labelledby="risk-title" data-testid="risk" data-level={risk.level}>
      <h3 id="risk-title" style={{ marginBottom: '.4rem' }}>
        {t('campaigns.risk.title')}:{' '}
        <span className="badge" data-testid="risk-level" style={LEVEL_STYLE[risk.level]}>
          {t(`campaigns.risk.level.${risk.level}`)}
        </span>
      </h3>
      {risk.reasons.length === 0 ? (
        <p className="muted">{t('campaigns.risk.none')}</p>
      ) : (
        <ul data-testid="risk-reasons">
          {risk.reasons.map((r) => (
            <li key={r.code} data-reason={r.code} style={{ overflowWrap: 'anywhere' }}>
              {reasonText(r, t)} <span className="muted">({t(`campaigns.risk.severity.${r.severity}`)})</span>
            </li>
          ))}
        </ul>
      )}
      {risk.fixes.length > 0 ? (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '.4rem' }}>
            {risk.fixes.map((f) => (
              <button
                key={f.kind}
                type="submit"
                name="intent"
                value={riskFixIntent(f)}
                className="secondary"
                formNoValidate
                data-testid={`risk-fix-${f.kind}`}
                aria-describedby={f.kind === 'addVariant' ? 'risk-variant-hint' : 'risk-fixes-hint'}
                style={{ whiteSpace: 'normal', textAlign: 'left' }}
              >
                {fixLabel(f, t)}
              </button>
            ))}
          </div>
          <p className="muted" id="risk-fixes-hint">
            {risk.fixes.some((f) => f.kind === 'addVariant') ? (
              <span id="risk-variant-hint">{t('campaigns.risk.fix.addVariantHint')} </span>
            ) : null}
            {t('campaigns.risk.fixesHint')}
          </p>
        </>
      ) : null}
    </section>
  )
}
