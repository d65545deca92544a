// Translation lookup. pt-BR is the default; English is selectable. A message that is not a key
// (e.g. a pt-BR reason produced by a core module) is returned unchanged.
import { en } from './en'
import { AREA_MESSAGES } from './messages'
import { type MessageKey, ptBR } from './pt-BR'

export const LOCALES = ['pt-BR', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type { MessageKey }

type Dict = Record<string, string>

function merged(locale: Locale, base: Dict): Dict {
  return Object.assign({}, base, ...AREA_MESSAGES.map((area) => area[locale]))
}

const DICTS: Record<Locale, Dict> = { 'pt-BR': merged('pt-BR', ptBR), en: merged('en', en) }

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en'
}

/** Translates a key (or passes a literal message through), filling `{name}` placeholders. */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const dict = DICTS[locale]
  const template = dict[key] ?? key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string

export function makeTranslator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars)
}
