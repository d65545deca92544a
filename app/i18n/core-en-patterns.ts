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

const SESSION_STATUS: Record<string, string> = {
  parada: 'stopped',
  iniciando: 'starting',
  'aguardando leitura do QR code': 'waiting for the QR code to be scanned',
  conectada: 'connected',
  'com falha': 'in a failed state',
  'aguardando chave de acesso': 'waiting for a passkey',
  'aguardando confirmação da chave de acesso': 'waiting for the passkey to be confirmed',
  desconhecido: 'unknown',
}
const sessionStatus = (pt: string) => SESSION_STATUS[pt] ?? pt

const AMBIGUOUS_WHY: Record<string, string> = {
  'O servidor WAHA não respondeu a tempo': 'The WAHA server did not respond in time',
  'O servidor WAHA teve um erro interno': 'The WAHA server had an internal error',
  'A requisição foi interrompida': 'The request was interrupted',
  'A resposta do servidor WAHA chegou incompleta ou inesperada':
    "The WAHA server's response was incomplete or unexpected",
}
const AMBIGUOUS_THEN: Record<string, string> = {
  'A mensagem pode ter sido enviada; por segurança ela não será reenviada automaticamente.':
    'The message may have been sent; to be safe, it will not be resent automatically.',
  'A mensagem pode ter sido enviada; o Disparo confere a conversa no WhatsApp em alguns minutos e só a reenvia se ela não tiver chegado.':
    'The message may have been sent; Disparo checks the WhatsApp chat in a few minutes and resends it only if it did not arrive.',
  'Confira o estado no servidor antes de repetir a operação.':
    'Check the state on the server before repeating the operation.',
}

const to = (location: string | undefined) => (location ? ` to ${location}` : '')
const where = '(line $1, column $2)'
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A template parser error, with its "(linha L, coluna C)" position written as "(@)". */
const templateError = (pt: string) =>
  new RegExp(`^${escapeRe(pt).replace('@', 'linha (\\d+), coluna (\\d+)')}$`)

/** The interpolated core messages, most specific first. */
export const CORE_EN_PATTERNS: readonly CorePattern[] = [
  // campaigns and sending
  { re: /^(\d+) falhas seguidas: ([\s\S]+)$/, en: (m, tr) => `${m[1]} failures in a row: ${tr(m[2] ?? '')}` },
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
  // outbound fetches
  {
    re: /^O servidor não respondeu em (\d+) s\. Confira se ele está no ar e tente de novo\.$/,
    en: 'The server did not respond within $1 s. Check that it is up and try again.',
  },
  {
    re: /^A resposta do servidor passou do limite de (\d+) KB\.$/,
    en: "The server's response went over the $1 KB limit.",
  },
  {
    re: /^O servidor pediu um redirecionamento(?: para (.+?))?\. Use diretamente o endereço final no cadastro\.$/,
    en: (m) => `The server asked for a redirect${to(m[1])}. Save the final address directly instead.`,
  },
  // WAHA
  {
    re: /^O servidor WAHA respondeu com um redirecionamento(?: para (.+?))?\. Cadastre diretamente o endereço final \(confira http\/https e a barra no fim\)\.$/,
    en: (m) =>
      `The WAHA server answered with a redirect${to(m[1])}. Save the final address directly (check http/https and the trailing slash).`,
  },
  {
    re: /^O WhatsApp bloqueou temporariamente este número de iniciar conversas novas(?: até (.+?) \(horário de Brasília\))?\. Pause os envios por este número e use outro, ou aguarde o fim do bloqueio\.$/,
    en: (m) =>
      `WhatsApp has temporarily blocked this number from starting new conversations${m[1] ? ` until ${m[1]} (Brasília time)` : ''}. Pause sending from this number and use another one, or wait for the block to end.`,
  },
  {
    re: /^O servidor WAHA recusou os dados enviados(?:: ([\s\S]+))?\. Confira os campos e tente de novo\.$/,
    en: (m, tr) =>
      `The WAHA server rejected the data sent${m[1] ? `: ${m[1].split('; ').map(tr).join('; ')}` : ''}. Check the fields and try again.`,
  },
  {
    re: /^(O servidor WAHA não respondeu a tempo|O servidor WAHA teve um erro interno|A requisição foi interrompida|A resposta do servidor WAHA chegou incompleta ou inesperada)( \(HTTP \d+\))?\. (.+)$/,
    en: (m) => {
      const then = AMBIGUOUS_THEN[m[3] ?? '']
      return then ? `${AMBIGUOUS_WHY[m[1] ?? '']}${m[2] ?? ''}. ${then}` : m[0]
    },
  },
  {
    re: /^O QR code e o código de pareamento só ficam disponíveis enquanto a sessão aguarda leitura \(agora ela está (.+)\)\. Reinicie a sessão para parear de novo\.$/,
    en: (m) =>
      `The QR code and the pairing code are only available while the session is waiting to be scanned (it is currently ${sessionStatus(m[1] ?? '')}). Restart the session to pair again.`,
  },
  {
    re: /^A sessão do WhatsApp não está pronta para enviar \(agora ela está (.+)\)\. Aguarde a conexão ou reinicie a sessão\.$/,
    en: (m) =>
      `The WhatsApp session is not ready to send (it is currently ${sessionStatus(m[1] ?? '')}). Wait for it to connect or restart the session.`,
  },
]
