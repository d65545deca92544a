// The page frame: brand, navigation, user box, language/theme preferences (plain forms, no JS needed).
import { Form } from '@remix-run/react'
import type { Locale, Translate } from '~/i18n'

type ShellUser = { name: string; email: string; role: string; tenantName: string } | null

const NAV: Array<{ href: string; key: string } | { key: string; children: Array<{ href: string; key: string }> }> = [
  { href: '/campanhas', key: 'nav.campaigns' },
  { href: '/contatos', key: 'nav.contacts' },
  { href: '/opt-outs', key: 'nav.optouts' },
  {
    key: 'nav.integrations',
    children: [
      { href: '/integracoes/sessoes', key: 'nav.sessions' },
      { href: '/integracoes/ia', key: 'nav.providers' },
    ],
  },
  { href: '/equipe', key: 'nav.team' },
]

function isCurrent(path: string, href: string) {
  return path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`)
}

export function AppShell(props: {
  user: ShellUser
  locale: Locale
  theme: string
  path: string
  t: Translate
  children: React.ReactNode
}) {
  const { user, t, path } = props
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          Dis<span>paro</span>
        </a>
        {user ? (
          <nav className="nav" aria-label={t('nav.menu')}>
            {NAV.map((item) =>
              'href' in item ? (
                <a key={item.href} href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              ) : (
                <details key={item.key}>
                  <summary>{t(item.key)}</summary>
                  <div>
                    {item.children.map((child) => (
                      <a key={child.href} href={child.href} aria-current={isCurrent(path, child.href) ? 'page' : undefined}>
                        {t(child.key)}
                      </a>
                    ))}
                  </div>
                </details>
              ),
            )}
          </nav>
        ) : (
          <div className="nav" />
        )}
        <div className="userbox">
          <Form method="post" action="/preferencias" className="prefs" reloadDocument>
            <input type="hidden" name="returnTo" value={path} />
            <label className="muted" htmlFor="pref-lang">
              {t('prefs.language')}
            </label>
            <select id="pref-lang" name="lang" defaultValue={props.locale}>
              <option value="pt-BR">Português</option>
              <option value="en">English</option>
            </select>
            <label className="muted" htmlFor="pref-theme">
              {t('prefs.theme')}
            </label>
            <select id="pref-theme" name="theme" defaultValue={props.theme}>
              <option value="system">{t('prefs.theme.system')}</option>
              <option value="light">{t('prefs.theme.light')}</option>
              <option value="dark">{t('prefs.theme.dark')}</option>
            </select>
            <button type="submit" className="secondary">
              {t('prefs.apply')}
            </button>
          </Form>
          {user ? (
            <>
              <span title={user.email}>
                {user.name} · {user.tenantName}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link">
                  {t('nav.logout')}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </header>
      <main id="main">{props.children}</main>
    </>
  )
}
