// /contatos/listas/:id: one list: counters (opt-outs as of now), "Vazia" when nobody in it can receive
// messages, import progress (live), a failed import's "Retomar" and "Descartar", the contacts (search,
// pages, edit, delete, the spreadsheet's other columns), the CSV export, the rejected rows and their
// CSV download.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { CountsGrid, EmptyBadge, ImportProgress, StatusBadge } from '~/components/contacts-counts'
import { LiveRefresh } from '~/components/contacts-live'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { labelled } from '~/core/contacts/exports.server'
import {
  CONTACTS_PAGE_SIZE,
  getListWithCounts,
  listContacts,
  listError,
  listRejects,
  progressPercent,
  REJECTS_PAGE_SIZE,
} from '~/core/contacts/lists.server'
import { listTags } from '~/core/contacts/tags.server'
import { makeTranslator, type Translate } from '~/i18n'
import type { Text } from '~/i18n/text'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { pageTitle } from '~/lib/meta'
import { listAction } from './actions.server'
import { BulkTags } from './bulk-tags'
import { ContactsTable } from './contacts-table'
import { RejectsTable } from './rejects-table'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, [data?.list.name ?? { key: 'title.list' }, { key: 'title.contacts' }]) },
]

const pageParam = (v: string | null) => Math.min(100_000, Math.max(1, Number.parseInt(v ?? '1', 10) || 1))

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const id = params.id
  if (!id) throw notFound()
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, 100)
  const list = await orNotFound(getListWithCounts(scope, id))
  const [people, rejects] = await Promise.all([
    listContacts(scope, id, { q, page: pageParam(url.searchParams.get('page')) }),
    listRejects(scope, id, { page: pageParam(url.searchParams.get('rpage')) }),
  ])
  const canWrite = can(user.role, 'contacts:write')
  return {
    locale,
    canWrite,
    list: {
      id: list.id,
      name: list.name,
      status: list.status,
      fileName: list.fileName,
      error: listError(list),
      counts: list.counts,
      totalRows: list.totalRows,
      // people this list's imports added to the team, and known ones they merged into (decision 036)
      peopleNew: list.peopleNewCount,
      peopleUpdated: list.peopleUpdatedCount,
      percent: progressPercent(list),
    },
    q,
    search: url.search,
    pageSize: { contacts: CONTACTS_PAGE_SIZE, rejects: REJECTS_PAGE_SIZE },
    people,
    // the spreadsheet's other columns present on this page, in the order of the list's import
    extraColumns: labelled(pageExtraKeys(people.rows), list.mapping),
    rejects,
    tags: canWrite ? await listTags(scope) : [],
  }
}

/** Extra column keys of the page's contacts, in first-seen order. */
function pageExtraKeys(rows: Array<{ extra: Record<string, string> | null }>): string[] {
  const keys = new Set<string>()
  for (const r of rows) for (const k of Object.keys(r.extra ?? {})) keys.add(k)
  return [...keys]
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (!params.id) throw notFound()
  return listAction(context, request, params.id)
}

export default function ListPage() {
  const { locale, canWrite, list, q, search, pageSize, people, extraColumns, rejects, tags } =
    useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <LiveRefresh active={list.status === 'importing'} />
      <p>
        <a href="/contatos">← {t('contacts.back')}</a>
      </p>
      <h1>
        {list.name} <StatusBadge status={list.status} t={t} /> <EmptyBadge counts={list.counts} t={t} />
      </h1>
      {list.counts.empty ? (
        <p className="card" role="status">
          {t('contacts.emptyHint')}
        </p>
      ) : null}
      {list.fileName ? <p className="muted">{t('contacts.detail.file', { file: list.fileName })}</p> : null}
      {list.peopleNew + list.peopleUpdated > 0 ? (
        <p className="muted" data-testid="people-merge">
          {t('contacts.detail.people', { created: list.peopleNew, updated: list.peopleUpdated })}
        </p>
      ) : null}
      <ImportProgress list={list} t={t} />
      <StatusPanel list={list} canWrite={canWrite} t={t} />
      <CountsGrid counts={list.counts} t={t} locale={locale} />
      {list.status !== 'uploaded' && list.status !== 'mapping' ? (
        <p>
          <a className="button secondary" href={`/contatos/listas/${list.id}/exportar`} download>
            {t('contacts.detail.export')}
          </a>
        </p>
      ) : null}
      {canWrite && list.status === 'ready' && people.total > 0 ? (
        <BulkTags q={q} total={people.total} tags={tags} t={t} />
      ) : null}
      <ContactsTable
        rows={people.rows}
        extraColumns={extraColumns}
        total={people.total}
        page={people.page}
        pageSize={pageSize.contacts}
        q={q}
        search={search}
        canWrite={canWrite}
        t={t}
      />
      <RejectsTable
        listId={list.id}
        rows={rejects.rows}
        total={rejects.total}
        page={rejects.page}
        pageSize={pageSize.rejects}
        search={search}
        t={t}
      />
      {canWrite && list.status !== 'importing' ? <DeleteList t={t} /> : null}
    </>
  )
}

function StatusPanel({
  list,
  canWrite,
  t,
}: {
  list: { id: string; status: string; error: Text | null }
  canWrite: boolean
  t: Translate
}) {
  if (list.status === 'failed') {
    return (
      <div className="form-error" role="alert">
        <p style={{ margin: 0 }}>{t('contacts.detail.failed', { error: list.error ?? '' })}</p>
        {canWrite ? (
          <Form method="post" className="row-actions" style={{ marginTop: '.5rem' }}>
            <SubmitButton
              name="intent"
              value="resume"
              label={t('contacts.detail.resume')}
              pendingLabel={t('common.saving')}
            />
            <SubmitButton
              name="intent"
              value="discard"
              label={t('contacts.detail.discard')}
              pendingLabel={t('common.saving')}
              className="danger"
            />
          </Form>
        ) : null}
      </div>
    )
  }
  if (list.status === 'mapping') {
    return (
      <p className="card">
        <a className="button" href={`/contatos/listas/${list.id}/mapear`}>
          {t('contacts.detail.mapNow')}
        </a>
      </p>
    )
  }
  return (
    <>
      {list.status === 'ready' && list.error ? (
        <p className="card" role="status">
          {t('contacts.detail.warning', { error: list.error })}
        </p>
      ) : null}
      {canWrite && list.status === 'ready' ? (
        <p>
          <a href={`/contatos/importar?lista=${list.id}`}>{t('contacts.detail.importMore')}</a>
        </p>
      ) : null}
    </>
  )
}

function DeleteList({ t }: { t: Translate }) {
  return (
    <section className="card">
      <h2>{t('contacts.detail.deleteList')}</h2>
      <Form method="post" className="row-actions">
        <label>
          <input type="checkbox" name="confirm" required /> {t('contacts.detail.deleteListConfirm')}
        </label>
        <SubmitButton
          name="intent"
          value="deleteList"
          label={t('contacts.detail.deleteList')}
          pendingLabel={t('common.saving')}
          className="danger"
        />
      </Form>
    </section>
  )
}
