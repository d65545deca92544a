// The campaign report's "Proteção das pessoas": how many messages the protection rules held back, by
// reason, in words (decision 019): skipped (a recent campaign message, the same text within 24 h) or
// waiting for a session's daily new-contact budget.
import type { HeldCounts } from '~/core/tracking/report-held.server'
import type { Translate } from '~/i18n'

const LINES = [
  ['recentMessage', 'report.held.recentMessage'],
  ['sameText', 'report.held.sameText'],
  ['firstContactBudget', 'report.held.firstContactBudget'],
] as const satisfies ReadonlyArray<readonly [keyof HeldCounts, string]>

export function ReportHeld({ held, t }: { held: HeldCounts; t: Translate }) {
  const lines = LINES.filter(([k]) => held[k] > 0)
  if (lines.length === 0) return <p className="muted">{t('report.held.none')}</p>
  return (
    <ul data-testid="report-held">
      {lines.map(([k, key]) => (
        <li key={k} data-held={k}>
          {t(key, { count: held[k] })}
        </li>
      ))}
    </ul>
  )
}
