// The per-contact table of a campaign: GET filter form (status, what the person did: clicked,
// replied, opted out; session, name/phone search), how many contacts match (the funnel's own counts),
// 50 rows per page with keyset "Anteriores" / "Próximas" links. Plain links and forms: works without JS.
import { Form } from '@remix-run/react'
import { isMessageStatus, MESSAGE_STATUSES, messageStatusLabel } from '~/core/campaigns/status'
import type { CampaignReport } from '~/core/tracking/report.server'
import { ACTIVITIES, filterQuery, isFiltered, type RowFilters } from '~/core/tracking/report-filters'
import type { Translate } from '~/i18n'

type Row = CampaignReport['rows'][number]

export function ReportTable({
  basePath,
  filters,
  total,
  rows,
  page,
  sessions,
  locale,
  t,
}: {
  basePath: string
  filters: RowFilters
  /** Rows matching the filters (all pages). */
  total: number
  rows: Row[]
  page: CampaignReport['page']
  sessions: { id: string; name: string }[]
  locale: string
  t: Translate
}) {
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: 'America/Sao_Paulo',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  const when = (ms: number | null) => (ms ? date.format(ms) : '—')
  const filtered = isFiltered(filters)
  return (
    <>
      <Form method="get" action={basePath} className="report-filters" aria-label={t('report.table.filters')}>
        <label>
          <span>{t('report.table.status')}</span>
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('report.table.all')}</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {messageStatusLabel(s, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('report.table.activity')}</span>
          <select name="acao" defaultValue={filterValue(filters)}>
            <option value="">{t('report.table.anyActivity')}</option>
            {Object.entries(ACTIVITIES).map(([param, activity]) => (
              <option key={param} value={param}>
                {t(`report.table.activity.${activity}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('report.table.session')}</span>
          <select name="sessao" defaultValue={filters.sessionId ?? ''}>
            <option value="">{t('report.table.all')}</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('report.table.search')}</span>
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ''}
            maxLength={40}
            placeholder={t('report.table.searchHint')}
          />
        </label>
        <button type="submit" className="secondary">
          {t('report.table.apply')}
        </button>
        {filtered ? (
          <a href={basePath} className="report-clear">
            {t('report.table.clear')}
          </a>
        ) : null}
      </Form>
      <p className="muted" data-testid="report-rows-total" data-total={total}>
        {t(filtered ? 'report.table.totalFiltered' : 'report.table.total', {
          count: total,
        })}
      </p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="report-rows-empty">
          {t(filtered ? 'report.table.noMatch' : 'report.table.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="report-rows">
            <thead>
              <tr>
                <th scope="col">{t('report.table.name')}</th>
                <th scope="col">{t('report.table.phone')}</th>
                <th scope="col">{t('report.table.status')}</th>
                <th scope="col">{t('report.table.session')}</th>
                <th scope="col">{t('report.table.sent')}</th>
                <th scope="col">{t('report.table.delivered')}</th>
                <th scope="col">{t('report.table.read')}</th>
                <th scope="col">{t('report.table.clicked')}</th>
                <th scope="col">{t('report.table.replied')}</th>
                <th scope="col">{t('report.table.error')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-row-id={r.id}>
                  <td>{r.contactName || '—'}</td>
                  <td className="nowrap">{r.phoneE164}</td>
                  <td>
                    <span className={`badge msg-${r.status}`} data-status={r.status}>
                      {isMessageStatus(r.status) ? messageStatusLabel(r.status, locale) : r.status}
                    </span>
                  </td>
                  <td>{r.sessionName ?? '—'}</td>
                  <td className="nowrap">{when(r.sentAt)}</td>
                  <td className="nowrap">{when(r.deliveredAt)}</td>
                  <td className="nowrap">{when(r.readAt)}</td>
                  <td className="nowrap">{when(r.clickedAt)}</td>
                  <td className="nowrap">{when(r.repliedAt)}</td>
                  <td>{t(r.error ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="report-pager" aria-label={t('report.table.pages')}>
        {page.prevBefore ? (
          <a href={`${basePath}${filterQuery(filters, { before: page.prevBefore })}#contatos`} rel="prev">
            ← {t('report.table.prev')}
          </a>
        ) : null}
        {page.nextAfter ? (
          <a href={`${basePath}${filterQuery(filters, { after: page.nextAfter })}#contatos`} rel="next">
            {t('report.table.next')} →
          </a>
        ) : null}
      </nav>
    </>
  )
}

/** The `acao` value of the active activity filter ('' for none). */
function filterValue(f: RowFilters): string {
  return Object.entries(ACTIVITIES).find(([, a]) => a === f.activity)?.[0] ?? ''
}
