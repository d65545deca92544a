// English for pt-BR core messages with interpolated parts (row numbers, limits, URLs, statuses, nested
// reasons). Each pattern matches the whole message; `en` re-uses the capture groups ($1, $2...) or, when
// a part needs translating too, builds the text with `tr` (the core translator itself).
import { CAMPAIGN_STATUSES, campaignStatusLabel } from '../core/campaigns/status'

type Tr = (text: string) => string

/** A pt-BR message shape and its English text (`$n` = capture group n) or builder. */
export type CorePattern = { re: RegExp; en: string | ((m: RegExpExecArray, tr: Tr) => string) }

const STATUS: Record<string, string> = Object.fromEntries(
  CAMPAIGN_STATUSES.map((s) => [
    campaignStatusLabel(s).toLowerCase(),
    campaignStatusLabel(s, 'en').toLowerCase(),
  ]),
)
const status = (pt: string) => STATUS[pt] ?? pt

const to = (location: string | undefined) => (location ? ` to ${location}` : '')
const where = '(line $1, column $2)'
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A template parser error, with its "(linha L, coluna C)" position written as "(@)". */
const templateError = (pt: string) =>
  new RegExp(`^${escapeRe(pt).replace('@', 'linha (\\d+), coluna (\\d+)')}$`)

/** The interpolated core messages, most specific first. */
export const CORE_EN_PATTERNS: readonly CorePattern[] = [
  // campaigns and sending
  {
    re: /^A campanha já está com status "(.+)"\.$/,
    en: (m) => `The campaign status is already "${status(m[1] ?? '')}".`,
  },
  {
    re: /^Não é possível mudar a campanha de "(.+?)" para "(.+?)"\. (.+)$/,
    en: (m, tr) =>
      `The campaign cannot move from "${status(m[1] ?? '')}" to "${status(m[2] ?? '')}". ${tr(m[3] ?? '')}`,
  },
  {
    re: /^A partir de "(.+?)" ela só pode ir para: (.+)\.$/,
    en: (m) =>
      `From "${status(m[1] ?? '')}" it can only move to: ${(m[2] ?? '').replace(/"([^"]+)"/g, (_, s: string) => `"${status(s)}"`)}.`,
  },
  {
    re: templateError('Variável vazia (@): escreva o nome dentro das chaves, por exemplo {{nome}}.'),
    en: `Empty variable ${where}: write the name inside the braces, for example {{nome}}.`,
  },
  {
    re: templateError('Chave "}" sem abertura (@): remova-a ou escreva \\} para mostrá-la no texto.'),
    en: `Closing brace "}" without an opening one ${where}: remove it or write \\} to show it in the text.`,
  },
  {
    re: templateError(
      'Variação com uma só opção (@): separe as opções com "|", como {Olá|Oi}, use {{nome}} para variáveis ou escreva \\{ e \\} para mostrar chaves.',
    ),
    en: `Variation with a single option ${where}: separate the options with "|", as in {Hi|Hello}, use {{nome}} for variables, or write \\{ and \\} to show braces.`,
  },
  {
    re: templateError(
      'Chave "{" sem fechamento (@): feche as variações com "}", use {{nome}} para variáveis ou escreva \\{ para mostrá-la no texto.',
    ),
    en: `Opening brace "{" without a closing one ${where}: close the variations with "}", use {{nome}} for variables, or write \\{ to show it in the text.`,
  },
  {
    re: /^A senha deve ter pelo menos (\d+) caracteres\.$/,
    en: 'The password must have at least $1 characters.',
  },
  {
    re: /^A senha deve ter no máximo (\d+) caracteres\.$/,
    en: 'The password must have at most $1 characters.',
  },
  // AI
  {
    re: /^O provedor pediu um redirecionamento(?: para (.+?))?\. Use diretamente o endereço final como URL base\.$/,
    en: (m) =>
      `The provider asked for a redirect${to(m[1])}. Use the final address directly as the base URL.`,
  },
  {
    re: /^Escolha o modelo a usar antes de testar\. Alguns disponíveis: (.*)\.$/,
    en: 'Choose the model to use before testing. Some available ones: $1.',
  },
  {
    re: /^O modelo "(.+)" não está na lista deste provedor\. Alguns disponíveis: (.*)\.$/,
    en: 'The model "$1" is not in this provider\'s list. Some available ones: $2.',
  },
  { re: /^Informe a chave de API do (.+)\.$/, en: (m, tr) => `Enter the API key for ${tr(m[1] ?? '')}.` },
  {
    re: /^O briefing pode ter no máximo (\d+) caracteres\.$/,
    en: 'The brief can have at most $1 characters.',
  },
]
