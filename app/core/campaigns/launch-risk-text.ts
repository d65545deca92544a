// What the risk before launch (decision 023) reads in the texts: how many different messages they
// make, whether they call the person by name, whether they say how to stop receiving, and their links
// (without HTTPS, or through a public shortener). Pure.
import { normaliseReply } from '../tracking/opt-out'
import { findLinks } from './links'
import { parseTemplate, type TemplateNode } from './template'

/** Public URL shorteners (their domains are the ones most often marked as spam). */
const SHORTENER_HOSTS = [
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'cutt.ly',
  'rebrand.ly',
  'shorturl.at',
  'tiny.cc',
  'encurtador.com.br',
  'rb.gy',
  't.ly',
  'bit.do',
  's.id',
]

/** The line "Adicionar linha para sair" appends to every text without a way out. */
export const OPT_OUT_LINE = 'Responda SAIR para não receber mais.'

/** Words that tell people how to stop receiving (any of them, as a word, counts as a way out). */
const OPT_OUT_WORDS = ['sair', 'parar', 'pare', 'stop', 'cancelar', 'descadastrar', 'descadastre', 'remover']

/** How many different messages the texts can produce (variables aside), up to `cap`. */
export function variantCount(texts: readonly string[], cap = 1000): number {
  const distinct = new Set(
    texts.map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter((t) => t !== ''),
  )
  const ways = (nodes: TemplateNode[]): number =>
    nodes.reduce((n, node) => {
      if (node.type !== 'choice') return n
      // Options that read the same are one way; each different option counts its own inner ways.
      const distinct = new Map(node.options.map((o) => [JSON.stringify(o), o]))
      const inner = [...distinct.values()].reduce((sum, o) => sum + ways(o), 0)
      return Math.min(cap, n * inner)
    }, 1)
  let total = 0
  for (const text of distinct) {
    const parsed = parseTemplate(text)
    total += parsed.ok ? ways(parsed.ast) : 1
    if (total >= cap) return cap
  }
  return total
}

const NAME_VARIABLES = new Set(['nome', 'primeiro_nome'])

/** True when the text calls the person by name ({{nome}} or {{primeiro_nome}}, anywhere). */
export function usesName(text: string): boolean {
  const parsed = parseTemplate(text)
  if (!parsed.ok) return /\{\{\s*(nome|primeiro[_ ]nome)\s*(\|[^}]*)?\}\}/i.test(text)
  let found = false
  const walk = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'variable' && NAME_VARIABLES.has(n.key)) found = true
      else if (n.type === 'choice') for (const o of n.options) walk(o)
    }
  }
  walk(parsed.ast)
  return found
}

/** True when the text tells people how to stop receiving (a word such as SAIR, PARAR, STOP). */
export function hasOptOutLine(text: string): boolean {
  const words = new Set(normaliseReply(text).split(' '))
  return OPT_OUT_WORDS.some((w) => words.has(w))
}

/** Hosts of links in the text (with a scheme, or a shortener written without one). */
export function linkHosts(text: string): { url: string; host: string; https: boolean }[] {
  const out: { url: string; host: string; https: boolean }[] = []
  for (const link of findLinks(text)) {
    try {
      const u = new URL(link.url)
      out.push({
        url: link.url,
        host: u.hostname.toLowerCase().replace(/^www\./, ''),
        https: u.protocol === 'https:',
      })
    } catch {
      // findLinks only returns URLs with a host
    }
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_@./:-])((?:[a-z0-9-]+\.)+[a-z]{2,})\/[^\s]*/giu)) {
    const host = (m[1] ?? '').toLowerCase().replace(/^www\./, '')
    out.push({ url: m[0], host, https: true })
  }
  return out
}

export const isShortener = (host: string) => SHORTENER_HOSTS.some((s) => host === s || host.endsWith(`.${s}`))
