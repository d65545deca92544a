// Translation lookup. pt-BR is the default; English is selectable. A message that is not a key
// (e.g. a pt-BR reason produced by a core module) is returned as is in pt-BR and, in English, through
// the core message translations (core-en.ts), which leave any other text unchanged.
import { translateCore } from './core-en'
import { en } from './en'
import { AREA_MESSAGES } from './messages'
import { formatCount, pluralForm } from './plural'
import { ptBR } from './pt-BR'

const LOCALES = ['pt-BR', 'en'] as const
export type Locale = (typeof LOCALES)[number]

type Dict = Record<string, string>

function merged(locale: Locale, base: Dict): Dict {
  return Object.assign({}, base, ...AREA_MESSAGES.map((area) => area[locale]))
}

const DICTS: Record<Locale, Dict> = { 'pt-BR': merged('pt-BR', ptBR), en: merged('en', en) }

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en'
}

/**
 * Translates a key (or passes a literal message through), filling `{name}` placeholders. In English,
 * a literal pt-BR core message, and a core message given as a placeholder value, come out in English.
 * A plural message (forms `key#one`/`key#other`..., see plural.ts) is chosen by the number `count`,
 * which is then written with the locale's grouping.
 */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const dict = DICTS[locale]
  const english = locale === 'en'
  const count = vars?.count
  const plural = typeof count === 'number' && dict[key] === undefined
  const template =
    (plural ? pluralForm(dict, locale, key, count) : dict[key]) ?? (english ? translateCore(key) : key)
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in vars)) return m
    const value = vars[name]
    if (plural && name === 'count') return formatCount(count, locale)
    return english && typeof value === 'string' ? translateCore(value) : String(value)
  })
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string

export function makeTranslator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars)
}
