// Message templates: variables (`{{nome}}`, `{{primeiro_nome}}`, `{{telefone}}`, any imported
// column, with `{{chave|padrão}}` fallbacks), spintax groups and alternative whole texts. A
// contact always gets the same rendering for the same seed (retries resend the same text).
// Lengths are counted in UTF-16 code units, which is conservative for WhatsApp's limits.

import { seededRandom } from '../sending/seeded-random'
import {
  normalizeVariableKey,
  parseTemplate,
  type TemplateError,
  type TemplateNode,
  walkVariables,
} from './template-parser'

export type { TemplateError, TemplateNode }
export { normalizeVariableKey, parseTemplate }

/** WhatsApp's maximum length of a text message. */
export const WHATSAPP_TEXT_LIMIT = 4096
/** WhatsApp's maximum length of a media caption. */
export const WHATSAPP_CAPTION_LIMIT = 1024

/** Variables every contact has. */
const BUILTIN_VARIABLES = ['nome', 'primeiro_nome', 'telefone'] as const

/** The contact data a template is rendered for. */
export interface TemplateContact {
  name: string
  phone: string
  extra: Record<string, string>
}

/** Outcome of renderTemplateDetailed. */
export interface RenderResult {
  text: string
  /** Index of the alternative text used (0 for a single text). */
  variant: number
  /** Normalised keys that had no value (fallback or empty string used). */
  missing: string[]
}

/** Error thrown when rendering a template that does not parse. */
export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError'
  constructor(readonly errors: TemplateError[]) {
    super(errors.map((e) => e.message).join(' '))
  }
}

/** Text length as WhatsApp limits it (UTF-16 code units). */
export function countChars(text: string): number {
  return text.length
}

/** Capitalises a word nicely: 'JOÃO' -> 'João', 'ana-maria' -> 'Ana-Maria'. */
function capitalizeName(word: string): string {
  return word
    .toLocaleLowerCase('pt-BR')
    .replace(
      /(^|[-'’])(\p{L})/gu,
      (_m, sep: string, letter: string) => sep + letter.toLocaleUpperCase('pt-BR'),
    )
}

/** Titles skipped before a first name ("Dr. João" greets "João"), without their dot, lowercase. */
const NAME_TITLES = new Set(['dr', 'dra', 'sr', 'sra', 'srta', 'prof', 'profa', 'eng', 'enga', 'dona'])

/** Separators between the words of a name cell: spaces and list/quote/bracket punctuation. */
const NAME_SEPARATORS = /[\s;,/\\|&+()[\]{}<>"“”«»:!?]+/u

/** Anything but letters (and their combining accents) at the edges of a word: "José," -> "José". */
const EDGE_NON_LETTERS = /^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu

/**
 * First name of a full name cell, capitalised, without punctuation (decision 016): 'JOÃO DA SILVA' ->
 * 'João', 'Ana; Maria' -> 'Ana', 'José,' -> 'José', 'Maria-Clara' keeps its hyphen and "D'Ávila" its
 * apostrophe. A title ('Dr. João' -> 'João') or an initial ('J. Carlos' -> 'Carlos') is skipped when
 * a name follows it; a cell with no letters gives '' (so `{{primeiro_nome|cliente}}` falls back).
 */
export function firstName(name: string): string {
  const words = name
    .split(NAME_SEPARATORS)
    .map((raw) => ({ raw, word: raw.replace(EDGE_NON_LETTERS, '') }))
    .filter((w) => w.word !== '')
  const skippable = (w: { raw: string; word: string }) =>
    NAME_TITLES.has(w.word.toLocaleLowerCase('pt-BR')) || (w.word.length === 1 && w.raw.endsWith('.'))
  let i = 0
  while (i < words.length - 1 && skippable(words[i]!)) i++
  const first = words[i]?.word ?? ''
  return first ? capitalizeName(first) : ''
}

function contactValues(contact: TemplateContact): Map<string, string> {
  const values = new Map<string, string>()
  for (const [key, value] of Object.entries(contact.extra ?? {})) {
    if (typeof value === 'string') values.set(normalizeVariableKey(key), value.trim())
  }
  const name = (contact.name ?? '').trim().replace(/\s+/g, ' ')
  values.set('nome', name)
  values.set('primeiro_nome', firstName(name))
  values.set('telefone', (contact.phone ?? '').trim())
  return values
}

function textsOf(template: string | readonly string[]): readonly string[] {
  return typeof template === 'string' ? [template] : template
}

/** Parses every alternative text; errors carry which text (0-based) they belong to. */
export function parseTemplates(
  template: string | readonly string[],
): { ok: true; asts: TemplateNode[][] } | { ok: false; errors: Array<TemplateError & { text: number }> } {
  const asts: TemplateNode[][] = []
  const errors: Array<TemplateError & { text: number }> = []
  textsOf(template).forEach((text, n) => {
    const parsed = parseTemplate(text)
    if (parsed.ok) asts.push(parsed.ast)
    else for (const e of parsed.errors) errors.push({ ...e, text: n })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, asts }
}

/** Distinct normalised variable keys used by the template(s), in order of first use. */
export function listVariables(template: string | readonly string[]): string[] {
  const keys = new Set<string>()
  for (const text of textsOf(template)) {
    const parsed = parseTemplate(text)
    if (parsed.ok) walkVariables(parsed.ast, (v) => keys.add(v.key))
  }
  return [...keys]
}

/** Variables used without a fallback that are neither built in nor in knownKeys (e.g. CSV columns). */
export function findUnknownVariables(
  template: string | readonly string[],
  knownKeys: readonly string[],
): string[] {
  const known = new Set<string>([...BUILTIN_VARIABLES, ...knownKeys.map(normalizeVariableKey)])
  const unknown = new Set<string>()
  for (const text of textsOf(template)) {
    const parsed = parseTemplate(text)
    if (!parsed.ok) continue
    walkVariables(parsed.ast, (v) => {
      if (!known.has(v.key) && v.fallback === null) unknown.add(v.key)
    })
  }
  return [...unknown]
}

function renderNodes(
  nodes: TemplateNode[],
  values: Map<string, string>,
  random: () => number,
  missing: Set<string>,
): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'text') out += node.value
    else if (node.type === 'variable') {
      const value = values.get(node.key)
      if (value) out += value
      else {
        missing.add(node.key)
        out += node.fallback ?? ''
      }
    } else {
      const pick = Math.floor(random() * node.options.length)
      out += renderNodes(node.options[pick] ?? [], values, random, missing)
    }
  }
  return out
}

/** Parses once and returns a renderer for many contacts; throws TemplateSyntaxError. */
export function compileTemplate(
  template: string | readonly string[],
): (contact: TemplateContact, seed: string) => RenderResult {
  const parsed = parseTemplates(template)
  if (!parsed.ok) throw new TemplateSyntaxError(parsed.errors)
  const { asts } = parsed
  return (contact, seed) => {
    if (asts.length === 0) return { text: '', variant: 0, missing: [] }
    const identity = (contact.phone ?? '').trim() || (contact.name ?? '').trim()
    const random = seededRandom(`${seed}\u0000${identity}`)
    const variant = Math.floor(random() * asts.length)
    const missing = new Set<string>()
    const text = renderNodes(asts[variant] ?? [], contactValues(contact), random, missing)
    return { text, variant, missing: [...missing] }
  }
}

/** Renders for one contact and reports the variant and missing variables; throws TemplateSyntaxError. */
export function renderTemplateDetailed(
  template: string | readonly string[],
  contact: TemplateContact,
  seed: string,
): RenderResult {
  return compileTemplate(template)(contact, seed)
}

/** Renders the template(s) for one contact, deterministically per (seed, contact). */
export function renderTemplate(
  template: string | readonly string[],
  contact: TemplateContact,
  seed: string,
): string {
  return renderTemplateDetailed(template, contact, seed).text
}
