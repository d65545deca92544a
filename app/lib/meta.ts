// Page titles in the viewer's language, from the root loader's locale:
// `export const meta = titled('title.campaigns')` gives "Campanhas · Disparo" / "Campaigns · Disparo";
// pages named after a record use `pageTitle(matches, [name ?? { key }, { key }])`.
import type { MetaFunction } from '@remix-run/cloudflare'
import { isLocale, type Locale, translate } from '~/i18n'

type Matches = Parameters<MetaFunction>[0]['matches']

function localeOf(matches: Matches): Locale {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined
  return isLocale(root?.locale) ? root.locale : 'pt-BR'
}

/** "part · part · Disparo", each part a plain name or a message key. */
export function pageTitle(matches: Matches, parts: Array<string | { key: string }>): string {
  const locale = localeOf(matches)
  const text = parts.map((p) => (typeof p === 'string' ? p : translate(locale, p.key)))
  return [...text, 'Disparo'].join(' · ')
}

export function titled(key: string): MetaFunction {
  return ({ matches }) => [{ title: pageTitle(matches, [{ key }]) }]
}
