// English for pt-BR core messages with interpolated parts (row numbers, limits, URLs, statuses, nested
// reasons). Each pattern matches the whole message; `en` re-uses the capture groups ($1, $2...) or, when
// a part needs translating too, builds the text with `tr` (the core translator itself).
type Tr = (text: string) => string

/** A pt-BR message shape and its English text (`$n` = capture group n) or builder. */
export type CorePattern = { re: RegExp; en: string | ((m: RegExpExecArray, tr: Tr) => string) }

const to = (location: string | undefined) => (location ? ` to ${location}` : '')

/** The interpolated core messages, most specific first. */
export const CORE_EN_PATTERNS: readonly CorePattern[] = [
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
