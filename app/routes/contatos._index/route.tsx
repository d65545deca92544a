// /contatos: every list with its status, counters and, while importing, a live progress bar.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { useLoaderData } from '@remix-run/react'
import { EmptyBadge, ImportProgress, StatusBadge } from '~/components/contacts-counts'
import { LiveRefresh } from '~/components/contacts-live'
import { can } from '~/core/auth/roles'
import { listLists, progressPercent } from '~/core/contacts/lists.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.contacts')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { timeZone: 'America/Sao_Paulo' })
  // dates are formatted here so the server and the browser render the same text
  const lists = (await listLists(scope)).map((l) => ({
    ...l,
    percent: progressPercent(l),
    created: when(l.createdAt),
  }))
  return { locale, canWrite: can(user.role, 'contacts:write'), lists }
}

export default function ContactLists() {
  const { locale, canWrite, lists } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  const importing = lists.some((l) => l.status === 'importing')
  return (
    <>
      <LiveRefresh active={importing} />
      <div className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{t('contacts.title')}</h1>
        <div className="row-actions">
          <a className="button secondary" href="/contatos/etiquetas">
            {t('tags.link')}
          </a>
          <a className="button secondary" href="/contatos/segmentos">
            {t('segments.link')}
          </a>
          {canWrite ? (
            <a className="button" href="/contatos/importar">
              {t('contacts.importButton')}
            </a>
          ) : null}
        </div>
      </div>
      <p className="muted">{t('contacts.intro')}</p>
      {lists.length === 0 ? (
        <p className="card">{t('contacts.empty')}</p>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{t('contacts.list.name')}</th>
                <th>{t('contacts.list.status')}</th>
                <th>{t('contacts.list.counts')}</th>
                <th>{t('contacts.list.created')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr key={l.id} data-testid={`list-${l.id}`}>
                  <td>
                    <a href={`/contatos/listas/${l.id}`}>{l.name}</a>
                    {l.fileName ? <div className="muted">{l.fileName}</div> : null}
                  </td>
                  <td>
                    <StatusBadge status={l.status} t={t} /> <EmptyBadge counts={l.counts} t={t} />
                    <ImportProgress list={l} t={t} />
                    {l.status === 'failed' && l.error ? <div className="error">{t(l.error)}</div> : null}
                  </td>
                  <td>
                    {(['valid', 'invalid', 'duplicate', 'suppressed'] as const)
                      .map((k) => t(`contacts.summary.${k}`, { count: l.counts[k] }))
                      .join(' · ')}
                  </td>
                  <td>{l.created}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
