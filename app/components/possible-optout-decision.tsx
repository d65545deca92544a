// "Confirmar opt-out" / "Não é opt-out" for one doubtful reply (decision 031): a plain form, so it works
// without JavaScript, on the opt-outs page and inside a conversation in Respostas.
import { Form } from '@remix-run/react'
import type { Translate } from '~/i18n'

export function PossibleOptOutDecision(props: { id: number; field: 'id' | 'possibleId'; t: Translate }) {
  const { id, field, t } = props
  return (
    <Form method="post" className="row-actions">
      <input type="hidden" name={field} value={id} />
      <button type="submit" name="intent" value="confirmPossible">
        {t('optouts.possible.confirm')}
      </button>
      <button type="submit" name="intent" value="dismissPossible" className="secondary">
        {t('optouts.possible.dismiss')}
      </button>
    </Form>
  )
}
