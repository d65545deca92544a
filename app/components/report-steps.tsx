// The campaign page's per-step section (decision 040): one line per message of the sequence with its
// funnel, which step is next and when, and each poll step's result. Plain HTML, no JS needed.
import type { StepsReport } from '~/core/campaigns/steps-report.server'
import type { Translate } from '~/i18n'
import { ReportPoll } from './report-poll'

const COLUMNS = ['created', 'sent', 'delivered', 'read', 'replied', 'clicked', 'failed'] as const

export function ReportSteps({
  report,
  exportHref,
  locale,
  t,
}: {
  report: StepsReport
  exportHref: string
  locale: string
  t: Translate
}) {
  const n = (v: number) => v.toLocaleString(locale)
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
  const name = (step: number) =>
    step === 0
      ? t('steps.report.first')
      : step === -1
        ? t('steps.report.confirmation')
        : t('steps.compose.step', { n: step })
  const next = report.next
  const delay = next
    ? next.delayMinutes % 1440 === 0
      ? t('steps.review.delayDays', { count: next.delayMinutes / 1440 })
      : t('steps.review.delayHours', { count: Math.round(next.delayMinutes / 60) })
    : ''
  return (
    <section className="card" aria-labelledby="steps-heading" data-testid="report-steps">
      <h2 id="steps-heading">{t('steps.report.title')}</h2>
      {next ? (
        <p data-testid="steps-next">
          {next.at !== null
            ? t('steps.report.next', { n: next.step, at: date.format(next.at) })
            : t('steps.report.nextAfter', { n: next.step, delay })}
        </p>
      ) : null}
      <table aria-labelledby="steps-heading">
        <thead>
          <tr>
            <th scope="col">{t('steps.report.step')}</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {t(`steps.report.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.funnels.map((f) => (
            <tr key={f.step} data-step={f.step}>
              <th scope="row">{name(f.step)}</th>
              {COLUMNS.map((c) => (
                <td key={c} data-col={c}>
                  {n(f[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {report.polls.map((p) => (
        <div key={p.step} data-testid={`step-poll-${p.step}`}>
          <h3>{t('steps.report.pollResult', { n: p.step })}</h3>
          <ReportPoll poll={p.result} exportHref={exportHref} locale={locale} t={t} />
        </div>
      ))}
    </section>
  )
}
