// Parts of a person's page: editing the person's own values, the timeline across campaigns, and the
// LGPD erase (the opt-outs page's erase, posted from here). Plain forms: no JavaScript needed.
import { Form } from '@remix-run/react'
import { TableOrEmpty } from '~/components/searchable-table'
import type { Translate } from '~/i18n'

export function PersonEditForm(props: {
  person: { name: string; email: string | null; company: string | null }
  t: Translate
}) {
  const { person, t } = props
  return (
    <section className="card" aria-labelledby="person-edit">
      <h2 id="person-edit">{t('person.edit')}</h2>
      <p className="muted">{t('person.editHint')}</p>
      <Form method="post">
        <label>
          {t('person.name')}
          <input name="name" defaultValue={person.name} maxLength={200} />
        </label>
        <label>
          {t('person.email')}
          <input name="email" type="email" defaultValue={person.email ?? ''} maxLength={254} />
        </label>
        <label>
          {t('person.company')}
          <input name="company" defaultValue={person.company ?? ''} maxLength={200} />
        </label>
        <button type="submit" name="intent" value="update">
          {t('person.save')}
        </button>
      </Form>
    </section>
  )
}

type TimelineRow = {
  id: number
  campaignId: string
  campaign: string
  sent: string
  delivered: string
  read: string
  clicked: string
  replied: string
}

export function Timeline({ rows, t }: { rows: TimelineRow[]; t: Translate }) {
  return (
    <section className="card" aria-labelledby="person-timeline">
      <h2 id="person-timeline">{t('person.timeline')}</h2>
      <TableOrEmpty
        empty={rows.length === 0}
        emptyText={t('person.timeline.none')}
        head={
          <>
            <th>{t('person.timeline.campaign')}</th>
            <th>{t('person.timeline.sent')}</th>
            <th>{t('person.timeline.delivered')}</th>
            <th>{t('person.timeline.read')}</th>
            <th>{t('person.timeline.clicked')}</th>
            <th>{t('person.timeline.replied')}</th>
          </>
        }
      >
        {rows.map((m) => (
          <tr key={m.id} data-testid={`timeline-${m.id}`}>
            <td>
              <a href={`/campanhas/${m.campaignId}`}>{m.campaign}</a>
            </td>
            <td>{m.sent || '—'}</td>
            <td>{m.delivered || '—'}</td>
            <td>{m.read || '—'}</td>
            <td>{m.clicked || '—'}</td>
            <td>{m.replied || '—'}</td>
          </tr>
        ))}
      </TableOrEmpty>
    </section>
  )
}

export function EraseFromProfile({ phone, t }: { phone: string; t: Translate }) {
  return (
    <section className="card" aria-labelledby="person-erase">
      <h2 id="person-erase">{t('optouts.erase.title')}</h2>
      <p className="muted">{t('optouts.erase.intro')}</p>
      <Form method="post" action="/opt-outs">
        <input type="hidden" name="intent" value="erase" />
        <input type="hidden" name="phone" value={phone} />
        <label>
          <input type="checkbox" name="confirm" required /> {t('optouts.erase.confirm')}
        </label>
        <button type="submit" className="danger">
          {t('optouts.erase.submit')}
        </button>
      </Form>
    </section>
  )
}
