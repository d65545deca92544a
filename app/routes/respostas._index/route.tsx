// /respostas: every conversation with the team's contacts, newest inbound first, with filters (campaign,
// number, open / handled, search) in a GET form (works without JavaScript). Live: with JS the list
// revalidates every 10 s; without JS a <noscript> meta refresh reloads it every 30 s (no typing to lose
// here: the filters are in the address). Reads only: app/core/inbox/inbox.server.ts.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { LiveRefresh } from '~/components/contacts-live'
import { displayPhone } from '~/components/inbox-timeline'
import { TableOrEmpty } from '~/components/searchable-table'
import { INBOX_STATES, type InboxState } from '~/core/inbox/filters'
import {
  formatInboxCursor,
  inboxFilterOptions,
  listConversations,
  parseInboxCursor,
} from '~/core/inbox/inbox.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.inbox')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const url = new URL(request.url)
  const stateParam = url.searchParams.get('estado') ?? 'all'
  const filters = {
    campaignId: url.searchParams.get('campanha') || null,
    sessionId: url.searchParams.get('numero') || null,
    state: (INBOX_STATES as readonly string[]).includes(stateParam) ? (stateParam as InboxState) : 'all',
    q: (url.searchParams.get('q') ?? '').slice(0, 40),
  }
  const before = parseInboxCursor(url.searchParams.get('antes'))
  const [list, options] = await Promise.all([
    listConversations(scope, filters, before),
    inboxFilterOptions(scope),
  ])
  const when = (ms: number) =>
    new Date(ms).toLocaleString(locale, {
      timeZone: 'America/Sao_Paulo',
      dateStyle: 'short',
      timeStyle: 'short',
    })
  return {
    locale,
    filters,
    filtered: Boolean(filters.campaignId || filters.sessionId || filters.q || filters.state !== 'all'),
    options,
    total: list.total,
    olderPage: before !== null,
    next: list.next ? formatInboxCursor(list.next) : null,
    rows: list.rows.map((r) => ({ ...r, date: when(r.lastInboundAt) })),
  }
}

export default function InboxPage() {
  const { locale, filters, filtered, options, total, olderPage, next, rows } = useLoaderData<typeof loader>()
  const query = toQuery(filters)
  const pageHref = (cursor: string | null) => {
    const p = new URLSearchParams(query)
    if (cursor) p.set('antes', cursor)
    const qs = p.toString()
    return `/respostas${qs ? `?${qs}` : ''}`
  }
  const t = makeTranslator(locale)
  return (
    <>
      <LiveRefresh active seconds={30} everyMs={10_000} />
      <div className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{t('inbox.title')}</h1>
        <a className="button secondary" href={`/respostas${filtered ? `?${toQuery(filters)}` : ''}`}>
          {t('inbox.refresh')}
        </a>
      </div>
      <p className="muted">{t('inbox.intro')}</p>
      <section className="card" aria-label={t('inbox.filter.apply')}>
        <Form method="get" className="inbox-filters">
          <label>
            {t('inbox.filter.campaign')}{' '}
            <select name="campanha" defaultValue={filters.campaignId ?? ''}>
              <option value="">{t('inbox.filter.any')}</option>
              {options.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('inbox.filter.session')}{' '}
            <select name="numero" defaultValue={filters.sessionId ?? ''}>
              <option value="">{t('inbox.filter.any')}</option>
              {options.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('inbox.filter.state')}{' '}
            <select name="estado" defaultValue={filters.state}>
              {INBOX_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`inbox.state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('inbox.filter.search')}{' '}
            <input
              type="search"
              name="q"
              defaultValue={filters.q}
              placeholder={t('inbox.filter.searchHint')}
              maxLength={40}
            />
          </label>
          <button type="submit">{t('inbox.filter.apply')}</button>
          {filtered ? <a href="/respostas">{t('inbox.filter.clear')}</a> : null}
        </Form>
      </section>
      <section className="card">
        <TableOrEmpty
          empty={rows.length === 0}
          emptyText={t(filtered ? 'inbox.noMatch' : 'inbox.empty')}
          head={
            <>
              <th>{t('inbox.item.them')}</th>
              <th>{t('inbox.filter.campaign')}</th>
              <th>{t('inbox.filter.state')}</th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid={`conversation-${r.id}`}>
              <td>
                <a href={`/respostas/${r.id}`}>
                  <strong>{r.contactName ?? displayPhone(r.phoneE164, t('inbox.lidUnknown'))}</strong>
                </a>
                {r.unread > 0 ? (
                  <>
                    {' '}
                    <span className="badge bad">{t('inbox.unread', { count: r.unread })}</span>
                  </>
                ) : null}
                <div className="muted">
                  {r.contactName ? `${displayPhone(r.phoneE164, t('inbox.lidUnknown'))} · ` : ''}
                  {r.date}
                </div>
                <div>{r.lastBody}</div>
              </td>
              <td>
                {r.campaignName ?? <span className="muted">{t('inbox.noCampaign')}</span>}
                {r.sessionName ? (
                  <div className="muted">{t('inbox.via', { session: r.sessionName })}</div>
                ) : null}
              </td>
              <td>
                <span className={r.handledAt ? 'badge ok' : 'badge'}>
                  {t(r.handledAt ? 'inbox.badge.handled' : 'inbox.badge.open')}
                </span>
                {r.assignedName ? (
                  <div className="muted">{t('inbox.assignedTo', { name: r.assignedName })}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </TableOrEmpty>
        {olderPage ? (
          <p className="muted">{t('inbox.olderPage', { total })}</p>
        ) : total > rows.length ? (
          <p className="muted">{t('inbox.more', { shown: rows.length, total })}</p>
        ) : null}
        {olderPage || next ? (
          <nav className="row-actions" aria-label={t('inbox.pages')}>
            {olderPage ? <a href={pageHref(null)}>{t('inbox.newestPage')}</a> : null}
            {next ? (
              <a href={pageHref(next)} rel="next">
                {t('inbox.nextPage')}
              </a>
            ) : null}
          </nav>
        ) : null}
        <noscript>
          <p className="muted">{t('inbox.autoRefresh')}</p>
        </noscript>
      </section>
    </>
  )
}

function toQuery(f: { campaignId: string | null; sessionId: string | null; state: string; q: string }) {
  const p = new URLSearchParams()
  if (f.campaignId) p.set('campanha', f.campaignId)
  if (f.sessionId) p.set('numero', f.sessionId)
  if (f.state !== 'all') p.set('estado', f.state)
  if (f.q) p.set('q', f.q)
  return p.toString()
}
