import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare'
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { atShard } from '~/core/db/shards.server'
import { AppShell } from './components/app-shell'
import { Toasts } from './components/toasts'
import { unreadConversations } from './core/inbox/inbox.server'
import { makeTranslator } from './i18n'
import { readFlash } from './lib/flash.server'
import { getUser } from './lib/guard.server'
import { useNonce } from './lib/nonce'
import { readPreferences } from './lib/preferences.server'
import styles from './styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'apple-touch-icon', href: '/apple-touch-icon.png' },
]

export const meta: MetaFunction = () => [{ title: 'Disparo' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(context, request)
  const prefs = readPreferences(request, user?.locale)
  const { flash, clear } = readFlash(request)
  const url = new URL(request.url)
  // The navigation's badge: conversations in Respostas with messages nobody opened yet.
  // At the team's shard (decision 043); while the team moves its pages answer 503 anyway.
  const inboxUnread =
    user && !user.placement.movingTo
      ? await unreadConversations({
          db: atShard(context.app, user.placement.shard).db,
          tenantId: user.tenantId,
        })
      : 0
  return data(
    {
      user: user
        ? { name: user.name, email: user.email, role: user.role, tenantName: user.tenantName, inboxUnread }
        : null,
      locale: prefs.locale,
      theme: prefs.theme,
      flash,
      path: `${url.pathname}${url.search}`,
    },
    clear ? { headers: { 'Set-Cookie': clear } } : undefined,
  )
}

export type RootData = Awaited<ReturnType<typeof loader>>['data']

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  return (
    <html lang={root?.locale ?? 'pt-BR'} data-theme={root?.theme ?? 'system'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const root = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const t = makeTranslator(root.locale)
  return (
    <>
      {navigation.state !== 'idle' ? (
        <div className="progress-bar" role="progressbar" aria-label={t('common.loading')} />
      ) : null}
      <AppShell user={root.user} locale={root.locale} theme={root.theme} path={root.path} t={t}>
        <Outlet />
      </AppShell>
      <Toasts flash={root.flash} t={t} />
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const root = useRouteLoaderData<typeof loader>('root')
  const t = makeTranslator(root?.locale ?? 'pt-BR')
  let title = t('errors.server.title')
  let text = t('errors.server.text')
  let status = 500
  if (isRouteErrorResponse(error)) {
    status = error.status
    if (error.status === 404) {
      title = t('errors.notFound.title')
      text = t('errors.notFound.text')
    } else if (error.status === 403) {
      title = t('errors.forbidden.title')
      text = t('errors.forbidden.text')
    } else if (error.status === 503) {
      title = t('errors.moving.title')
      text = t('errors.moving.text')
    }
  }
  return (
    <AppShell
      user={root?.user ?? null}
      locale={root?.locale ?? 'pt-BR'}
      theme={root?.theme ?? 'system'}
      path={root?.path ?? '/'}
      t={t}
    >
      <div className="card narrow" role="alert">
        <h1>
          {title} <span className="muted">({status})</span>
        </h1>
        <p>{text}</p>
        <p>
          <a href="/">{t('errors.goHome')}</a>
        </p>
      </div>
    </AppShell>
  )
}
