// The campaign funnel: progress bar with ETA, then total, na fila, enviadas, entregues, lidas, cliques,
// respostas, falhas, opt-outs, sem confirmação and ignoradas, each with its percentage.
import type { Funnel, FunnelKey, Progress, Reconciliation } from '~/core/tracking/report'
import { etaText, FUNNEL_BASE, FUNNEL_KEYS } from '~/core/tracking/report'
import type { Translate } from '~/i18n'

const TONE: Partial<Record<FunnelKey, string>> = {
  failed: 'bad',
  optOuts: 'warn',
  unconfirmed: 'warn',
}

export function ReportProgress({
  progress,
  status,
  locale,
  t,
}: {
  progress: Progress
  status: string
  locale: string
  t: Translate
}) {
  const eta = etaText(progress.etaMs, locale)
  const live = status === 'running' || status === 'paused'
  return (
    <div className="report-progress" data-testid="report-progress">
      <div className="report-progress-text">
        <strong>
          {t('report.progress', {
            done: progress.done.toLocaleString(locale),
            total: progress.total.toLocaleString(locale),
          })}
        </strong>{' '}
        <span className="muted">({progress.pct.toLocaleString(locale)}%)</span>
      </div>
      <div
        className="report-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.pct}
        aria-label={t('report.progressLabel')}
      >
        <span style={{ width: `${Math.min(100, progress.pct)}%` }} />
      </div>
      {live && progress.done < progress.total ? (
        <p className="muted" data-testid="report-eta">
          {status === 'paused'
            ? t('report.etaPaused')
            : (progress.waitingForBudget ?? 0) >= progress.total - progress.done
              ? t('report.etaBudget')
              : !eta
                ? t('report.etaUnknown')
                : progress.etaBasis === 'budget'
                  ? t('report.etaAfterBudget', { eta })
                  : progress.etaBasis === 'pacing'
                    ? t('report.etaPacing', { eta, count: progress.etaSessions ?? 0 })
                    : t('report.eta', { eta, count: progress.ratePerHour })}
        </p>
      ) : null}
    </div>
  )
}

export function ReportFunnel({ funnel, locale, t }: { funnel: Funnel; locale: string; t: Translate }) {
  return (
    <div className="report-funnel" data-testid="report-funnel">
      <div className="report-metric" data-testid="funnel-total">
        <div className="muted">{t('report.funnel.total')}</div>
        <div className="stat">{funnel.total.toLocaleString(locale)}</div>
      </div>
      {FUNNEL_KEYS.map((k) => (
        <div key={k} className={`report-metric ${TONE[k] ?? ''}`} data-testid={`funnel-${k}`}>
          <div className="muted">{t(`report.funnel.${k}`)}</div>
          <div className="stat">{funnel[k].toLocaleString(locale)}</div>
          <div className="muted report-pct">
            {t(FUNNEL_BASE[k] === 'sent' ? 'report.pctOfSent' : 'report.pctOfTotal', {
              pct: funnel.pct[k].toLocaleString(locale),
            })}
          </div>
        </div>
      ))}
    </div>
  )
}

/** How the sends WhatsApp did not confirm at once were settled (decision 021); nothing when none. */
export function ReportReconciliation({
  reconciliation: r,
  t,
}: {
  reconciliation: Reconciliation
  t: Translate
}) {
  if (r.confirmedLater + r.resent + r.unconfirmed === 0) return null
  return (
    <div className="report-reconciliation" data-testid="report-reconciliation">
      <p>
        {t('report.reconcile.summary', {
          confirmed: t('report.reconcile.confirmed', { count: r.confirmedLater }),
          resent: t('report.reconcile.resent', { count: r.resent }),
          unconfirmed: t('report.reconcile.unconfirmed', { count: r.unconfirmed }),
        })}
      </p>
      <p className="muted">{t('report.reconcile.hint')}</p>
    </div>
  )
}
