// /campanhas/:id: status, message counts, pacing, history, and Pause / Resume / Cancel (intent forms).
// Viewers see no buttons and get 403 on POST. The full live report is a later issue.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { CampaignStatusBadge } from '~/components/campaign-status-badge'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { campaignDetail, getCampaign } from '~/core/campaigns/campaigns.server'
import { formatHhmm } from '~/core/campaigns/composer-schema'
import { cancel, pause, resume } from '~/core/campaigns/lifecycle.server'
import { MESSAGE_STATUSES, messageStatusLabel } from '~/core/campaigns/status'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'

export const meta: MetaFunction = () => [{ title: 'Campanha · Disparo' }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const detail = await orNotFound(campaignDetail(scope, params.id ?? ''))
  return { locale, canWrite: can(user.role, 'campaigns:write'), ...detail }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'campaigns:write')
  const campaign = await orNotFound(getCampaign(scope, params.id ?? ''))
  const intent = (await request.formData()).get('intent')
  const run = intent === 'pause' ? pause : intent === 'resume' ? resume : intent === 'cancel' ? cancel : null
  if (!run)
    return redirectWithFlash(`/campanhas/${campaign.id}`, {
      kind: 'error',
      message: 'campaigns.errors.conflict',
    })
  const result = await orNotFound(run(scope, campaign.id))
  return redirectWithFlash(`/campanhas/${campaign.id}`, {
    kind: result.ok ? 'success' : 'error',
    message: result.message,
  })
}

export default function CampaignDetail() {
  const { locale, canWrite, campaign, listName, sessions, counts, events } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'America/Sao_Paulo',
  })
  const w = campaign.window
  const status = campaign.status
  return (
    <>
      <p>
        <a href="/campanhas">← {t('campaigns.title')}</a>
      </p>
      <h1>
        {campaign.name} <CampaignStatusBadge status={status} locale={locale} />
      </h1>
      {canWrite ? (
        <div className="row-actions" style={{ marginBottom: '1rem' }}>
          {status === 'draft' || status === 'scheduled' ? (
            <a className="button secondary" href={`/campanhas/${campaign.id}/editar`}>
              {t('campaigns.edit')}
            </a>
          ) : null}
          {status === 'running' ? (
            <IntentButton intent="pause" label={t('campaigns.detail.pause')} t={t} />
          ) : null}
          {status === 'paused' ? (
            <IntentButton intent="resume" label={t('campaigns.detail.resume')} t={t} />
          ) : null}
          {['draft', 'scheduled', 'running', 'paused'].includes(status) ? (
            <IntentButton intent="cancel" label={t('campaigns.detail.cancel')} t={t} danger />
          ) : null}
          <Form method="post" action={`/campanhas/${campaign.id}/duplicar`}>
            <button type="submit" className="secondary">
              {t('campaigns.duplicate')}
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <p>
          <strong>{t('campaigns.detail.list')}:</strong> {listName ?? '—'}
        </p>
        <p>
          <strong>{t('campaigns.detail.sessions')}:</strong>{' '}
          {sessions.map((s) => `${s.displayName} (${s.status})`).join(', ') || '—'}
        </p>
        <p>
          <strong>{t('campaigns.detail.pacing')}:</strong>{' '}
          {t('campaigns.detail.pacingText', {
            min: campaign.minDelayS ?? '—',
            max: campaign.maxDelayS ?? '—',
            perMinute: campaign.maxPerMinute ?? '—',
            daily: campaign.dailyCap ?? '—',
          })}
          {w ? (
            <>
              {' · '}
              {t('campaigns.detail.window', {
                days: w.days.map((d) => t(`campaigns.days.${d}`)).join(', '),
                start: formatHhmm(w.startMinute),
                end: formatHhmm(w.endMinute),
              })}
            </>
          ) : null}
        </p>
        {campaign.scheduledAt && status === 'scheduled' ? (
          <p>{t('campaigns.scheduledFor', { date: date.format(campaign.scheduledAt) })}</p>
        ) : null}
        {campaign.startedAt ? (
          <p>{t('campaigns.startedAt', { date: date.format(campaign.startedAt) })}</p>
        ) : null}
      </div>
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{t('campaigns.detail.counts')}</h2>
        <div className="grid">
          {MESSAGE_STATUSES.map((s) => (
            <div key={s} data-testid={`count-${s}`}>
              <div className="muted">{messageStatusLabel(s, locale)}</div>
              <div className="stat">{(counts[s] ?? 0).toLocaleString(locale)}</div>
            </div>
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="texts-title">
        <h2 id="texts-title">{t('campaigns.detail.texts')}</h2>
        {campaign.texts.map((text, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list; the same text may appear twice
          <pre key={i} style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
            {text}
          </pre>
        ))}
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('campaigns.detail.history')}</h2>
        {events.length === 0 ? (
          <p className="muted">{t('campaigns.detail.noEvents')}</p>
        ) : (
          <ul>
            {events.map((e) => (
              <li key={e.id}>
                <span className="muted">{date.format(e.createdAt)}</span> — {t(`campaigns.events.${e.kind}`)}
                {e.detail && e.kind === 'paused' ? `: ${e.detail}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

function IntentButton(props: { intent: string; label: string; t: (k: string) => string; danger?: boolean }) {
  return (
    <Form method="post">
      <SubmitButton
        name="intent"
        value={props.intent}
        label={props.label}
        pendingLabel={props.t('campaigns.detail.working')}
        className={props.danger ? 'danger' : 'secondary'}
      />
    </Form>
  )
}
