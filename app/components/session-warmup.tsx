// The number's warm-up plan on its session page (decision 020): where it is today (day X of N, today's
// cap and what was already sent), the whole plan day by day behind a disclosure, or a warning when an
// admin switched warm-up off.
import type { WarmupPlanView } from '~/core/sessions/warmup-plan'
import type { Translate } from '~/i18n'

export function SessionWarmupPanel({
  plan,
  sentToday,
  locale,
  t,
}: {
  plan: WarmupPlanView
  sentToday: number
  locale: string
  t: Translate
}) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'America/Sao_Paulo' })
  return (
    <section className="card" aria-labelledby="warmup-title" data-testid="warmup-plan">
      <h2 id="warmup-title">{t('protection.plan.title')}</h2>
      {plan.state === 'off' ? (
        <p className="notice bad">{t('protection.plan.off')}</p>
      ) : (
        <>
          <p>
            {plan.state === 'done'
              ? t('protection.plan.done')
              : t('protection.plan.progress', { day: String(plan.day), days: String(plan.days) })}{' '}
            {t('protection.plan.todayCap', { count: plan.todayCap })}{' '}
            {t('protection.plan.sentToday', { count: sentToday })}
          </p>
          <p className="muted">
            {plan.connected
              ? t('protection.plan.since', { date: date.format(plan.startedAt) })
              : t('protection.plan.notConnected')}
          </p>
          <details>
            <summary>{t('protection.plan.show')}</summary>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('protection.plan.day')}</th>
                    <th scope="col">{t('protection.plan.cap')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.plan.map((d) => (
                    <tr key={d.day} aria-current={d.day === plan.day ? 'date' : undefined}>
                      <td>
                        {d.day === plan.day ? <strong>{d.day}</strong> : d.day}
                        {d.day === plan.day ? (
                          <span className="muted">{` (${t('protection.plan.today')})`}</span>
                        ) : null}
                      </td>
                      <td>{d.cap.toLocaleString(locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  )
}
