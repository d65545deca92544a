// A list's counters (válidos / inválidos / duplicados / opt-out / fixos, opt-outs as of now), its
// "Vazia" badge and its import progress bar.
import type { LiveCounts } from '~/core/contacts/list-counts'
import type { Translate } from '~/i18n'

export type ImportState = { status: string; totalRows: number; percent: number }

export function ImportProgress({ list, t }: { list: ImportState; t: Translate }) {
  if (list.status !== 'importing') return null
  const label = t('contacts.progress', { percent: list.percent })
  return (
    <div className="import-progress">
      <progress max={100} value={list.percent} aria-label={label} style={{ width: '100%' }} />
      <div className="muted" role="status">
        {label} · {t('contacts.progressRows', { count: list.totalRows })}
      </div>
    </div>
  )
}

export function StatusBadge({ status, t }: { status: string; t: Translate }) {
  const kind = status === 'ready' ? 'ok' : status === 'failed' ? 'bad' : ''
  return <span className={`badge ${kind}`}>{t(`contacts.status.${status}`)}</span>
}

/** "Vazia": a ready list nobody in which can receive messages (it cannot be used in campaigns). */
export function EmptyBadge({ counts, t }: { counts: Pick<LiveCounts, 'empty'>; t: Translate }) {
  if (!counts.empty) return null
  return (
    <span className="badge bad" title={t('contacts.emptyHint')} data-testid="list-empty">
      {t('contacts.status.empty')}
    </span>
  )
}

export function CountsGrid({ counts, t, locale }: { counts: LiveCounts; t: Translate; locale: string }) {
  const items: Array<[string, number, string | null, string]> = [
    ['contacts.count.valid', counts.valid, 'contacts.count.validHint', 'valid'],
    ['contacts.count.invalid', counts.invalid, null, 'invalid'],
    ['contacts.count.duplicate', counts.duplicate, null, 'duplicate'],
    ['contacts.count.suppressed', counts.suppressed, 'contacts.count.suppressedHint', 'suppressed'],
    ['contacts.count.landline', counts.landline, 'contacts.count.landlineHint', 'landline'],
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
