// AiError: AI provider failures classified for the user (pt-BR messages that say what to fix).
// HTTP: 401/403 invalid_key; 402, or 429 with insufficient_quota/credit/balance, no_credit; other 429
// rate_limited; 404 model_not_found (or 400/404/422 saying the model does not exist) model_missing;
// other 404 bad_response (wrong base URL); 5xx and odd bodies bad_response. Transport: refused/DNS/
// reset network, timer timeout, blocked URL or incomplete config invalid_config.

import type { SafeFetchError } from '../net/safe-fetch'

/** The `kind` values of AiError. */
export type AiErrorKind =
  | 'invalid_key'
  | 'no_credit'
  | 'rate_limited'
  | 'model_missing'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'invalid_config'

/** A classified AI provider failure. */
export interface AiError {
  kind: AiErrorKind
  /** pt-BR, for users. */
  message: string
  httpStatus: number | null
  /** Provider text for logs. */
  detail: string | null
}

/** An AI client result. */
export type AiResult<T> = { ok: true; value: T } | { ok: false; error: AiError }

const MESSAGES: Record<AiErrorKind, string> = {
  invalid_key:
    'A chave de API foi recusada pelo provedor. Confira se ela foi copiada inteira e se ainda está ativa.',
  no_credit:
    'A conta do provedor de IA está sem crédito ou cota. Adicione saldo no painel do provedor ou troque de plano.',
  rate_limited: 'O provedor de IA limitou as requisições por agora. Aguarde um minuto e tente de novo.',
  model_missing:
    'O modelo escolhido não existe neste provedor ou sua conta não tem acesso a ele. Escolha outro modelo da lista.',
  network: 'Não foi possível conectar ao provedor de IA. Confira a URL base e se o serviço está no ar.',
  timeout: 'O provedor de IA demorou demais para responder. Tente de novo ou escolha um modelo mais rápido.',
  bad_response:
    'O provedor de IA respondeu de um jeito inesperado. Confira a URL base e tente de novo em instantes.',
  invalid_config: 'A configuração do provedor de IA está incompleta. Confira a URL base, a chave e o modelo.',
}

/** Builds an AiError with the standard message (or a specific one). */
export function aiError(
  kind: AiErrorKind,
  httpStatus: number | null = null,
  detail: string | null = null,
  message?: string,
): AiError {
  return { kind, message: message ?? MESSAGES[kind], httpStatus, detail }
}

/** Maps a safeFetch failure to an AiError. */
export function fromSafeFetch(error: SafeFetchError): AiError {
  switch (error.kind) {
    case 'blocked_url':
      return aiError('invalid_config', null, error.reason, error.message)
    case 'connect_failed':
      return aiError('network', null, error.code)
    case 'connection_lost':
      return aiError('network', null, error.code)
    case 'aborted':
      return aiError('network', null, 'aborted', 'A requisição ao provedor de IA foi cancelada.')
    case 'timeout':
      return aiError('timeout', null, `${error.timeoutMs} ms`)
    case 'too_large':
      return aiError('bad_response', null, error.message)
    case 'redirect':
      return aiError(
        'bad_response',
        error.status,
        error.location,
        `O provedor pediu um redirecionamento${error.location ? ` para ${error.location}` : ''}. Use diretamente o endereço final como URL base.`,
      )
  }
}

interface ProviderErrorInfo {
  text: string
  code: string
}

/** Pulls message and code out of the usual OpenAI-style error bodies. */
export function providerErrorInfo(body: unknown): ProviderErrorInfo {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const inner = record.error
  const err = inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}
  const pick = (...values: unknown[]) =>
    values.find((v) => typeof v === 'string' && v !== '') as string | undefined
  return {
    text:
      pick(err.message, typeof inner === 'string' ? inner : undefined, record.message, record.detail) ?? '',
    code: String(
      pick(err.code, err.type, record.code, record.type) ?? (typeof err.code === 'number' ? err.code : ''),
    ),
  }
}

const MODEL_MISSING = /model/i
const DOES_NOT_EXIST =
  /not.?found|does not exist|doesn't exist|not exist|invalid model|unknown model|no such|not available|unavailable/i
const NO_CREDIT = /insufficient.?(quota|balance|credits?)|quota|credit|balance|billing|payment/i

/** Classifies a non-2xx provider response from its status and body text. */
export function classifyAiHttp(status: number, text: string): AiError {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  const { text: msg, code } = providerErrorInfo(json)
  const detail = `${code} ${msg}`.trim().slice(0, 300) || text.slice(0, 200) || null
  const both = `${code} ${msg}`
  if (status === 401 || status === 403) return aiError('invalid_key', status, detail)
  if (status === 402) return aiError('no_credit', status, detail)
  if (status === 429) return aiError(NO_CREDIT.test(both) ? 'no_credit' : 'rate_limited', status, detail)
  if (
    /model_not_found/i.test(code) ||
    ([400, 404, 422].includes(status) && MODEL_MISSING.test(msg) && DOES_NOT_EXIST.test(msg))
  ) {
    return aiError('model_missing', status, detail)
  }
  if (status === 404) {
    return aiError(
      'bad_response',
      status,
      detail,
      'O endereço da API não foi encontrado (HTTP 404). Confira a URL base; normalmente ela termina em /v1.',
    )
  }
  if (status >= 500) {
    return aiError(
      'bad_response',
      status,
      detail,
      'O provedor de IA está com instabilidade agora. Tente de novo em alguns minutos.',
    )
  }
  return aiError('bad_response', status, detail)
}
