// One WhatsApp session: live status with the QR code / pairing code, lifecycle actions, "Testar
// conexão", delete, and the settings form (admins). Everyone else sees the same page read-only.
import type { SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { SessionForm } from '~/components/session-form'
import { SessionLivePanel } from '~/components/session-live-panel'
import { SessionWarmupPanel } from '~/components/session-warmup'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { refreshLiveState } from '~/core/sessions/live-state.server'
import { NOT_FOUND_STATUS } from '~/core/sessions/session-truth'
import { getSessionRow, sendsToday, toView } from '~/core/sessions/sessions.server'
import { warmupPlanView } from '~/core/sessions/warmup-plan'
import { DISPARO_WEBHOOK_EVENTS_VERSION } from '~/core/waha/types'
import { makeTranslator, type Translate } from '~/i18n'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { pageTitle } from '~/lib/meta'
import { readPairingCode, sessionAction } from './action.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, [
      data?.session.displayName ?? { key: 'title.session' },
      { key: 'title.sessions' },
    ]),
  },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const row = await orNotFound(getSessionRow(scope, params.id ?? ''))
  const live = await refreshLiveState(scope, row)
  const session = { ...toView(row), status: live.status, phone: live.phone }
  return {
    locale,
    canManage: can(user.role, 'integrations:manage'),
    session,
    live,
    pairingCode: readPairingCode(request, row.id),
    warmup: warmupPlanView(row, scope.clock()),
    sentToday: (await sendsToday(scope, [row.id])).get(row.id) ?? 0,
    // Registered on WAHA with an older event list (decision 038): no poll votes until updated.
    eventsOutdated: row.webhookEventsVersion < DISPARO_WEBHOOK_EVENTS_VERSION,
  }
}

export const action = (args: ActionFunctionArgs) => sessionAction(args)

type ActionData = {
  result?: SubmissionResult<string[]>
  deleteConfirm?: { message: string; vars: Record<string, string> }
}

function Command({
  intent,
  label,
  t,
  className = 'secondary',
}: {
  intent: string
  label: string
  t: Translate
  className?: string
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton label={label} pendingLabel={t('sessions.actions.working')} className={className} />
    </Form>
  )
}

export default function SessionPage() {
  const { locale, canManage, session, live, pairingCode, warmup, sentToday, eventsOutdated } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const t = makeTranslator(locale)
  const stopped = session.status === 'STOPPED' || session.status === 'FAILED'
  // WAHA does not know the session: only recreating it (or test / delete) makes sense.
  const missing = session.status === NOT_FOUND_STATUS
  const running = session.status !== 'STOPPED' && !missing
  return (
    <>
      <p>
        <Link to="/integracoes/sessoes">← {t('sessions.back')}</Link>
      </p>
      <h1>
        {session.displayName}{' '}
        {session.isPrimary ? <span className="badge">{t('sessions.primary')}</span> : null}
      </h1>
      <p className="muted">
        {session.sessionName} · {session.serverUrl}
      </p>
      <p>
        <Link to={`/integracoes/sessoes/${session.id}/saude`}>{t('sessions.healthLink')}</Link>
      </p>
      {eventsOutdated ? (
        <p className="form-error" role="status" data-testid="events-outdated">
          {t(canManage ? 'sessions.eventsOutdated' : 'sessions.eventsOutdatedAsk')}
        </p>
      ) : null}
      <SessionLivePanel
        sessionId={session.id}
        initial={live}
        pairingCode={pairingCode}
        canManage={canManage}
        locale={locale}
        t={t}
      />
      <SessionWarmupPanel plan={warmup} sentToday={sentToday} locale={locale} t={t} />
      {canManage ? (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('sessions.actions.title')}</h2>
          {actionData?.deleteConfirm ? (
            <div className="form-error" role="alert">
              <p>{t(actionData.deleteConfirm.message, actionData.deleteConfirm.vars)}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="force" value="1" />
                <SubmitButton
                  label={t('sessions.actions.forceDelete')}
                  pendingLabel={t('sessions.actions.working')}
                  className="danger"
                />
              </Form>
            </div>
          ) : null}
          <div className="row-actions">
            {missing ? (
              <Command intent="recreate" label={t('sessions.actions.recreate')} t={t} className="" />
            ) : null}
            {stopped ? (
              <Command intent="start" label={t('sessions.actions.start')} t={t} className="" />
            ) : null}
            {running ? <Command intent="stop" label={t('sessions.actions.stop')} t={t} /> : null}
            {running ? <Command intent="restart" label={t('sessions.actions.restart')} t={t} /> : null}
            {session.status === 'WORKING' || session.status === 'FAILED' ? (
              <Command intent="logout" label={t('sessions.actions.logout')} t={t} />
            ) : null}
            <Command intent="test" label={t('sessions.actions.test')} t={t} />
            {missing ? null : (
              <Command intent="refreshWebhook" label={t('sessions.actions.refreshWebhook')} t={t} />
            )}
            <Command intent="delete" label={t('sessions.actions.delete')} t={t} className="danger" />
          </div>
          {missing ? null : <p className="hint muted">{t('sessions.actions.refreshWebhookHint')}</p>}
        </section>
      ) : null}
      {canManage ? (
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">{t('sessions.form.editTitle')}</h2>
          <SessionForm
            mode="edit"
            values={session}
            defaultServerUrl={session.serverUrl}
            lastResult={actionData?.result}
            t={t}
          />
        </section>
      ) : null}
    </>
  )
}
