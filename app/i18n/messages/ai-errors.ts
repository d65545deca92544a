// What goes wrong with an AI provider (decision 025): the failure kinds of app/core/ai/errors.ts
// (`ai.error.<kind>`) and the specific reasons the client gives, the use checks of "Usar IA"
// (provider-use.server.ts), and the platforms' names (platforms.ts).
import type { AreaMessages } from './types'

export const aiErrorsMessages = {
  'pt-BR': {
    'ai.error.invalid_key':
      'A chave de API foi recusada pelo provedor. Confira se ela foi copiada inteira e se ainda está ativa.',
    'ai.error.no_credit':
      'A conta do provedor de IA está sem crédito ou cota. Adicione saldo no painel do provedor ou troque de plano.',
    'ai.error.rate_limited':
      'O provedor de IA limitou as requisições por agora. Aguarde um minuto e tente de novo.',
    'ai.error.model_missing':
      'O modelo escolhido não existe neste provedor ou sua conta não tem acesso a ele. Escolha outro modelo da lista.',
    'ai.error.network':
      'Não foi possível conectar ao provedor de IA. Confira a URL base e se o serviço está no ar.',
    'ai.error.timeout':
      'O provedor de IA demorou demais para responder. Tente de novo ou escolha um modelo mais rápido.',
    'ai.error.bad_response':
      'O provedor de IA respondeu de um jeito inesperado. Confira a URL base e tente de novo em instantes.',
    'ai.error.invalid_config':
      'A configuração do provedor de IA está incompleta. Confira a URL base, a chave e o modelo.',
    'ai.error.aborted': 'A requisição ao provedor de IA foi cancelada.',
    'ai.error.redirect':
      'O provedor pediu um redirecionamento. Use diretamente o endereço final como URL base.',
    'ai.error.redirectTo':
      'O provedor pediu um redirecionamento para {location}. Use diretamente o endereço final como URL base.',
    'ai.error.addressNotFound':
      'O endereço da API não foi encontrado (HTTP 404). Confira a URL base; normalmente ela termina em /v1.',
    'ai.error.unstable': 'O provedor de IA está com instabilidade agora. Tente de novo em alguns minutos.',
    'ai.error.modelRequired': 'Escolha o modelo de IA a usar (por exemplo, o sugerido para a plataforma).',
    'ai.error.modelRequiredShort': 'Escolha o modelo de IA a usar.',
    'ai.error.modelRequiredForTest':
      'Escolha o modelo a usar antes de testar (por exemplo, o sugerido para a plataforma).',
    'ai.error.modelRequiredForTestSome':
      'Escolha o modelo a usar antes de testar. Alguns disponíveis: {models}.',
    'ai.error.modelNotListed':
      'O modelo "{model}" não está na lista deste provedor. Alguns disponíveis: {models}.',
    'ai.error.platformUnknown': 'Plataforma de IA desconhecida. Escolha uma das opções da lista.',
    'ai.error.baseUrlRequired': 'Informe a URL base da API (por exemplo, https://meu-servidor.com.br/v1).',
    'ai.error.keyRequiredFor': 'Informe a chave de API do {platform}.',
    'ai.use.briefRequired': 'Descreva a campanha para a IA escrever as variações.',
    'ai.use.briefTooLong': 'O briefing pode ter no máximo {max, number} caracteres.',
    'ai.use.providerNotFound':
      'Provedor de IA não encontrado. Escolha outro em Integrações → Provedores de IA.',
    'ai.use.noDefault':
      'Nenhum provedor de IA padrão configurado. Configure um em Integrações → Provedores de IA.',
    'ai.use.noVariants': 'A IA não devolveu nenhuma variação utilizável. Tente de novo ou ajuste o briefing.',
    'ai.platformName.groq': 'Groq',
    'ai.platformName.openrouter': 'OpenRouter',
    'ai.platformName.deepseek': 'DeepSeek',
    'ai.platformName.mistral': 'Mistral',
    'ai.platformName.qwen': 'Qwen (Alibaba DashScope)',
    'ai.platformName.ollama': 'Ollama (servidor próprio)',
    'ai.platformName.openai-compatible': 'Outro compatível com OpenAI',
  },
  en: {
    'ai.error.invalid_key':
      'The provider rejected the API key. Check that it was copied in full and that it is still active.',
    'ai.error.no_credit':
      "The AI provider account is out of credit or quota. Add funds in the provider's dashboard or change your plan.",
    'ai.error.rate_limited': 'The AI provider is limiting requests for now. Wait a minute and try again.',
    'ai.error.model_missing':
      "The chosen model doesn't exist at this provider or your account has no access to it. Choose another model from the list.",
    'ai.error.network':
      'Could not connect to the AI provider. Check the base URL and that the service is up.',
    'ai.error.timeout': 'The AI provider took too long to respond. Try again or choose a faster model.',
    'ai.error.bad_response':
      'The AI provider responded in an unexpected way. Check the base URL and try again in a moment.',
    'ai.error.invalid_config':
      "The AI provider's settings are incomplete. Check the base URL, the key and the model.",
    'ai.error.aborted': 'The request to the AI provider was cancelled.',
    'ai.error.redirect': 'The provider asked for a redirect. Use the final address directly as the base URL.',
    'ai.error.redirectTo':
      'The provider asked for a redirect to {location}. Use the final address directly as the base URL.',
    'ai.error.addressNotFound':
      'The API address was not found (HTTP 404). Check the base URL; it usually ends in /v1.',
    'ai.error.unstable': 'The AI provider is having problems right now. Try again in a few minutes.',
    'ai.error.modelRequired': 'Choose the AI model to use (for example, the one suggested for the platform).',
    'ai.error.modelRequiredShort': 'Choose the AI model to use.',
    'ai.error.modelRequiredForTest':
      'Choose the model to use before testing (for example, the one suggested for the platform).',
    'ai.error.modelRequiredForTestSome':
      'Choose the model to use before testing. Some available ones: {models}.',
    'ai.error.modelNotListed':
      'The model "{model}" is not in this provider\'s list. Some available ones: {models}.',
    'ai.error.platformUnknown': 'Unknown AI platform. Choose one of the options in the list.',
    'ai.error.baseUrlRequired':
      'Enter the base URL of the API (for example, https://my-server.example.com/v1).',
    'ai.error.keyRequiredFor': 'Enter the API key for {platform}.',
    'ai.use.briefRequired': 'Describe the campaign so the AI can write the variations.',
    'ai.use.briefTooLong': 'The brief can have at most {max, number} characters.',
    'ai.use.providerNotFound': 'AI provider not found. Choose another one in Integrations → AI providers.',
    'ai.use.noDefault': 'No default AI provider is set up. Set one up in Integrations → AI providers.',
    'ai.use.noVariants': 'The AI did not return any usable variation. Try again or adjust the brief.',
    'ai.platformName.groq': 'Groq',
    'ai.platformName.openrouter': 'OpenRouter',
    'ai.platformName.deepseek': 'DeepSeek',
    'ai.platformName.mistral': 'Mistral',
    'ai.platformName.qwen': 'Qwen (Alibaba DashScope)',
    'ai.platformName.ollama': 'Ollama (self-hosted)',
    'ai.platformName.openai-compatible': 'Other OpenAI-compatible',
  },
} satisfies AreaMessages
