// /campanhas: the tenant's campaigns with status, list, sessions, dates and progress (message counts
// come from one GROUP BY for the whole page), and the actions each status allows. Filter by status
// and name, 25 a page (plain GET links and form: no JS needed).
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { CampaignStatusBadge } from '~/components/campaign-status-badge'
import { Pager } from '~/components/contacts-pager'
import { can } from '~/core/auth/roles'
import {
  CAMPAIGNS_PAGE_SIZE,
  listCampaigns,
  parseCampaignListFilters,
} from '~/core/campaigns/campaign-list.server'
import { CAMPAIGN_STATUSES, campaignStatusLabel } from '~/core/campaigns/status'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.campaigns')

const SENT = ['sent', 'delivered', 'read']

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const url = new URL(request.url)
  const filters = parseCampaignListFilters(url.searchParams)
  const { rows, total } = await listCampaigns(scope, filters)
  return {
    locale,
    canWrite: can(user.role, 'campaigns:write'),
    campaigns: rows,
    total,
    filters,
    search: url.search,
    pageSize: CAMPAIGNS_PAGE_SIZE,
  }
}

export default function Campaigns() {
  const { locale, canWrite, campaigns, total, filters, search, pageSize } = useLoaderData<typeof loader>()
  const filtered = Boolean(filters.status || filters.q)
  const t = makeTranslator(locale)
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Sao_Paulo',
  })
  const newButton = canWrite ? (
    <a className="button" href="/campanhas/nova">
      {t('campaigns.new')}
    </a>
  ) : null
  return (
    <>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: '1rem',
          flexWrap: 'wrap',
          marginBottom: '.6rem',
        }}
      >
        <h1>{t('campaigns.title')}</h1>
        {newButton}
      </div>
      {total > 0 || filtered ? (
        <Form method="get" className="report-filters" aria-label={t('campaigns.filters')}>
          <label>
            <span>{t('campaigns.col.status')}</span>
            <select name="status" defaultValue={filters.status ?? ''}>
              <option value="">{t('campaigns.allStatuses')}</option>
              {CAMPAIGN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {campaignStatusLabel(s, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('campaigns.search')}</span>
            <input type="search" name="q" defaultValue={filters.q} maxLength={100} />
          </label>
          <button type="submit" className="secondary">
            {t('campaigns.apply')}
          </button>
          {filtered ? (
            <a href="/campanhas" className="report-clear">
              {t('campaigns.clear')}
            </a>
          ) : null}
        </Form>
      ) : null}
      {campaigns.length === 0 && (filtered || total > 0) ? (
        <p className="muted" data-testid="campaigns-no-match">
          {t('campaigns.noMatch')} <a href="/campanhas">{t('campaigns.clear')}</a>
        </p>
      ) : campaigns.length === 0 ? (
        <div className="card" data-testid="campaigns-empty">
          <p>
            <strong>{t('campaigns.empty')}</strong>
          </p>
          <p className="muted">{t('campaigns.emptyHint')}</p>
          {newButton}
        </div>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{t('campaigns.col.name')}</th>
                <th>{t('campaigns.col.status')}</th>
                <th>{t('campaigns.col.list')}</th>
                <th>{t('campaigns.col.sessions')}</th>
                <th>{t('campaigns.col.dates')}</th>
                <th>{t('campaigns.col.progress')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => {
                const total = Object.values(c.counts).reduce((a, b) => a + b, 0)
                const done = SENT.reduce((a, s) => a + (c.counts[s] ?? 0), 0)
                const editable = c.status === 'draft' || c.status === 'scheduled'
                return (
                  <tr key={c.id} data-testid={`campaign-${c.id}`}>
                    <td>
                      <a href={`/campanhas/${c.id}`}>{c.name || '—'}</a>
                    </td>
                    <td>
                      <CampaignStatusBadge status={c.status} locale={locale} />
                    </td>
                    <td>{c.listName ?? '—'}</td>
                    <td>{c.sessionNames.join(', ') || '—'}</td>
                    <td className="muted" style={{ fontSize: '.85rem' }}>
                      <div>{t('campaigns.createdAt', { date: date.format(c.createdAt) })}</div>
                      {c.scheduledAt && c.status === 'scheduled' ? (
                        <div>{t('campaigns.scheduledFor', { date: date.format(c.scheduledAt) })}</div>
                      ) : null}
                      {c.startedAt ? (
                        <div>{t('campaigns.startedAt', { date: date.format(c.startedAt) })}</div>
                      ) : null}
                    </td>
                    <td>
                      {total > 0 ? (
                        <>
                          <progress max={total} value={done} aria-label={t('campaigns.col.progress')} />{' '}
                          <span className="muted">
                            {t('campaigns.progress', {
                              done: done.toLocaleString(locale),
                              total: total.toLocaleString(locale),
                            })}
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('campaigns.noProgress')}</span>
                      )}
                    </td>
                    <td>
                      <div className="row-actions">
                        <a className="button secondary" href={`/campanhas/${c.id}`}>
                          {t('campaigns.open')}
                        </a>
                        {canWrite && editable ? (
                          <a className="button secondary" href={`/campanhas/${c.id}/editar`}>
                            {t('campaigns.edit')}
                          </a>
                        ) : null}
                        {canWrite ? (
                          <Form method="post" action={`/campanhas/${c.id}/duplicar`}>
                            <button type="submit" className="secondary">
                              {t('campaigns.duplicate')}
                            </button>
                          </Form>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <Pager page={filters.page} total={total} pageSize={pageSize} param="page" search={search} t={t} />
        </div>
      )}
    </>
  )
}
