// Home: where a signed-in person lands. First visit ever goes to setup.
import { type LoaderFunctionArgs, redirect } from '@remix-run/cloudflare'
import { useLoaderData } from '@remix-run/react'
import { isSetupOpen } from '~/core/auth/auth.server'
import { homeSummary } from '~/core/tenants/summary.server'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await isSetupOpen(context.app)) throw redirect('/setup')
  const { user, scope, locale } = await requireUser(context, request)
  return { locale, name: user.name, summary: await homeSummary(scope) }
}

export default function Home() {
  const { locale, name, summary } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  const cards: Array<[string, number, string]> = [
    ['nav.campaigns', summary.campaigns, '/campanhas'],
    ['nav.contacts', summary.contacts, '/contatos'],
    ['nav.sessions', summary.sessions, '/integracoes/sessoes'],
    ['nav.team', summary.staff, '/equipe'],
  ]
  return (
    <>
      <h1>{t('home.welcome', { name })}</h1>
      <p className="muted">{t('home.intro')}</p>
      <div className="grid">
        {cards.map(([key, value, href]) => (
          <a key={key} className="card" href={href} style={{ textDecoration: 'none', color: 'inherit' }}>
            <div className="muted">{t(key)}</div>
            <div className="stat">{value.toLocaleString(locale)}</div>
          </a>
        ))}
      </div>
    </>
  )
}
