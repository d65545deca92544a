// Translation lookup. pt-BR is the default; English is selectable. A message that is not a key
// (e.g. a pt-BR reason produced by a core module) is returned unchanged.
import { en } from './en'
import { type MessageKey, ptBR } from './pt-BR'

export const LOCALES = ['pt-BR', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type { MessageKey }

const DICTS: Record<Locale, Record<MessageKey, string>> = { 'pt-BR': ptBR, en }

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en'
}

/** Translates a key (or passes a literal message through), filling `{name}` placeholders. */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const dict = DICTS[locale] as Record<string, string>
  const template = dict[key] ?? key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string

export function makeTranslator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars)
}
