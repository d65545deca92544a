// Translation lookup. pt-BR is the default; English is selectable. Messages are ICU MessageFormat
// (plurals as `{count, plural, one {# contato} other {# contatos}}`, numbers and dates through Intl),
// rendered with intl-messageformat; compiled messages are cached per language and key.
// A text from a core module is a code (a key) with parameters (text.ts), translated like any key.
import { IntlMessageFormat } from 'intl-messageformat'
import { en } from './en'
import { AREA_MESSAGES } from './messages'
import { ptBR } from './pt-BR'
import { fromTextString, isText, type MessageCode, type Text, type TextParam, type TextParams } from './text'

const LOCALES = ['pt-BR', 'en'] as const
export type Locale = (typeof LOCALES)[number]

type Dict = Record<string, string>

function merged(locale: Locale, base: Dict): Dict {
  return Object.assign({}, base, ...AREA_MESSAGES.map((area) => area[locale]))
}

const DICTS: Record<Locale, Dict> = { 'pt-BR': merged('pt-BR', ptBR), en: merged('en', en) }

/** Named formats the messages may use: `{until, date, brasilia}` is a date and time in Brasília. */
const FORMATS = {
  date: {
    brasilia: { timeZone: 'America/Sao_Paulo', dateStyle: 'short', timeStyle: 'short' },
  },
} as const

export function isLocale(value: unknown): value is Locale {
  return value === 'pt-BR' || value === 'en'
}

/** The kind of each argument a message uses: a plain value, a plural/select, a number, a date... */
export type ArgumentKinds = Record<string, string>

const ARG_KIND: Record<number, string> = {
  1: 'argument',
  2: 'number',
  3: 'date',
  4: 'time',
  5: 'select',
  6: 'plural',
}

type AstElement = { type: number; value?: string; options?: Record<string, { value: AstElement[] }> }

function collectArguments(elements: readonly AstElement[], into: ArgumentKinds): ArgumentKinds {
  for (const el of elements) {
    const kind = ARG_KIND[el.type]
    if (kind && el.value !== undefined) into[el.value] = kind
    for (const option of Object.values(el.options ?? {})) collectArguments(option.value, into)
  }
  return into
}

type Compiled = { format: IntlMessageFormat; args: ArgumentKinds } | { plain: string }

const CACHE: Record<Locale, Map<string, Compiled>> = { 'pt-BR': new Map(), en: new Map() }

/** Parses an ICU message (throws on a syntax error). */
export function compileMessage(message: string, locale: Locale): Compiled {
  // no braces, quotes or tags: the text is the message as is (most labels)
  if (!/[{}'<]/.test(message)) return { plain: message }
  const format = new IntlMessageFormat(message, locale, FORMATS, { ignoreTag: true })
  return { format, args: collectArguments(format.getAst() as AstElement[], {}) }
}

function compiled(locale: Locale, key: string, message: string): Compiled {
  const cache = CACHE[locale]
  let entry = cache.get(key)
  if (!entry) {
    entry = compileMessage(message, locale)
    cache.set(key, entry)
  }
  return entry
}

/** The arguments a catalogue message uses, by kind (the completeness test compares the languages). */
export function messageArguments(locale: Locale, key: string): ArgumentKinds | null {
  const message = DICTS[locale][key]
  if (message === undefined) return null
  const entry = compiled(locale, key, message)
  return 'plain' in entry ? {} : entry.args
}

/** A message as written in the catalogue (ICU source), or undefined for an unknown key. */
export function catalogueMessage(locale: Locale, key: string): string | undefined {
  return DICTS[locale][key]
}

/** Every message key (the same in both languages: catalogue.test.ts checks). */
export function messageKeys(locale: Locale): string[] {
  return Object.keys(DICTS[locale])
}

function renderParam(locale: Locale, value: TextParam): string | number {
  if (typeof value === 'number') return value
  if (typeof value === 'string') return value
  if (isText(value)) return translate(locale, value)
  return value.map((item) => renderParam(locale, item)).join('; ')
}

/**
 * Translates a key, or a text (code + params), filling its ICU arguments. An argument without a
 * value is written back as `{name}`; a key that is not a message is returned as is (a sentence is
 * never translated back: what core says reaches the reader by code, decision 025).
 */
export function translate(locale: Locale, key: string | Text, vars?: TextParams): string {
  let code: string
  let params: TextParams | undefined = vars
  if (typeof key === 'string') code = key
  else {
    if (key.legacy !== undefined && locale === 'pt-BR') return key.legacy
    code = key.code
    params = key.params && vars ? { ...key.params, ...vars } : (key.params ?? vars)
  }
  const message = DICTS[locale][code]
  if (message === undefined) {
    const encoded = typeof key === 'string' ? fromTextString(key) : null
    if (encoded && DICTS[locale][encoded.code] !== undefined) return translate(locale, encoded, vars)
    return code
  }
  const entry = compiled(locale, code, message)
  if ('plain' in entry) return entry.plain
  const values: Record<string, string | number> = {}
  for (const name of Object.keys(entry.args)) {
    const value = params?.[name]
    values[name] = value === undefined ? `{${name}}` : renderParam(locale, value)
  }
  try {
    return entry.format.format(values) as string
  } catch {
    return message
  }
}

export type Translate = (key: string | Text, vars?: TextParams) => string

export function makeTranslator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars)
}

/** A text in pt-BR: the `message` core modules keep for logs, tests and stored rows. */
export function ptText(code: MessageCode | Text, params?: TextParams): string {
  return translate('pt-BR', code, params)
}
