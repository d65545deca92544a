// The poll's result on the campaign page (decision 038): per option the people who chose it, their
// share of the voters and a bar (plain HTML/CSS: the numbers are in the table, the bar only repeats
// them, so it is hidden from screen readers), and "quem votou em quê" as CSV. No JS needed.
import type { PollResult } from '~/core/polls/results.server'
import type { Translate } from '~/i18n'

export function ReportPoll({
  poll,
  exportHref,
  locale,
  t,
}: {
  poll: PollResult
  exportHref: string
  locale: string
  t: Translate
}) {
  const n = (value: number) => value.toLocaleString(locale)
  return (
    <section className="card report-poll" aria-labelledby="poll-heading" data-testid="report-poll">
      <h2 id="poll-heading">{t('polls.report.title')}</h2>
      <p>
        <strong>{poll.question}</strong>
      </p>
      <p className="muted">
        {t('polls.report.voters', { count: poll.voters })} ·{' '}
        {t('polls.report.received', { count: poll.received })}
        {poll.multipleAnswers ? ` · ${t('polls.report.multiple')}` : ''}
      </p>
      <table className="report-poll-table" aria-labelledby="poll-heading">
        <thead>
          <tr>
            <th scope="col">{t('polls.report.option')}</th>
            <th scope="col">{t('polls.report.votes')}</th>
            <th scope="col" className="report-poll-chart">
              {t('polls.report.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {poll.options.map((o) => (
            <tr key={o.option} data-option={o.option}>
              <th scope="row">{o.option}</th>
              <td data-testid="poll-votes">{n(o.votes)}</td>
              <td className="report-poll-chart">
                <span className="muted">{n(o.percent)}%</span>
                <div className="report-bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, o.percent)}%` }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a className="button secondary" href={exportHref} download data-testid="poll-export">
          {t('polls.report.export')}
        </a>
      </p>
    </section>
  )
}
