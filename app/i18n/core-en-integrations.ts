// English for the pt-BR messages of the integrations: AI providers, WAHA servers and sessions, outbound
// URLs and fetches. AI error kinds and the fixed WAHA builders are keyed by what the core returns;
// the rest (records the core does not export, server-only modules) is written out and checked by
// i18n-core.test.ts. Messages with URLs, statuses or numbers in them are in core-en-patterns.ts.
// core/ai/errors.ts AiErrorKind (not imported: that module renders its texts through app/i18n)
type AiErrorKind =
  | 'invalid_key'
  | 'no_credit'
  | 'rate_limited'
  | 'model_missing'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'invalid_config'

/** [pt-BR, English] pairs, one per reason of a core message record. */
function byRecord<K extends string>(pt: Record<K, string>, en: Record<K, string>): [string, string][] {
  return (Object.keys(en) as K[]).map((k) => [pt[k], en[k]])
}

const AI_EN: Record<AiErrorKind, string> = {
  invalid_key:
    'The provider rejected the API key. Check that it was copied in full and that it is still active.',
  no_credit:
    "The AI provider account is out of credit or quota. Add funds in the provider's dashboard or change your plan.",
  rate_limited: 'The AI provider is limiting requests for now. Wait a minute and try again.',
  model_missing:
    "The chosen model doesn't exist at this provider or your account has no access to it. Choose another model from the list.",
  network: 'Could not connect to the AI provider. Check the base URL and that the service is up.',
  timeout: 'The AI provider took too long to respond. Try again or choose a faster model.',
  bad_response:
    'The AI provider responded in an unexpected way. Check the base URL and try again in a moment.',
  invalid_config: "The AI provider's settings are incomplete. Check the base URL, the key and the model.",
}

// pt-BR of aiError(kind) (written out: the AI module renders it from the catalogue, decision 025)
const AI_PT: Record<AiErrorKind, string> = {
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

/** AI, WAHA and network messages: pt-BR text -> English. */
export const INTEGRATIONS_EN: [string, string][] = [
  ...byRecord(AI_PT, AI_EN),
  // ai/errors.ts, ai/client.ts, ai/stream.ts, ai/platforms.ts, ai/provider-use.server.ts
  ['A requisição ao provedor de IA foi cancelada.', 'The request to the AI provider was cancelled.'],
  [
    'O endereço da API não foi encontrado (HTTP 404). Confira a URL base; normalmente ela termina em /v1.',
    'The API address was not found (HTTP 404). Check the base URL; it usually ends in /v1.',
  ],
  [
    'O provedor de IA está com instabilidade agora. Tente de novo em alguns minutos.',
    'The AI provider is having problems right now. Try again in a few minutes.',
  ],
  [
    'Escolha o modelo de IA a usar (por exemplo, o sugerido para a plataforma).',
    'Choose the AI model to use (for example, the one suggested for the platform).',
  ],
  ['Escolha o modelo de IA a usar.', 'Choose the AI model to use.'],
  [
    'Escolha o modelo a usar antes de testar (por exemplo, o sugerido para a plataforma).',
    'Choose the model to use before testing (for example, the one suggested for the platform).',
  ],
  [
    'Plataforma de IA desconhecida. Escolha uma das opções da lista.',
    'Unknown AI platform. Choose one of the options in the list.',
  ],
  [
    'Informe a URL base da API (por exemplo, https://meu-servidor.com.br/v1).',
    'Enter the base URL of the API (for example, https://my-server.example.com/v1).',
  ],
  ['Ollama (servidor próprio)', 'Ollama (self-hosted)'],
  ['Outro compatível com OpenAI', 'Other OpenAI-compatible'],
  [
    'Descreva a campanha para a IA escrever as variações.',
    'Describe the campaign so the AI can write the variations.',
  ],
  [
    'Provedor de IA não encontrado. Escolha outro em Integrações → Provedores de IA.',
    'AI provider not found. Choose another one in Integrations → AI providers.',
  ],
  [
    'Nenhum provedor de IA padrão configurado. Configure um em Integrações → Provedores de IA.',
    'No default AI provider is set up. Set one up in Integrations → AI providers.',
  ],
  [
    'A IA não devolveu nenhuma variação utilizável. Tente de novo ou ajuste o briefing.',
    'The AI did not return any usable variation. Try again or adjust the brief.',
  ],
  // sessions/session-truth.ts FAILED_MESSAGE, NOT_FOUND_MESSAGE
  [
    'O servidor WAHA não tem mais esta sessão (ele pode ter sido reiniciado sem guardar as sessões, ou a sessão foi apagada lá). Use "Recriar no WAHA" para cadastrá-la de novo com o mesmo nome e escanear o QR code.',
    'The WAHA server no longer has this session (it may have restarted without keeping its sessions, or the session was deleted there). Use "Recreate on WAHA" to register it again with the same name and scan the QR code.',
  ],
  [
    'A sessão falhou no WAHA (o WhatsApp pode ter desconectado o aparelho). Reinicie a sessão; se continuar falhando, desconecte e escaneie o QR code de novo.',
    'The session failed on WAHA (WhatsApp may have disconnected the phone). Restart the session; if it keeps failing, disconnect and scan the QR code again.',
  ],
]
