// "Usar IA": the prompt that asks the tenant's AI provider for N WhatsApp marketing message variants,
// and a parser that gets the variants back out of whatever the model wrote (a JSON array, even a
// truncated one or inside ``` fences; numbered lists; blocks split by --- lines).
// Privacy: the prompt is built only from the user's brief and tone. No contact data (names, phones,
// list rows) is ever passed in; personalisation happens later through {{nome}}.

import type { ChatMessage } from './client'

/** Input of buildVariantsPrompt. */
export interface VariantsPromptInput {
  /** What the campaign is about, in the user's words. */
  brief: string
  /** Free text or one of TONES' keys, e.g. "amigavel". */
  tone?: string
  /** How many variants (clamped to 1..10). */
  count: number
  /** Ask for the "responda SAIR" opt-out line (default true). */
  optOutLine?: boolean
}

/** Suggested tones (key -> description used in the prompt). */
export const TONES: Record<string, string> = {
  amigavel: 'amigável e próximo',
  profissional: 'profissional e cordial',
  divertido: 'divertido e leve',
  urgente: 'com senso de urgência, sem exageros',
  formal: 'formal e respeitoso',
}

export const MAX_BRIEF_CHARS = 2000
export const MAX_VARIANTS = 10

/** Builds the system + user messages for generating variants. */
export function buildVariantsPrompt(input: VariantsPromptInput): ChatMessage[] {
  const count = Math.min(
    MAX_VARIANTS,
    Math.max(1, Math.floor(Number.isFinite(input.count) ? input.count : 1)),
  )
  const toneKey = (input.tone ?? '').trim()
  const tone = TONES[toneKey] ?? (toneKey || TONES.amigavel)
  const brief = input.brief.trim().slice(0, MAX_BRIEF_CHARS)
  const rules = [
    'Escreva em português do Brasil, como uma pessoa escreveria no WhatsApp.',
    `Use um tom ${tone}.`,
    'Cada variação deve ser curta (no máximo uns 600 caracteres) e fazer sentido sozinha.',
    'Varie a abertura, a ordem das ideias e as palavras entre as variações, mantendo as mesmas informações.',
    'Para personalizar, você pode usar a variável {{nome}} exatamente assim, com chaves duplas (ex.: "Oi, {{nome}}!"). Não crie outras variáveis.',
    'Formatação do WhatsApp: *negrito* com um asterisco, _itálico_ com sublinhado, ~tachado~. Não use Markdown (**, #, links em colchetes).',
    'Não invente preços, datas, endereços, telefones ou links que não estejam no briefing.',
    'Nunca inclua nomes, telefones ou outros dados de pessoas reais.',
  ]
  if (input.optOutLine !== false) {
    rules.push(
      'Termine com uma frase curta dizendo que a pessoa pode responder SAIR para não receber mais mensagens.',
    )
  }
  const system = [
    `Você é um redator de marketing para WhatsApp de pequenas e médias empresas brasileiras. Escreva ${count} ${count === 1 ? 'variação' : 'variações diferentes'} de uma mensagem a partir do briefing do usuário.`,
    '',
    'Regras:',
    ...rules.map((r) => `- ${r}`),
    '',
    `Responda somente com um array JSON de ${count} ${count === 1 ? 'string' : 'strings'}, sem nenhum texto antes ou depois. Exemplo: ["primeira mensagem", "segunda mensagem"]`,
  ].join('\n')
  const user = `Briefing da campanha:\n"""\n${brief}\n"""\n\nQuantidade de variações: ${count}`
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ]
}

const LABEL =
  /^\s*(?:[*_#>\s]*)(?:(?:varia[çc][ãa]o|variante|vers[ãa]o|op[çc][ãa]o|mensagem|message|variant|option)\s*#?\d+|#?\d{1,2}\s*[.)º°:-](?=\s|\*|$))(?:[*_\s]*)(?:[:.)\-–—]\s*)?(?:[*_]{1,2}\s*)?/i
const SEPARATOR = /^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|—{2,})\s*$/m
const PREAMBLE = /^(?:aqui est[ãa]o|claro|segue|seguem|com certeza|certo|ok[,!.]|here are|sure)/i

function clean(raw: string): string {
  let text = raw.trim()
  text = text.replace(LABEL, '').trim()
  // Surrounding quotes (straight or curly).
  const quoted = /^["“'](.*)["”']$/s.exec(text)
  if (quoted?.[1] !== undefined) text = quoted[1].trim()
  // Markdown bold -> WhatsApp bold.
  text = text.replace(/\*\*(.+?)\*\*/gs, '*$1*')
  return text.trim()
}

function stripFences(text: string): string {
  return text.replace(/```[a-z]*\s*\n?/gi, '').replace(/```/g, '')
}

function fromJsonValue(value: unknown): string[] | null {
  const pick = (item: unknown): string | null => {
    if (typeof item === 'string') return item
    if (item && typeof item === 'object') {
      const r = item as Record<string, unknown>
      const v = r.texto ?? r.text ?? r.mensagem ?? r.message ?? r.conteudo ?? r.content ?? r.variacao
      return typeof v === 'string' ? v : null
    }
    return null
  }
  if (Array.isArray(value)) {
    const list = value.map(pick).filter((s): s is string => s !== null)
    return list.length > 0 ? list : null
  }
  if (value && typeof value === 'object') {
    for (const v of Object.values(value as Record<string, unknown>)) {
      if (Array.isArray(v)) return fromJsonValue(v)
    }
  }
  return null
}

function fromJson(text: string): string[] | null {
  const start = text.search(/[[{]/)
  if (start < 0) return null
  const candidate = text.slice(start)
  const end = Math.max(candidate.lastIndexOf(']'), candidate.lastIndexOf('}'))
  if (end > 0) {
    const slice = candidate.slice(0, end + 1)
    try {
      const found = fromJsonValue(JSON.parse(slice))
      if (found) return found
      // Valid JSON with nothing usable: an empty answer only when it is the whole text.
      if (slice.length === text.trim().length) return []
    } catch {
      // fall through to the string-literal scan
    }
  }
  if (!/^\[\s*"/.test(candidate)) return null
  // Truncated or slightly broken array of strings: take every complete string literal.
  const literals = candidate.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []
  const out: string[] = []
  for (const literal of literals) {
    try {
      out.push(JSON.parse(literal) as string)
    } catch {
      // skip a broken literal
    }
  }
  return out.length > 0 ? out : null
}

function splitNumbered(text: string): string[] | null {
  const lines = text.split(/\r?\n/)
  const starts = lines.map((line, i) => (LABEL.test(line) ? i : -1)).filter((i) => i >= 0)
  if (starts.length < 2) return null
  const blocks: string[] = []
  starts.forEach((start, n) => {
    blocks.push(lines.slice(start, starts[n + 1] ?? lines.length).join('\n'))
  })
  return blocks
}

/** Extracts the message variants from a model's answer; [] when there is nothing usable. */
export function parseVariants(text: string, max = MAX_VARIANTS): string[] {
  if (typeof text !== 'string' || text.trim() === '') return []
  const unfenced = stripFences(text).trim()
  let blocks = fromJson(unfenced)
  if (!blocks && SEPARATOR.test(unfenced)) blocks = unfenced.split(new RegExp(SEPARATOR.source, 'gm'))
  if (!blocks) blocks = splitNumbered(unfenced)
  if (!blocks) {
    const body = unfenced.split(/\r?\n/)
    // Drop a one-line preamble ("Claro! Aqui estão…:") before a single message.
    if (body.length > 1 && PREAMBLE.test(body[0] ?? '') && /:\s*$/.test(body[0] ?? '')) body.shift()
    blocks = [body.join('\n')]
  }
  const seen = new Set<string>()
  const variants: string[] = []
  blocks.forEach((block, index) => {
    const lines = block.trim().split(/\r?\n/)
    // A leading preamble block or line ("Aqui estão 3 variações:") is not a message.
    if (index === 0 && lines.length >= 1 && PREAMBLE.test(lines[0] ?? '') && /:\s*$/.test(lines[0] ?? ''))
      lines.shift()
    const variant = clean(lines.join('\n'))
    if (
      variant === '' ||
      (index === 0 && PREAMBLE.test(variant) && variant.length < 80 && /:$/.test(variant))
    )
      return
    if (seen.has(variant)) return
    seen.add(variant)
    variants.push(variant)
  })
  return variants.slice(0, Math.max(0, max))
}
