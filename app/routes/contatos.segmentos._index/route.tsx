// /contatos/segmentos: the team's saved segments (decision 037). Operators and admins create them.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { useLoaderData } from '@remix-run/react'
import { TableOrEmpty } from '~/components/searchable-table'
import { can } from '~/core/auth/roles'
import { listSegments } from '~/core/contacts/segments/segments.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.segments')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  return { locale, canWrite: can(user.role, 'contacts:write'), segments: await listSegments(scope) }
}

export default function SegmentsPage() {
  const { locale, canWrite, segments } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <p>
        <a href="/contatos">← {t('person.back')}</a>
      </p>
      <div className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{t('segments.title')}</h1>
        {canWrite ? (
          <a className="button" href="/contatos/segmentos/novo">
            {t('segments.new')}
          </a>
        ) : null}
      </div>
      <p className="muted">{t('segments.intro')}</p>
      <section className="card">
        <TableOrEmpty
          empty={segments.length === 0}
          emptyText={t('segments.none')}
          head={
            <>
              <th>{t('segments.col.name')}</th>
              <th>{t('segments.col.updated')}</th>
            </>
          }
        >
          {segments.map((s) => (
            <tr key={s.id} data-testid={`segment-${s.id}`}>
              <td>
                <a href={`/contatos/segmentos/${s.id}`}>{s.name}</a>
              </td>
              <td>{new Date(s.updatedAt).toLocaleDateString(locale, { timeZone: 'America/Sao_Paulo' })}</td>
            </tr>
          ))}
        </TableOrEmpty>
      </section>
    </>
  )
}
