// Campaign composer helpers: the "Usar IA" panel and the review panel (real contacts, counts, ETA).
const ptBR = {
  'campaigns.ai.title': '✨ Usar IA',
  'campaigns.ai.intro':
    'Descreva a campanha e a IA sugere textos. Só o briefing é enviado ao provedor, nunca dados de contatos.',
  'campaigns.ai.brief': 'Briefing',
  'campaigns.ai.briefPlaceholder':
    'Ex.: promoção de 20% em todos os pares de tênis até domingo, loja do centro',
  'campaigns.ai.tone': 'Tom',
  'campaigns.ai.provider': 'Provedor de IA',
  'campaigns.ai.generate': 'Gerar sugestões',
  'campaigns.ai.generating': 'Gerando…',
  'campaigns.ai.insert': 'Usar este texto',
  'campaigns.ai.noRoom':
    'Todos os textos já estão preenchidos. Apague um deles (ou o conteúdo dele) para usar esta sugestão.',
  'campaigns.ai.variantGone': 'Esta sugestão não está mais disponível. Gere as sugestões de novo.',
  'campaigns.ai.noProviders':
    'Nenhum provedor de IA cadastrado. Cadastre um em Integrações › Provedores de IA.',
  'campaigns.ai.suggestions': 'Sugestões da IA (revise antes de usar)',
  'campaigns.ai.tones.amigavel': 'Amigável',
  'campaigns.ai.tones.profissional': 'Profissional',
  'campaigns.ai.tones.divertido': 'Divertido',
  'campaigns.ai.tones.urgente': 'Urgente',
  'campaigns.ai.tones.formal': 'Formal',
  'campaigns.review.title': 'Revisão antes do envio',
  'campaigns.review.hint': 'A mensagem como os primeiros contatos que vão recebê-la a verão.',
  'campaigns.review.noList': 'Escolha uma lista e escreva a mensagem para ver a prévia.',
  'campaigns.review.noPreview': 'Sem prévia: corrija a mensagem ou escolha uma lista com contatos.',
  'campaigns.review.toSend': 'A enviar',
  'campaigns.review.total': 'Contatos na lista',
  'campaigns.review.optedOut': 'Pediram para sair (não recebem)',
  'campaigns.review.suppressed': 'Bloqueados (não recebem)',
  'campaigns.review.leftOut': 'Ficam de fora: {who}.',
  'campaigns.review.noneLeftOut': 'Ninguém da lista fica de fora.',
  'campaigns.review.leftOutOptedOut': '{count} que pediram para sair',
  'campaigns.review.leftOutSuppressed':
    '{count, plural, =0 {# bloqueados pela equipe} one {# bloqueado pela equipe} other {# bloqueados pela equipe}}',
  'campaigns.review.leftOutInvalid':
    '{count, plural, =0 {# linhas inválidas da planilha} one {# linha inválida da planilha} other {# linhas inválidas da planilha}}',
  'campaigns.review.imageAlt': 'Imagem da campanha',
  'campaigns.review.landline': 'Telefones fixos',
  'campaigns.review.invalid': 'Linhas inválidas na importação',
  'campaigns.review.estimate':
    '{count, plural, =0 {Término estimado: {duration} com # sessões} one {Término estimado: {duration} com # sessão} other {Término estimado: {duration} com # sessões}}',
  'campaigns.review.noEstimate': 'Sem estimativa: escolha sessões e um ritmo válido.',
  'campaigns.review.unknownVariables':
    "Atenção: nenhum contato desta lista tem {variables}. Esses trechos sairão vazios. Use '{{variavel|padrão}}' para definir um valor padrão.",
  'campaigns.review.noWorking':
    'Nenhuma sessão escolhida está conectada: é possível salvar ou agendar, mas não enviar agora.',
}

const en: Record<keyof typeof ptBR, string> = {
  'campaigns.ai.title': '✨ Use AI',
  'campaigns.ai.intro':
    'Describe the campaign and the AI suggests texts. Only the brief is sent to the provider, never contact data.',
  'campaigns.ai.brief': 'Brief',
  'campaigns.ai.briefPlaceholder': 'E.g.: 20% off all sneakers until Sunday, downtown store',
  'campaigns.ai.tone': 'Tone',
  'campaigns.ai.provider': 'AI provider',
  'campaigns.ai.generate': 'Suggest texts',
  'campaigns.ai.generating': 'Generating…',
  'campaigns.ai.insert': 'Use this text',
  'campaigns.ai.noRoom':
    'Every text is already filled in. Delete one (or its content) to use this suggestion.',
  'campaigns.ai.variantGone': 'This suggestion is no longer available. Generate the suggestions again.',
  'campaigns.ai.noProviders': 'No AI provider yet. Add one under Integrations › AI providers.',
  'campaigns.ai.suggestions': 'AI suggestions (review before using)',
  'campaigns.ai.tones.amigavel': 'Friendly',
  'campaigns.ai.tones.profissional': 'Professional',
  'campaigns.ai.tones.divertido': 'Playful',
  'campaigns.ai.tones.urgente': 'Urgent',
  'campaigns.ai.tones.formal': 'Formal',
  'campaigns.review.title': 'Review before sending',
  'campaigns.review.hint': 'The message as the first contacts who will get it will see it.',
  'campaigns.review.noList': 'Pick a list and write the message to see the preview.',
  'campaigns.review.noPreview': 'No preview: fix the message or pick a list with contacts.',
  'campaigns.review.toSend': 'To send',
  'campaigns.review.total': 'Contacts in the list',
  'campaigns.review.optedOut': 'Opted out (will not receive)',
  'campaigns.review.suppressed': 'Blocked (will not receive)',
  'campaigns.review.leftOut': 'Left out: {who}.',
  'campaigns.review.noneLeftOut': 'Nobody on the list is left out.',
  'campaigns.review.leftOutOptedOut': '{count} who opted out',
  'campaigns.review.leftOutSuppressed':
    '{count, plural, one {# blocked by your team} other {# blocked by your team}}',
  'campaigns.review.leftOutInvalid':
    '{count, plural, one {# invalid spreadsheet row} other {# invalid spreadsheet rows}}',
  'campaigns.review.imageAlt': 'Campaign image',
  'campaigns.review.landline': 'Landlines',
  'campaigns.review.invalid': 'Invalid rows at import',
  'campaigns.review.estimate':
    '{count, plural, one {Estimated finish: {duration} with # session} other {Estimated finish: {duration} with # sessions}}',
  'campaigns.review.noEstimate': 'No estimate: pick sessions and a valid pace.',
  'campaigns.review.unknownVariables':
    "Warning: no contact in this list has {variables}. Those parts will be empty. Use '{{variable|default}}' to set a default.",
  'campaigns.review.noWorking':
    'None of the chosen sessions is connected: you can save or schedule, but not send now.',
}

export const campaignAssistMessages = { 'pt-BR': ptBR, en }
