// Risk before launch (decision 023): the level, its reasons, the one-click fixes, and what the finish
// estimate counts (warm-up, rests, windows, caps).
const ptBR = {
  'campaigns.review.finishAt': 'Termina por volta de {at} (horário de São Paulo).',
  'campaigns.review.estimateIncludes':
    'A estimativa conta a janela de envio, os intervalos, os limites por minuto e por dia, as pausas entre pacotes e o aquecimento dos números novos.',
  'campaigns.review.warmup':
    '{count, plural, =0 {{name} está em aquecimento (dia {day} de {days}): hoje envia no máximo # mensagens.} one {{name} está em aquecimento (dia {day} de {days}): hoje envia no máximo # mensagem.} other {{name} está em aquecimento (dia {day} de {days}): hoje envia no máximo # mensagens.}}',
  'campaigns.review.pollsUnheard':
    'A sessão {name} não recebe os votos de enquete: foi cadastrada no WAHA antes das enquetes. Antes de enviar, abra a sessão em Integrações e use "Atualizar webhook no WAHA".',
  'campaigns.risk.title': 'Risco do envio',
  'campaigns.risk.level.baixo': 'baixo',
  'campaigns.risk.level.medio': 'médio',
  'campaigns.risk.level.alto': 'alto',
  'campaigns.risk.none': 'Nada nesta campanha chama atenção do WhatsApp.',
  'campaigns.risk.severity.medio': 'médio',
  'campaigns.risk.severity.alto': 'alto',
  'campaigns.risk.age':
    '{count, plural, =0 {conectado hoje} one {conectado há # dia} other {conectado há # dias}}',
  'campaigns.risk.reason.newNumber':
    '{count, plural, =0 {{session} é um número novo ({age}) e enviaria cerca de # mensagens por dia desta campanha.} one {{session} é um número novo ({age}) e enviaria cerca de # mensagem por dia desta campanha.} other {{session} é um número novo ({age}) e enviaria cerca de # mensagens por dia desta campanha.}}',
  'campaigns.risk.warmupOff': 'O aquecimento deste número está desligado.',
  'campaigns.risk.reason.oneText':
    "{count, plural, =0 {Os # contatos recebem o mesmo texto. Escreva outra variante ou use '{a|b}' para variar palavras.} one {O contato recebe um texto igual ao de todos.} other {Os # contatos recebem o mesmo texto. Escreva outra variante ou use '{a|b}' para variar palavras.}}",
  'campaigns.risk.reason.noName':
    "{count, plural, =0 {# textos não chamam a pessoa pelo nome: use '{{primeiro_nome}}' ou '{{nome}}'.} one {# texto não chama a pessoa pelo nome: use '{{primeiro_nome}}' ou '{{nome}}'.} other {# textos não chamam a pessoa pelo nome: use '{{primeiro_nome}}' ou '{{nome}}'.}}",
  'campaigns.risk.reason.insecureLink': 'O link {url} não usa HTTPS: escreva o endereço com https://.',
  'campaigns.risk.reason.shortLink':
    'Link encurtado ({host}): encurtadores públicos são muito usados em spam. Use o endereço completo do seu site.',
  'campaigns.risk.reason.firstContacts':
    '{count, plural, =0 {# contatos ({percent}% {of, select, audience {do público} other {da lista}}) nunca receberam mensagem destes números: muitos primeiros contatos de uma vez.} one {# contato ({percent}% {of, select, audience {do público} other {da lista}}) nunca recebeu mensagem destes números: muitos primeiros contatos de uma vez.} other {# contatos ({percent}% {of, select, audience {do público} other {da lista}}) nunca receberam mensagem destes números: muitos primeiros contatos de uma vez.}}',
  'campaigns.risk.reason.noOptOut':
    '{count, plural, =0 {# textos não dizem como parar de receber (por exemplo: "Responda SAIR para não receber mais.").} one {# texto não diz como parar de receber (por exemplo: "Responda SAIR para não receber mais.").} other {# textos não dizem como parar de receber (por exemplo: "Responda SAIR para não receber mais.").}}',
  'campaigns.risk.fix.addVariant': 'Adicionar variante',
  'campaigns.risk.fix.addVariantHint':
    'Copia o primeiro texto num novo campo: reescreva-o com outras palavras.',
  'campaigns.risk.fix.spreadDays':
    '{count, plural, =0 {Espalhar em mais dias (até # mensagens por dia por número)} one {Espalhar em mais dias (até # mensagem por dia por número)} other {Espalhar em mais dias (até # mensagens por dia por número)}}',
  'campaigns.risk.fix.slowDown': 'Enviar mais devagar ({min} a {max} s entre mensagens)',
  'campaigns.risk.fix.addOptOut': 'Adicionar linha para sair',
  'campaigns.risk.fixesHint':
    'Uma correção muda os campos acima e refaz a revisão. Nada é salvo até você salvar ou enviar.',
  'campaigns.risk.noRoom': 'Já há o máximo de textos: apague um para adicionar uma variante.',
  'campaigns.risk.fixInvalid': 'Esta correção não vale mais. Atualize a revisão e tente de novo.',
}

const en: Record<keyof typeof ptBR, string> = {
  'campaigns.review.finishAt': 'Finishes around {at} (São Paulo time).',
  'campaigns.review.estimateIncludes':
    'The estimate counts the send window, the gaps, the per-minute and daily caps, the rests between packages and the warm-up of new numbers.',
  'campaigns.review.warmup':
    '{count, plural, one {{name} is warming up (day {day} of {days}): today it sends at most # message.} other {{name} is warming up (day {day} of {days}): today it sends at most # messages.}}',
  'campaigns.review.pollsUnheard':
    'Session {name} does not receive poll votes: it was registered on WAHA before polls. Before sending, open the session under Integrations and use "Update webhook on WAHA".',
  'campaigns.risk.title': 'Sending risk',
  'campaigns.risk.level.baixo': 'low',
  'campaigns.risk.level.medio': 'medium',
  'campaigns.risk.level.alto': 'high',
  'campaigns.risk.none': 'Nothing in this campaign draws WhatsApp’s attention.',
  'campaigns.risk.severity.medio': 'medium',
  'campaigns.risk.severity.alto': 'high',
  'campaigns.risk.age':
    '{count, plural, =0 {connected today} one {connected # day ago} other {connected # days ago}}',
  'campaigns.risk.reason.newNumber':
    '{count, plural, one {{session} is a new number ({age}) and would send about # message a day for this campaign.} other {{session} is a new number ({age}) and would send about # messages a day for this campaign.}}',
  'campaigns.risk.warmupOff': 'This number’s warm-up is off.',
  'campaigns.risk.reason.oneText':
    "{count, plural, one {The contact gets the same text as everyone.} other {All # contacts get the same text. Write another variant or use '{a|b}' to vary words.}}",
  'campaigns.risk.reason.noName':
    "{count, plural, one {# text does not greet the person by name: use '{{primeiro_nome}}' or '{{nome}}'.} other {# texts do not greet the person by name: use '{{primeiro_nome}}' or '{{nome}}'.}}",
  'campaigns.risk.reason.insecureLink': 'The link {url} does not use HTTPS: write the address with https://.',
  'campaigns.risk.reason.shortLink':
    'Shortened link ({host}): public shorteners are widely used for spam. Use your site’s full address.',
  'campaigns.risk.reason.firstContacts':
    '{count, plural, one {# contact ({percent}% {of, select, audience {of the audience} other {of the list}}) never got a message from these numbers: many first contacts at once.} other {# contacts ({percent}% {of, select, audience {of the audience} other {of the list}}) never got a message from these numbers: many first contacts at once.}}',
  'campaigns.risk.reason.noOptOut':
    '{count, plural, one {# text does not say how to stop receiving (for example: "Responda SAIR para não receber mais.").} other {# texts do not say how to stop receiving (for example: "Responda SAIR para não receber mais.").}}',
  'campaigns.risk.fix.addVariant': 'Add a variant',
  'campaigns.risk.fix.addVariantHint': 'Copies the first text into a new field: reword it.',
  'campaigns.risk.fix.spreadDays':
    '{count, plural, one {Spread over more days (up to # message a day per number)} other {Spread over more days (up to # messages a day per number)}}',
  'campaigns.risk.fix.slowDown': 'Send more slowly ({min} to {max} s between messages)',
  'campaigns.risk.fix.addOptOut': 'Add an opt-out line',
  'campaigns.risk.fixesHint':
    'A fix changes the fields above and redoes the review. Nothing is saved until you save or send.',
  'campaigns.risk.noRoom': 'There are already as many texts as allowed: delete one to add a variant.',
  'campaigns.risk.fixInvalid': 'This fix no longer applies. Refresh the review and try again.',
}

export const campaignRiskMessages = { 'pt-BR': ptBR, en }
