// The list's contacts: search, one row per contact with the spreadsheet's other columns and inline
// edit/delete (plain forms, no JS needed). The table scrolls inside its own box on a narrow screen.
import { Form } from '@remix-run/react'
import { Pager } from '~/components/contacts-pager'
import { SearchForm, TableOrEmpty } from '~/components/searchable-table'
import type { Translate } from '~/i18n'

export type ContactRow = {
  id: number
  personId: number
  name: string
  phoneE164: string
  phoneKind: string
  email: string | null
  company: string | null
  extra: Record<string, string> | null
  suppressed: boolean
}

export function ContactsTable(props: {
  rows: ContactRow[]
  /** The spreadsheet's other columns (contacts.extra), with their header labels. */
  extraColumns: Array<{ key: string; label: string }>
  total: number
  page: number
  pageSize: number
  q: string
  search: string
  canWrite: boolean
  t: Translate
}) {
  const { rows, t, canWrite, extraColumns } = props
  return (
    <section className="card" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">
        {t('contacts.detail.contacts')}{' '}
        <span className="muted">({t('contacts.detail.total', { count: props.total })})</span>
      </h2>
      <SearchForm
        id="contact-search"
        label={t('contacts.detail.search')}
        buttonLabel={t('contacts.detail.searchButton')}
        q={props.q}
        maxWidth="20rem"
      />
      <TableOrEmpty
        empty={rows.length === 0}
        emptyText={t('contacts.detail.noContacts')}
        head={
          <>
            <th>{t('contacts.col.name')}</th>
            <th>{t('contacts.col.phone')}</th>
            <th>{t('contacts.col.email')}</th>
            <th>{t('contacts.col.company')}</th>
            {extraColumns.map((c) => (
              <th key={c.key} data-testid={`extra-col-${c.key}`}>
                {c.label}
              </th>
            ))}
            {canWrite ? <th>{t('common.actions')}</th> : null}
          </>
        }
      >
        {rows.map((c) => (
          <tr key={c.id} data-testid={`contact-${c.phoneE164}`}>
            <td>
              <a href={`/contatos/pessoas/${c.personId}`} title={t('person.open')}>
                {c.name || t('person.open')}
              </a>
            </td>
            <td>
              {c.phoneE164}{' '}
              {c.suppressed ? <span className="badge bad">{t('contacts.badge.optout')}</span> : null}
              {c.phoneKind === 'landline' ? (
                <span className="badge">{t('contacts.badge.landline')}</span>
              ) : null}
            </td>
            <td>{c.email}</td>
            <td>{c.company}</td>
            {extraColumns.map((col) => (
              <td key={col.key}>{c.extra?.[col.key] ?? ''}</td>
            ))}
            {canWrite ? (
              <td>
                <ContactActions contact={c} t={t} />
              </td>
            ) : null}
          </tr>
        ))}
      </TableOrEmpty>
      <Pager
        page={props.page}
        total={props.total}
        pageSize={props.pageSize}
        param="page"
        search={props.search}
        t={t}
      />
    </section>
  )
}

function ContactActions({ contact, t }: { contact: ContactRow; t: Translate }) {
  return (
    <div className="row-actions">
      <details>
        <summary>{t('contacts.editOpen')}</summary>
        <Form method="post">
          <input type="hidden" name="contactId" value={contact.id} />
          <input
            name="name"
            defaultValue={contact.name}
            aria-label={t('contacts.edit.name', { phone: contact.phoneE164 })}
            maxLength={200}
          />
          <input
            name="phone"
            defaultValue={contact.phoneE164}
            aria-label={t('contacts.edit.phone', { phone: contact.phoneE164 })}
            required
          />
          <button type="submit" name="intent" value="updateContact" className="secondary">
            {t('contacts.edit')}
          </button>
        </Form>
      </details>
      <Form method="post">
        <input type="hidden" name="contactId" value={contact.id} />
        <button
          type="submit"
          name="intent"
          value="deleteContact"
          className="link"
          aria-label={`${t('contacts.delete')} ${contact.phoneE164}`}
        >
          {t('contacts.delete')}
        </button>
      </Form>
    </div>
  )
}
