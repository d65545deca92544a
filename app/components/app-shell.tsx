// The page frame: brand, navigation, user box, language/theme preferences. No JavaScript needed:
// on a phone the header is one bar with a "Menu" toggle (a <details> whose open state shows the
// panel that follows it, by CSS); from 56rem up the panel is always shown as one row, with
// "Integrações" and "Idioma e tema" as drop-downs (one open at a time: same <details name>).
// Signed out (setup, login) there is only the "Idioma e tema" drop-down. With JS, each toggle
// closes again on navigation. See docs/decisions/014-phone-layout-and-header.md.
import { Form } from '@remix-run/react'
import type { Locale, Translate } from '~/i18n'

type ShellUser = {
  name: string
  email: string
  role: string
  tenantName: string
  /** Conversations in Respostas with unread messages (the badge beside the link). */
  inboxUnread?: number
} | null

type NavLink = { href: string; key: string; adminOnly?: boolean }

const NAV: Array<NavLink | { key: string; children: NavLink[] }> = [
  { href: '/campanhas', key: 'nav.campaigns' },
  { href: '/respostas', key: 'nav.inbox' },
  { href: '/contatos', key: 'nav.contacts' },
  { href: '/opt-outs', key: 'nav.optouts' },
  {
    key: 'nav.integrations',
    children: [
      { href: '/integracoes/sessoes', key: 'nav.sessions' },
      { href: '/integracoes/ia', key: 'nav.providers' },
      { href: '/integracoes/api', key: 'nav.api', adminOnly: true },
      { href: '/integracoes/webhooks', key: 'nav.webhooks', adminOnly: true },
    ],
  },
  { href: '/equipe', key: 'nav.team' },
]

function isCurrent(path: string, href: string) {
  return path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`)
}

function Preferences(props: { locale: Locale; theme: string; path: string; t: Translate }) {
  const { t } = props
  return (
    <Form method="post" action="/preferencias" className="prefs" reloadDocument>
      <input type="hidden" name="returnTo" value={props.path} />
      <label htmlFor="pref-lang">{t('prefs.language')}</label>
      <select id="pref-lang" name="lang" defaultValue={props.locale}>
        <option value="pt-BR">Português</option>
        <option value="en">English</option>
      </select>
      <label htmlFor="pref-theme">{t('prefs.theme')}</label>
      <select id="pref-theme" name="theme" defaultValue={props.theme}>
        <option value="system">{t('prefs.theme.system')}</option>
        <option value="light">{t('prefs.theme.light')}</option>
        <option value="dark">{t('prefs.theme.dark')}</option>
      </select>
      <button type="submit" className="secondary">
        {t('prefs.apply')}
      </button>
    </Form>
  )
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
      <header className={user ? 'topbar' : 'topbar signed-out'}>
        <a className="brand" href="/">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>
            Dis<span>paro</span>
          </span>
        </a>
        {/* keyed on the address so that, with JS, a navigation closes what was open */}
        {user ? (
          <details className="menu-toggle" key={`menu:${path}`}>
            <summary>
              <span className="menu-icon" aria-hidden="true" />
              {t('nav.menu')}
            </summary>
          </details>
        ) : null}
        <div className="menu-panel">
          {user ? (
            <nav className="nav" aria-label={t('nav.menu')}>
              {NAV.map((item) =>
                'href' in item ? (
                  <a
                    key={item.href}
                    href={item.href}
                    aria-current={isCurrent(path, item.href) ? 'page' : undefined}
                  >
                    {t(item.key)}
                    {item.href === '/respostas' && user.inboxUnread ? (
                      <>
                        {' '}
                        <span className="nav-badge" title={t('inbox.navUnread', { count: user.inboxUnread })}>
                          {user.inboxUnread > 99 ? '99+' : user.inboxUnread}
                        </span>
                      </>
                    ) : null}
                  </a>
                ) : (
                  <details key={`${item.key}:${path}`} className="nav-group" name="topbar-dropdown">
                    <summary>{t(item.key)}</summary>
                    <div>
                      {item.children
                        .filter((child) => !child.adminOnly || user.role === 'admin')
                        .map((child) => (
                          <a
                            key={child.href}
                            href={child.href}
                            aria-current={isCurrent(path, child.href) ? 'page' : undefined}
                          >
                            {t(child.key)}
                          </a>
                        ))}
                    </div>
                  </details>
                ),
              )}
            </nav>
          ) : null}
          <div className="userbox">
            {user ? (
              <span className="who" title={user.email}>
                <strong>{user.name}</strong> <span className="muted">{user.tenantName}</span>
              </span>
            ) : null}
            <details className="prefs-toggle" key={`prefs:${path}`} name="topbar-dropdown">
              <summary>{t('prefs.title')}</summary>
              <Preferences locale={props.locale} theme={props.theme} path={path} t={t} />
            </details>
            {user ? (
              <Form method="post" action="/logout" className="logout">
                <button type="submit" className="link">
                  {t('nav.logout')}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main">{props.children}</main>
    </>
  )
}
