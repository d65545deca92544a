// "Possíveis opt-outs" (decision 031): replies that may ask to stop, each with the person's words, why
// it was flagged, and two buttons (a plain form: works without JavaScript). Viewers see the list only.
import { PossibleOptOutDecision } from '~/components/possible-optout-decision'
import { TableOrEmpty } from '~/components/searchable-table'
import { possibleOptOutRuleKey } from '~/core/contacts/possible-optout-rules'
import type { Translate } from '~/i18n'

type Row = {
  id: number
  phoneE164: string
  body: string
  rule: string
  date: string
  contactName: string | null
  campaignName: string | null
}

export function PossibleOptOuts(props: { rows: Row[]; total: number; canDecide: boolean; t: Translate }) {
  const { rows, total, canDecide, t } = props
  return (
    <section className="card" aria-labelledby="possible-optouts">
      <h2 id="possible-optouts">
        {t('optouts.possible.title')} <span className="muted">({total.toLocaleString('pt-BR')})</span>
      </h2>
      <p className="muted">{t('optouts.possible.intro')}</p>
      <TableOrEmpty
        empty={rows.length === 0}
        emptyText={t('optouts.possible.empty')}
        head={
          <>
            <th>{t('optouts.col.phone')}</th>
            <th>{t('optouts.possible.col.message')}</th>
            <th>{t('optouts.possible.col.why')}</th>
            <th>{t('optouts.col.date')}</th>
            {canDecide ? <th>{t('common.actions')}</th> : null}
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id} data-testid={`possible-${r.id}`}>
            <td>
              {r.phoneE164}
              {r.contactName ? <div className="muted">{r.contactName}</div> : null}
            </td>
            <td>
              <q>{r.body}</q>
              {r.campaignName ? (
                <div className="muted">{t('optouts.possible.inReplyTo', { campaign: r.campaignName })}</div>
              ) : null}
            </td>
            <td>{t(possibleOptOutRuleKey(r.rule))}</td>
            <td>{r.date}</td>
            {canDecide ? (
              <td>
                <PossibleOptOutDecision id={r.id} field="id" t={t} />
              </td>
            ) : null}
          </tr>
        ))}
      </TableOrEmpty>
      {total > rows.length ? (
        <p className="muted">{t('optouts.possible.more', { count: total - rows.length })}</p>
      ) : null}
    </section>
  )
}
