// What went wrong with a message, by campaign_messages.error_kind (written by the engine and by the
// WAHA client's error classification), in words. An unknown kind is not shown (errorKindLabel).
const ptBR = {
  'errorKind.suppressed': 'opt-out',
  'errorKind.duplicate': 'telefone repetido',
  'errorKind.recent_message': 'recebeu outra campanha há pouco',
  'errorKind.same_text': 'mesmo texto em 24 h',
  'errorKind.first_contact_budget': 'limite diário de novos contatos',
  'errorKind.not_on_whatsapp': 'sem WhatsApp',
  'errorKind.invalid_number': 'número inválido',
  'errorKind.ack_error': 'erro na entrega',
  'errorKind.stuck': 'sem confirmação',
  'errorKind.session_not_working': 'sessão desconectada',
  'errorKind.not_found': 'não encontrado no WAHA',
  'errorKind.reach_out_limit': 'limite de novos contatos',
  'errorKind.rate_limited': 'excesso de envios',
  'errorKind.auth': 'chave do WAHA recusada',
  'errorKind.already_exists': 'já existe',
  'errorKind.bad_request': 'pedido recusado',
  'errorKind.invalid_config': 'configuração inválida',
  'errorKind.network': 'servidor WAHA inacessível',
  'errorKind.ambiguous': 'resposta incerta',
  'errorKind.unexpected_response': 'resposta inesperada',
} as const

const en: Record<keyof typeof ptBR, string> = {
  'errorKind.suppressed': 'opted out',
  'errorKind.duplicate': 'duplicate phone',
  'errorKind.recent_message': 'got another campaign recently',
  'errorKind.same_text': 'same text within 24 h',
  'errorKind.first_contact_budget': 'daily new-contact budget',
  'errorKind.not_on_whatsapp': 'not on WhatsApp',
  'errorKind.invalid_number': 'invalid number',
  'errorKind.ack_error': 'delivery error',
  'errorKind.stuck': 'no confirmation',
  'errorKind.session_not_working': 'session disconnected',
  'errorKind.not_found': 'not found on WAHA',
  'errorKind.reach_out_limit': 'new-contact limit',
  'errorKind.rate_limited': 'too many sends',
  'errorKind.auth': 'WAHA key refused',
  'errorKind.already_exists': 'already exists',
  'errorKind.bad_request': 'request refused',
  'errorKind.invalid_config': 'invalid configuration',
  'errorKind.network': 'WAHA server unreachable',
  'errorKind.ambiguous': 'uncertain answer',
  'errorKind.unexpected_response': 'unexpected answer',
}

export const errorKindsMessages = { 'pt-BR': ptBR, en }

/** The words for an error kind, or '' for a kind with no words (never the raw code). */
export function errorKindLabel(kind: string | null, t: (key: string) => string): string {
  if (!kind) return ''
  const key = `errorKind.${kind}`
  return key in ptBR ? t(key) : ''
}
