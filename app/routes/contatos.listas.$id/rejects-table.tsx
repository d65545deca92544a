// Rejected rows of the last import: line number, original text and reason, plus the CSV download.
import { Pager } from '~/components/contacts-pager'
import type { Translate } from '~/i18n'
import type { Text } from '~/i18n/text'

export function RejectsTable(props: {
  listId: string
  rows: Array<{ line: number; raw: string; reason: Text }>
  total: number
  page: number
  pageSize: number
  search: string
  t: Translate
}) {
  const { rows, t } = props
  return (
    <section className="card" aria-labelledby="rejects-heading">
      <h2 id="rejects-heading">
        {t('contacts.detail.rejects')} <span className="muted">({props.total.toLocaleString('pt-BR')})</span>
      </h2>
      <p className="muted">{t('contacts.detail.rejectsIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('contacts.detail.noRejects')}</p>
      ) : (
        <>
          <p>
            <a className="button secondary" href={`/contatos/listas/${props.listId}/rejeitados`} download>
              {t('contacts.detail.downloadRejects')}
            </a>
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('contacts.col.line')}</th>
                  <th>{t('contacts.col.raw')}</th>
                  <th>{t('contacts.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.line} data-testid={`reject-${r.line}`}>
                    <td>{r.line}</td>
                    <td>
                      <code style={{ wordBreak: 'break-all' }}>
                        {r.raw.length > 200 ? `${r.raw.slice(0, 200)}…` : r.raw}
                      </code>
                    </td>
                    <td>{t(r.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pager
        page={props.page}
        total={props.total}
        pageSize={props.pageSize}
        param="rpage"
        search={props.search}
        t={t}
      />
    </section>
  )
}
