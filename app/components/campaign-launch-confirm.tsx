// "Enviar agora" asks first: "Enviar para 1.234 contatos por 2 sessões?". Without JavaScript the
// composer's POST answers this as a page (Voltar goes to the saved draft's editor); with JavaScript it
// opens as a modal dialog over the composer (Voltar closes it). "Confirmar envio" posts to the
// campaign's page, which launches it (idempotent: a second confirmation starts nothing more).
import { Form } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { LaunchSummary } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'
import { SubmitButton } from './submit-button'

function plural(t: Translate, key: string, count: number, locale: string) {
  return t(`${key}.${count === 1 ? 'one' : 'other'}`, { count: count.toLocaleString(locale) })
}

function LaunchConfirmBody({
  summary,
  t,
  locale,
  back,
}: {
  summary: LaunchSummary
  t: Translate
  locale: string
  back: React.ReactNode
}) {
  const left = summary.optedOut + summary.suppressed
  return (
    <>
      <h2 className="launch-question" id="launch-question" data-testid="launch-question">
        {t('campaigns.confirm.question', {
          people: plural(t, 'campaigns.confirm.people', summary.toSend, locale),
          sessions: plural(t, 'campaigns.confirm.sessions', summary.sessions, locale),
        })}
      </h2>
      <p>
        <strong>{summary.name}</strong>
        {summary.listName ? ` · ${t('campaigns.confirm.list', { name: summary.listName })}` : null}
      </p>
      {left > 0 ? <p className="muted">{t('campaigns.confirm.leftOut', { count: left })}</p> : null}
      {summary.connected < summary.sessions ? (
        <p className="notice bad" data-testid="launch-not-connected">
          {t('campaigns.confirm.notConnected', {
            count: summary.connected,
            sessions: summary.sessions,
          })}
        </p>
      ) : null}
      <p className="muted">{t('campaigns.confirm.savedDraft')}</p>
      <div className="row-actions">
        <Form method="post" action={`/campanhas/${summary.campaignId}`}>
          <SubmitButton
            name="intent"
            value="launch"
            label={t('campaigns.confirm.confirm')}
            pendingLabel={t('campaigns.compose.launching')}
          />
        </Form>
        {back}
      </div>
    </>
  )
}

/** The confirmation as a page (no JavaScript): "Voltar" opens the saved draft in the editor. */
export function LaunchConfirmPage({
  summary,
  t,
  locale,
}: {
  summary: LaunchSummary
  t: Translate
  locale: string
}) {
  return (
    <section className="card" aria-labelledby="launch-question" data-testid="launch-confirm">
      <LaunchConfirmBody
        summary={summary}
        t={t}
        locale={locale}
        back={
          <a className="button secondary" href={`/campanhas/${summary.campaignId}/editar`}>
            {t('campaigns.confirm.back')}
          </a>
        }
      />
    </section>
  )
}

/** The confirmation as a modal dialog over the composer (JavaScript): "Voltar" closes it. */
export function LaunchConfirmDialog({
  summary,
  t,
  locale,
}: {
  summary: LaunchSummary
  t: Translate
  locale: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  // Every new answer of "Enviar agora" (a new summary object) opens the dialog again.
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open && summary) dialog.showModal()
  }, [summary])
  return (
    <dialog
      ref={ref}
      className="launch-dialog"
      aria-labelledby="launch-question"
      data-testid="launch-confirm"
    >
      <LaunchConfirmBody
        summary={summary}
        t={t}
        locale={locale}
        back={
          <button type="button" className="secondary" onClick={() => ref.current?.close()}>
            {t('campaigns.confirm.back')}
          </button>
        }
      />
    </dialog>
  )
}
