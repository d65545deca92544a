// Page titles in the viewer's language: `export const meta = titled('title.campaigns')` gives
// "Campanhas · Disparo" or "Campaigns · Disparo" from the root loader's locale.
import type { MetaFunction } from '@remix-run/cloudflare'
import { isLocale, translate } from '~/i18n'

export function titled(key: string): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined
    const locale = isLocale(root?.locale) ? root.locale : 'pt-BR'
    return [{ title: `${translate(locale, key)} · Disparo` }]
  }
}
