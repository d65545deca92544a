// Home: the dashboard of a signed-in person (campaigns in progress, sessions against their daily caps
// and health, recent opt-outs and replies, dead letters, webhook endpoints switched off by failures). First visit ever goes to setup. While a
// campaign is running the page refreshes itself (JS every ~5 s; no JS: "Atualizar" link).
import { type LoaderFunctionArgs, redirect } from '@remix-run/cloudflare'
import { useLoaderData } from '@remix-run/react'
import {
  DashboardCampaigns,
  DashboardDeadLetters,
  DashboardOptOuts,
  DashboardReplies,
  DashboardSessions,
  DashboardWebhooksOff,
} from '~/components/dashboard-panels'
import { ReportLive } from '~/components/report-details'
import { isSetupOpen } from '~/core/auth/auth.server'
import { can } from '~/core/auth/roles'
import { dashboard } from '~/core/tracking/report-dashboard.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.home')

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await isSetupOpen(context.app)) throw redirect('/setup')
  const { user, scope, locale } = await requireUser(context, request)
  return {
    locale,
    name: user.name,
    dash: await dashboard(scope),
    canManageWebhooks: can(user.role, 'integrations:manage'),
  }
}

export default function Home() {
  const { locale, name, dash, canManageWebhooks } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  const running = dash.campaigns.some((c) => c.status === 'running')
  return (
    <>
      <ReportLive active={running} metaRefresh={false} everyMs={5000} />
      <div className="dash-head">
        <h1>{t('home.welcome', { name })}</h1>
        {running ? (
          <a href="/" className="button secondary">
            {t('report.refresh')}
          </a>
        ) : null}
      </div>
      <p className="muted">{t('home.intro')}</p>
      <DashboardDeadLetters data={dash.deadLetters} locale={locale} t={t} />
      <DashboardWebhooksOff count={dash.webhooksDisabled} canManage={canManageWebhooks} t={t} />
      <div className="dash-grid">
        <DashboardCampaigns data={dash.campaigns} locale={locale} t={t} />
        <DashboardSessions data={dash.sessions} locale={locale} t={t} />
        <DashboardReplies data={dash.replies} locale={locale} t={t} />
        <DashboardOptOuts data={dash.optOuts} locale={locale} t={t} />
      </div>
    </>
  )
}
