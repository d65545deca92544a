// Constructors of WahaError values with their pt-BR messages (the classification lives in errors.ts).

import type { WahaError, WahaOperation } from './error-types'

const formatLock = (date: Date) =>
  date.toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short', timeStyle: 'short' })

/** The common flag fields of a WahaError. */
export const errorFlags = (
  httpStatus: number | null,
  detail: string | null,
  definite: boolean,
  retryable: boolean,
) => ({
  httpStatus,
  detail,
  definite,
  retryable,
})

/** Builds the reach_out_limit error (also used when `me.reachoutTimelock` is active). */
export function reachOutLimitError(
  code: number | null,
  lockedUntil: Date | null,
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  const until = lockedUntil ? ` até ${formatLock(lockedUntil)} (horário de Brasília)` : ''
  return {
    kind: 'reach_out_limit',
    code,
    lockedUntil,
    ...errorFlags(httpStatus, detail, true, true),
    message: `O WhatsApp bloqueou temporariamente este número de iniciar conversas novas${until}. Pause os envios por este número e use outro, ou aguarde o fim do bloqueio.`,
  }
}

/** Builds an invalid_number error (also used for chat ids rejected locally). */
export function invalidNumberError(detail: string | null, httpStatus: number | null = null): WahaError {
  return {
    kind: 'invalid_number',
    ...errorFlags(httpStatus, detail, true, false),
    message: 'Este número não tem WhatsApp ou está em formato inválido. Confira o telefone do contato.',
  }
}

/** Builds a bad_request error from the server's problem list. */
export function badRequestError(
  problems: string[],
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  const list = problems.length > 0 ? `: ${problems.slice(0, 3).join('; ')}` : ''
  return {
    kind: 'bad_request',
    problems,
    ...errorFlags(httpStatus, detail, true, false),
    message: `O servidor WAHA recusou os dados enviados${list}. Confira os campos e tente de novo.`,
  }
}

/** What an ambiguous send answer means for the message (a test send says it as is). */
export const AMBIGUOUS_SEND_THEN =
  'A mensagem pode ter sido enviada; por segurança ela não será reenviada automaticamente.'

/** Builds the `ambiguous` error; sends say clearly that nothing will be resent. */
export function ambiguousError(
  cause: Extract<WahaError, { kind: 'ambiguous' }>['cause'],
  op: WahaOperation,
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  const why =
    cause === 'timeout'
      ? 'O servidor WAHA não respondeu a tempo'
      : cause === 'server_error'
        ? `O servidor WAHA teve um erro interno${httpStatus ? ` (HTTP ${httpStatus})` : ''}`
        : cause === 'aborted'
          ? 'A requisição foi interrompida'
          : 'A resposta do servidor WAHA chegou incompleta ou inesperada'
  const then =
    op === 'send' ? AMBIGUOUS_SEND_THEN : 'Confira o estado no servidor antes de repetir a operação.'
  return {
    kind: 'ambiguous',
    cause,
    ...errorFlags(httpStatus, detail, false, false),
    message: `${why}. ${then}`,
  }
}

/** Builds an unexpected_response error (not WAHA, or a shape we cannot use). */
export function unexpectedResponseError(
  httpStatus: number | null,
  contentType: string | null,
  detail: string | null,
  message?: string,
): WahaError {
  return {
    kind: 'unexpected_response',
    contentType,
    ...errorFlags(httpStatus, detail, true, true),
    message:
      message ??
      'O endereço respondeu algo que não é a API do WAHA (por exemplo, uma página HTML). Confira se a URL aponta para o servidor WAHA, como https://waha.exemplo.com.br.',
  }
}

/** The not_found message (a 404 from WAHA: the session is unknown there or not started). */
export const SESSION_NOT_FOUND_MESSAGE =
  'A sessão não foi encontrada ou não está iniciada no servidor WAHA. Confira o nome da sessão ou inicie a sessão de novo.'

/** How every session_not_working message about sending starts (the session's status follows). */
export const SESSION_NOT_READY_PREFIX = 'A sessão do WhatsApp não está pronta para enviar'

const STATUS_PT: Record<string, string> = {
  STOPPED: 'parada',
  STARTING: 'iniciando',
  SCAN_QR_CODE: 'aguardando leitura do QR code',
  WORKING: 'conectada',
  FAILED: 'com falha',
  PASSKEY_REQUIRED: 'aguardando chave de acesso',
  PASSKEY_CONFIRMATION_REQUIRED: 'aguardando confirmação da chave de acesso',
}

/** Builds session_not_working with a pt-BR status name. */
export function sessionNotWorking(
  sessionStatus: string | null,
  expected: string[],
  detail: string | null,
): WahaError {
  const now = sessionStatus ? (STATUS_PT[sessionStatus] ?? sessionStatus) : 'desconhecido'
  const message = expected.includes('SCAN_QR_CODE')
    ? `O QR code e o código de pareamento só ficam disponíveis enquanto a sessão aguarda leitura (agora ela está ${now}). Reinicie a sessão para parear de novo.`
    : `${SESSION_NOT_READY_PREFIX} (agora ela está ${now}). Aguarde a conexão ou reinicie a sessão.`
  return {
    kind: 'session_not_working',
    sessionStatus,
    expected,
    ...errorFlags(422, detail, true, true),
    message,
  }
}
