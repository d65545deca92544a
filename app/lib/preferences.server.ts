// Language and theme preferences: cookies, so they work before sign-in and without JavaScript.

import { parseCookies, serializeCookie } from '~/core/http/cookies'
import { isLocale, type Locale } from '~/i18n'

const THEMES = ['system', 'light', 'dark'] as const
type Theme = (typeof THEMES)[number]

export type Preferences = { locale: Locale; theme: Theme }

const YEAR = 365 * 24 * 3600

/** Reads preferences from cookies, falling back to the user's saved locale, then pt-BR. */
export function readPreferences(request: Request, userLocale?: string | null): Preferences {
  const cookies = parseCookies(request.headers.get('Cookie'))
  const lang = cookies.get('disparo_lang')
  const theme = cookies.get('disparo_theme')
  return {
    locale: isLocale(lang) ? lang : isLocale(userLocale) ? userLocale : 'pt-BR',
    theme: (THEMES as readonly string[]).includes(theme ?? '') ? (theme as Theme) : 'system',
  }
}

/** Set-Cookie values for the chosen preferences (invalid values are ignored). */
export function preferenceCookies(input: { lang?: unknown; theme?: unknown }): string[] {
  const out: string[] = []
  if (isLocale(input.lang)) out.push(serializeCookie('disparo_lang', input.lang, { maxAge: YEAR }))
  if (typeof input.theme === 'string' && (THEMES as readonly string[]).includes(input.theme)) {
    out.push(serializeCookie('disparo_theme', input.theme, { maxAge: YEAR }))
  }
  return out
}
