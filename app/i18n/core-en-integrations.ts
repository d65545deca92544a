// English for the pt-BR messages of the integrations: AI providers, WAHA servers and sessions, outbound
// URLs and fetches. AI error kinds and the fixed WAHA builders are keyed by what the core returns;
// the rest (records the core does not export, server-only modules) is written out and checked by
// i18n-core.test.ts. Messages with URLs, statuses or numbers in them are in core-en-patterns.ts.
import { type AiErrorKind, aiError } from '../core/ai/errors'
import { invalidNumberError, unexpectedResponseError } from '../core/waha/error-builders'

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

const AI_PT = Object.fromEntries(
  Object.keys(AI_EN).map((kind) => [kind, aiError(kind as AiErrorKind).message]),
) as Record<AiErrorKind, string>

const SERVER_PUBLIC = "Use the server's public address."

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
  // net/outbound-url.ts
  [
    'O endereço não é uma URL válida. Use o formato https://servidor.exemplo.com.br',
    'The address is not a valid URL. Use the format https://server.example.com',
  ],
  [
    'Use um endereço que comece com http:// ou https://.',
    'Use an address that starts with http:// or https://.',
  ],
  [
    'Não coloque usuário ou senha dentro do endereço. Informe a chave de API no campo próprio.',
    'Do not put a username or password in the address. Enter the API key in its own field.',
  ],
  [
    'Falta o nome do servidor no endereço (ex.: https://waha.exemplo.com.br).',
    'The server name is missing from the address (e.g. https://waha.example.com).',
  ],
  [
    'Endereços de rede interna ou local (como 127.0.0.1, 10.x.x.x ou 192.168.x.x) não são permitidos. Use o endereço público do servidor.',
    `Internal or local network addresses (such as 127.0.0.1, 10.x.x.x or 192.168.x.x) are not allowed. ${SERVER_PUBLIC}`,
  ],
  [
    'Nomes de rede interna (como localhost ou *.local) não são permitidos. Use o endereço público do servidor.',
    `Internal network names (such as localhost or *.local) are not allowed. ${SERVER_PUBLIC}`,
  ],
  // net/safe-fetch.ts
  [
    'Não foi possível conectar ao servidor. Confira o endereço e se o servidor está ligado.',
    'Could not connect to the server. Check the address and that the server is on.',
  ],
  [
    'A conexão com o servidor caiu antes da resposta terminar. Tente de novo em instantes.',
    'The connection to the server dropped before the response finished. Try again in a moment.',
  ],
  ['A requisição foi cancelada.', 'The request was cancelled.'],
  // waha/errors.ts, waha/error-builders.ts, waha/client-*.ts
  [
    invalidNumberError(null).message,
    "This number is not on WhatsApp or is in an invalid format. Check the contact's phone number.",
  ],
  [
    unexpectedResponseError(null, null, null).message,
    'The address answered with something that is not the WAHA API (for example, an HTML page). Check that the URL points to the WAHA server, such as https://waha.example.com.',
  ],
  [
    'Não foi possível conectar ao servidor WAHA. Confira o endereço e se o servidor está ligado e acessível pela internet.',
    'Could not connect to the WAHA server. Check the address and that the server is on and reachable from the internet.',
  ],
  [
    'O servidor WAHA recusou a chave de API. Confira a chave (X-Api-Key) cadastrada para este servidor.',
    'The WAHA server rejected the API key. Check the key (X-Api-Key) saved for this server.',
  ],
  [
    'A chave de API não tem permissão para esta sessão ou operação. Use uma chave de administrador ou com acesso a esta sessão.',
    'The API key has no permission for this session or operation. Use an admin key or one with access to this session.',
  ],
  [
    'O servidor WAHA está fora do ar ou inacessível (o proxy não conseguiu alcançá-lo). Confira se ele está ligado.',
    'The WAHA server is down or unreachable (the proxy could not reach it). Check that it is on.',
  ],
  [
    'O WhatsApp limitou a frequência de envios ou consultas deste número. Aguarde alguns minutos e reduza o ritmo da campanha.',
    'WhatsApp is limiting how often this number sends or looks up contacts. Wait a few minutes and slow the campaign down.',
  ],
  [
    'O servidor WAHA está recebendo pedidos demais. Aguarde alguns minutos e reduza o ritmo.',
    'The WAHA server is receiving too many requests. Wait a few minutes and slow down.',
  ],
  [
    'o arquivo é grande demais para o servidor WAHA ou o proxy na frente dele',
    'the file is too large for the WAHA server or the proxy in front of it',
  ],
  ['a mensagem está vazia', 'the message is empty'],
  ['a imagem está vazia ou não é uma imagem', 'the image is empty or is not an image'],
  [
    'A sessão não foi encontrada ou não está iniciada no servidor WAHA. Confira o nome da sessão ou inicie a sessão de novo.',
    'The session was not found or is not started on the WAHA server. Check the session name or start the session again.',
  ],
  [
    'Já existe uma sessão com esse nome no servidor WAHA. Escolha outro nome ou use a sessão existente.',
    'A session with this name already exists on the WAHA server. Choose another name or use the existing session.',
  ],
  [
    'O endereço respondeu, mas não parece ser um servidor WAHA. Confira a URL (ex.: https://waha.exemplo.com.br, sem /api no fim).',
    'The address answered, but it does not look like a WAHA server. Check the URL (e.g. https://waha.example.com, without /api at the end).',
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
