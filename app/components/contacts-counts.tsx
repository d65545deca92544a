// A list's counters (válidos / inválidos / duplicados / opt-out / fixos) and its import progress bar.
import type { Translate } from '~/i18n'

export type ListCounts = {
  status: string
  validCount: number
  invalidCount: number
  duplicateCount: number
  suppressedCount: number
  landlineCount: number
  totalRows: number
  percent: number
}

export function ImportProgress({ list, t }: { list: ListCounts; t: Translate }) {
  if (list.status !== 'importing') return null
  const label = t('contacts.progress', { percent: list.percent })
  return (
    <div className="import-progress">
      <progress max={100} value={list.percent} aria-label={label} style={{ width: '100%' }} />
      <div className="muted" role="status">
        {label} · {t('contacts.progressRows', { rows: list.totalRows.toLocaleString('pt-BR') })}
      </div>
    </div>
  )
}

export function StatusBadge({ status, t }: { status: string; t: Translate }) {
  const kind = status === 'ready' ? 'ok' : status === 'failed' ? 'bad' : ''
  return <span className={`badge ${kind}`}>{t(`contacts.status.${status}`)}</span>
}

export function CountsGrid({ list, t, locale }: { list: ListCounts; t: Translate; locale: string }) {
  const items: Array<[string, number, string | null, string]> = [
    ['contacts.count.valid', list.validCount, 'contacts.count.validHint', 'valid'],
    ['contacts.count.invalid', list.invalidCount, null, 'invalid'],
    ['contacts.count.duplicate', list.duplicateCount, null, 'duplicate'],
    ['contacts.count.suppressed', list.suppressedCount, 'contacts.count.suppressedHint', 'suppressed'],
    ['contacts.count.landline', list.landlineCount, 'contacts.count.landlineHint', 'landline'],
  ]
  return (
    <div className="grid">
      {items.map(([key, value, hint, id]) => (
        <div key={key} className="card" data-testid={`count-${id}`}>
          <div className="muted">{t(key)}</div>
          <div className="stat">{value.toLocaleString(locale)}</div>
          {hint ? (
            <div className="muted" style={{ fontSize: '.85rem' }}>
              {t(hint)}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  )
}
