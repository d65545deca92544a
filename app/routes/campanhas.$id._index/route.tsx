// /campanhas/:id: the campaign report ("Acompanhamento"): live funnel with progress and ETA, charts
// (server-rendered SVG), per-session split, failure reasons, the per-contact table (filters, search,
// pages), pacing and history; Pause / Resume / Cancel (intent forms) and "Exportar CSV"; the
// confirmed "Enviar agora" (intent=launch, posted by the composer's confirmation); a banner saying why
// and by whom a paused campaign was paused. Viewers read and export but see no buttons and get 403 on POST. Live: JS revalidates every ~3 s while running or
// paused; without JS an "Atualizar" link and a 10 s <noscript> meta refresh while running.

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useLoaderData } from '@remix-run/react'
import { CampaignAudienceUsed } from '~/components/campaign-audience-used'
import { MediaPreview } from '~/components/campaign-media-field'
import { CampaignPausedBanner } from '~/components/campaign-paused-banner'
import { CampaignStatusBadge } from '~/components/campaign-status-badge'
import { EffectivePacingTable } from '~/components/effective-pacing-table'
import { ReportArchive } from '~/components/report-archive'
import { SessionChart, TimelineChart } from '~/components/report-charts'
import { ReportFailures, ReportHistory, ReportLive, ReportSessionsTable } from '~/components/report-details'
import { ReportFunnel, ReportProgress, ReportReconciliation } from '~/components/report-funnel'
import { ReportHeld } from '~/components/report-held'
import { ReportPoll } from '~/components/report-poll'
import { ReportSteps } from '~/components/report-steps'
import { ReportTable } from '~/components/report-table'
import { sessionStatusLabel } from '~/components/session-status-badge'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { campaignPage } from '~/core/campaigns/campaign-page.server'
import { getCampaign } from '~/core/campaigns/campaigns.server'
import { formatHhmm } from '~/core/campaigns/composer-schema'
import { launchConfirmed } from '~/core/campaigns/launch.server'
import { cancel, pause, resume } from '~/core/campaigns/lifecycle.server'
import { mediaKindOf } from '~/core/campaigns/media-kinds'
import { MESSAGE_STATUSES, messageStatusLabel } from '~/core/campaigns/status'
import { parseRowFilters } from '~/core/tracking/report-filters'
import { makeTranslator, type Translate } from '~/i18n'
import { restoreArchiveAction } from '~/lib/archive-restore-action.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.campaign')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const filters = parseRowFilters(new URL(request.url).searchParams)
  const t = makeTranslator(locale)
  const page = await orNotFound(
    campaignPage(scope, params.id ?? '', filters, {
      noSession: t('report.sessions.none'),
      deletedSource: t('audience.def.deleted'),
    }),
  )
  return {
    locale,
    canWrite: can(user.role, 'campaigns:write'),
    canRestore: can(user.role, 'team:manage'),
    filters,
    ...page,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const intent = (await request.clone().formData()).get('intent')
  if (intent === 'restore-archive') return restoreArchiveAction(context, request, params.id ?? '')
  const { scope } = await requireUser(context, request, 'campaigns:write')
  const campaign = await orNotFound(getCampaign(scope, params.id ?? ''))
  if (intent === 'launch') {
    const launched = await launchConfirmed(scope, campaign.id, new URL(request.url).origin)
    return redirectWithFlash(
      launched.fix ? `/campanhas/${campaign.id}/editar` : `/campanhas/${campaign.id}`,
      {
        kind: launched.ok ? 'success' : 'error',
        message: launched.message,
      },
    )
  }
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
  const data = useLoaderData<typeof loader>()
  const { locale, canWrite, campaign, listName, statusCounts: counts, events, funnel, progress } = data
  const t = makeTranslator(locale)
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'America/Sao_Paulo',
  })
  const w = campaign.window
  const status = campaign.status
  const live = status === 'running' || status === 'paused'
  const basePath = `/campanhas/${campaign.id}`
  return (
    <>
      <ReportLive active={live} metaRefresh={status === 'running'} />
      <p>
        <a href="/campanhas">← {t('campaigns.title')}</a>
      </p>
      <h1>
        {campaign.name} <CampaignStatusBadge status={status} locale={locale} />
      </h1>
      {data.archive ? <ReportArchive archive={data.archive} canRestore={data.canRestore} t={t} /> : null}
      {data.pause ? <CampaignPausedBanner pause={data.pause} locale={locale} t={t} /> : null}
      <div className="row-actions" style={{ marginBottom: '1rem' }}>
        <a className="button secondary" href={`${basePath}/exportar`} download data-testid="report-export">
          {t('report.export')}
        </a>
        {live ? (
          <a className="button secondary" href={basePath} data-testid="report-refresh">
            {t('report.refresh')}
          </a>
        ) : null}
        {canWrite ? (
          <>
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
          </>
        ) : null}
      </div>
      <section className="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t('report.funnel.title')}</h2>
        <ReportProgress progress={progress} status={status} locale={locale} t={t} />
        <ReportFunnel funnel={funnel} locale={locale} t={t} />
        <ReportReconciliation reconciliation={data.reconciliation} t={t} />
        <p className="muted report-updated">{t('report.updatedAt', { date: date.format(data.now) })}</p>
      </section>
      {data.poll ? (
        <ReportPoll poll={data.poll} exportHref={`${basePath}/votos`} locale={locale} t={t} />
      ) : null}
      {data.steps ? (
        <ReportSteps report={data.steps} exportHref={`${basePath}/votos`} locale={locale} t={t} />
      ) : null}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('report.timeline.heading')}</h2>
        <TimelineChart
          bars={data.timeline.bars}
          hoursPerBar={data.timeline.hoursPerBar}
          locale={locale}
          t={t}
        />
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('report.sessions.heading')}</h2>
        <SessionChart sessions={data.perSession} locale={locale} t={t} />
        <ReportSessionsTable sessions={data.perSession} locale={locale} t={t} />
      </section>
      <section className="card" aria-labelledby="failures-heading">
        <h2 id="failures-heading">{t('report.failures.heading')}</h2>
        <ReportFailures failures={data.failures} locale={locale} t={t} />
      </section>
      <section className="card" aria-labelledby="held-heading">
        <h2 id="held-heading">{t('report.held.heading')}</h2>
        <ReportHeld held={data.held} t={t} />
      </section>
      <section className="card" aria-labelledby="contacts-heading" id="contatos">
        <h2 id="contacts-heading">{t('report.table.heading')}</h2>
        <ReportTable
          basePath={basePath}
          filters={data.filters}
          total={data.tableTotal}
          rows={data.rows}
          page={data.page}
          sessions={data.sessionOptions}
          locale={locale}
          t={t}
        />
      </section>
      <div className="card">
        <p>
          <strong>{t('campaigns.detail.list')}:</strong> {listName ?? '—'}
        </p>
        {data.audience ? <CampaignAudienceUsed used={data.audience} t={t} locale={locale} /> : null}
        <p>
          <strong>{t('campaigns.detail.sessions')}:</strong>{' '}
          {data.perSession
            .filter((s) => campaign.sessionIds.includes(s.id))
            .map((s) => `${s.name} (${s.status ? sessionStatusLabel(s.status, t) : '—'})`)
            .join(', ') || '—'}
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
        <EffectivePacingTable
          rows={data.effectivePacing}
          areaCodeAffinity={campaign.areaCodeAffinity}
          t={t}
        />
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
        <CampaignAttachment campaign={campaign} t={t} />
        {campaign.texts.map((text, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list; the same text may appear twice
          <pre key={i} style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
            {text}
          </pre>
        ))}
        {campaign.poll ? (
          <div data-testid="campaign-poll-options">
            <p className="muted">
              📊 {t(campaign.poll.multipleAnswers ? 'polls.review.multiple' : 'polls.review.single')}
            </p>
            <ul>
              {campaign.poll.options.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('campaigns.detail.history')}</h2>
        <ReportHistory events={events} locale={locale} t={t} />
      </section>
    </>
  )
}

/** The campaign's attachment (decision 034): its kind, and the file as its tenant's staff may open it. */
function CampaignAttachment(props: {
  campaign: {
    id: string
    mediaKey: string | null
    mediaKind: string | null
    mediaType: string | null
    mediaName: string | null
  }
  t: Translate
}) {
  const { campaign, t } = props
  const kind = mediaKindOf(campaign)
  if (!campaign.mediaKey || !kind)
    return (
      <p className="muted" data-testid="attachment-kind">
        {t('media.none')}
      </p>
    )
  const media = { key: campaign.mediaKey, type: campaign.mediaType ?? '', kind, name: campaign.mediaName }
  return <MediaPreview media={media} url={`/campanhas/${campaign.id}/imagem`} t={t} />
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
