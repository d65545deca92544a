// A campaign's audience: lists and/or segments minus exclusions (decision 039).
const ptBR = {
  'audience.more': 'Mais listas, segmentos e exclusões',
  'audience.moreHint':
    'Quem está em mais de uma lista ou segmento recebe uma mensagem só. O público é fixado quando a campanha começa: quem entrar depois numa lista ou segmento não recebe.',
  'audience.lists': 'Também estas listas',
  'audience.segments': 'Segmentos salvos',
  'audience.noSegments': 'Nenhum segmento salvo. Crie um em Contatos → Segmentos.',
  'audience.exclude': 'Tirar do público',
  'audience.excludeLists': 'Quem está nestas listas',
  'audience.excludeSegments': 'Quem está nestes segmentos',
  'audience.excludeDays': 'Quem recebeu mensagem nos últimos (dias)',
  'audience.review.title': 'Público',
  'audience.review.total': 'Pessoas escolhidas',
  'audience.review.chosen':
    '{count, plural, =0 {Ninguém} one {# pessoa} other {# pessoas}} nas listas e segmentos escolhidos (cada uma contada uma vez).',
  'audience.review.sourceList':
    '{count, plural, =0 {ninguém} one {# pessoa} other {# pessoas}} na lista {name}',
  'audience.review.sourceSegment':
    '{count, plural, =0 {ninguém} one {# pessoa} other {# pessoas}} no segmento {name}',
  'audience.review.excludedList': '{count} na lista {name} (excluída do público)',
  'audience.review.excludedSegment': '{count} no segmento {name} (excluído do público)',
  'audience.review.excludedMessaged': '{count} receberam mensagem nos últimos {days} dias',
  'audience.review.overlap': 'Uma pessoa pode estar em mais de um motivo; cada uma sai uma vez só.',
  'audience.review.optedOut': '{count} pediram para sair (SAIR e parecidos): não recebem',
  'audience.review.suppressed': '{count} bloqueados de outra forma: não recebem',
  'audience.review.toSend':
    '{count, plural, =0 {Ninguém vai receber} one {# pessoa vai receber} other {# pessoas vão receber}}.',
  'audience.review.missingLists':
    '{count, plural, =0 {Todas as listas escolhidas existem} one {Uma lista escolhida não existe mais} other {# listas escolhidas não existem mais}}: o resto do público vale.',
  'audience.review.missingSegments':
    '{count, plural, =0 {Todos os segmentos escolhidos existem} one {Um segmento escolhido não existe mais} other {# segmentos escolhidos não existem mais}}: o resto do público vale.',
  'audience.review.segmentMissing':
    'O segmento {name} usa listas, etiquetas ou campanha que foram apagadas: ele vale com o que sobrou.',
  'audience.review.tooComplex': 'Público complexo demais para contar: escolha menos listas ou segmentos.',
  'audience.used.title': 'Público usado',
  'audience.used.segment': 'Segmento usado: {name}',
  'audience.used.excludedSegment': 'Segmento excluído do público: {name}',
  'audience.used.deleted': '(segmento apagado antes do envio)',
  'audience.used.lists': 'Listas: {names}',
  'audience.used.excludedLists': 'Listas excluídas: {names}',
  'audience.used.messaged': 'Sem quem recebeu mensagem nos últimos {days} dias',
  'audience.used.frozen': 'Público fixado em {at}.',
  'audience.def.lists': 'em alguma destas listas: {names}',
  'audience.def.tags.any': 'com alguma destas etiquetas: {names}',
  'audience.def.tags.all': 'com todas estas etiquetas: {names}',
  'audience.def.tags.none': 'sem nenhuma destas etiquetas: {names}',
  'audience.def.region': 'DDD de {ufs}',
  'audience.def.capital': 'só capital',
  'audience.def.interior': 'só interior',
  'audience.def.field.equals': 'campo {key} igual a "{value}"',
  'audience.def.field.contains': 'campo {key} contém "{value}"',
  'audience.def.field.empty': 'campo {key} vazio',
  'audience.def.consent': 'com consentimento registrado',
  'audience.def.createdFrom': 'cadastrada a partir de {day}',
  'audience.def.createdTo': 'cadastrada até {day}',
  'audience.def.received': 'recebeu mensagem nos últimos {days} dias',
  'audience.def.neverReplied': 'nunca respondeu',
  'audience.def.campaign': '(só a campanha {name})',
  'audience.def.everyone': 'todas as pessoas da equipe',
  'audience.def.deleted': '(apagada)',
  'audience.paused.exclusionGone':
    'Uma lista ou segmento que tirava pessoas do público foi apagado antes do envio: o público ficaria maior do que o revisado. Cancele a campanha e duplique-a para revisar o público.',
  'audience.errors.days': 'Dias inválidos: use um número inteiro de 1 a 365, ou deixe em branco.',
  'audience.errors.tooMany': 'Escolha no máximo 20 listas e 10 segmentos em cada parte do público.',
  'audience.errors.segmentNotFound':
    'Segmento não encontrado. Escolha um dos segmentos salvos da sua equipe.',
  'audience.errors.tooComplex':
    'Público complexo demais para o banco de dados: escolha menos listas ou segmentos, ou segmentos com menos condições.',
  'audience.errors.segmentEmpty':
    'Um segmento escolhido está vazio (ninguém atende às condições dele). Tire-o do público ou mude as condições do segmento.',
  'audience.errors.empty':
    'Ninguém sobra para receber depois das exclusões e de quem pediu para sair. Escolha mais listas ou segmentos, ou tire alguma exclusão.',
}

const en: typeof ptBR = {
  'audience.more': 'More lists, segments and exclusions',
  'audience.moreHint':
    'Someone in several lists or segments gets one message only. The audience is fixed when the campaign starts: people added to a list or segment later get nothing.',
  'audience.lists': 'Also these lists',
  'audience.segments': 'Saved segments',
  'audience.noSegments': 'No saved segments. Create one in Contacts → Segments.',
  'audience.exclude': 'Leave out',
  'audience.excludeLists': 'People in these lists',
  'audience.excludeSegments': 'People in these segments',
  'audience.excludeDays': 'People messaged in the last (days)',
  'audience.review.title': 'Audience',
  'audience.review.total': 'People chosen',
  'audience.review.chosen':
    '{count, plural, =0 {Nobody} one {# person} other {# people}} in the chosen lists and segments (each counted once).',
  'audience.review.sourceList': '{count, plural, =0 {nobody} one {# person} other {# people}} in list {name}',
  'audience.review.sourceSegment':
    '{count, plural, =0 {nobody} one {# person} other {# people}} in segment {name}',
  'audience.review.excludedList': '{count} in list {name} (left out)',
  'audience.review.excludedSegment': '{count} in segment {name} (left out)',
  'audience.review.excludedMessaged': '{count} were messaged in the last {days} days',
  'audience.review.overlap': 'A person may fall under more than one reason; each is left out once.',
  'audience.review.optedOut': '{count} asked to stop (STOP and the like): they get nothing',
  'audience.review.suppressed': '{count} blocked otherwise: they get nothing',
  'audience.review.toSend':
    '{count, plural, =0 {Nobody will receive it} one {# person will receive it} other {# people will receive it}}.',
  'audience.review.missingLists':
    '{count, plural, one {A chosen list no longer exists} other {# chosen lists no longer exist}}: the rest of the audience applies.',
  'audience.review.missingSegments':
    '{count, plural, one {A chosen segment no longer exists} other {# chosen segments no longer exist}}: the rest of the audience applies.',
  'audience.review.segmentMissing':
    'Segment {name} uses lists, tags or a campaign that were deleted: it applies with what is left.',
  'audience.review.tooComplex': 'Audience too complex to count: choose fewer lists or segments.',
  'audience.used.title': 'Audience used',
  'audience.used.segment': 'Segment used: {name}',
  'audience.used.excludedSegment': 'Segment left out: {name}',
  'audience.used.deleted': '(segment deleted before sending)',
  'audience.used.lists': 'Lists: {names}',
  'audience.used.excludedLists': 'Lists left out: {names}',
  'audience.used.messaged': 'Without people messaged in the last {days} days',
  'audience.used.frozen': 'Audience fixed at {at}.',
  'audience.def.lists': 'in any of these lists: {names}',
  'audience.def.tags.any': 'with any of these tags: {names}',
  'audience.def.tags.all': 'with all of these tags: {names}',
  'audience.def.tags.none': 'with none of these tags: {names}',
  'audience.def.region': 'area code in {ufs}',
  'audience.def.capital': 'capital only',
  'audience.def.interior': 'outside the capital only',
  'audience.def.field.equals': 'field {key} equals "{value}"',
  'audience.def.field.contains': 'field {key} contains "{value}"',
  'audience.def.field.empty': 'field {key} empty',
  'audience.def.consent': 'with recorded consent',
  'audience.def.createdFrom': 'added from {day}',
  'audience.def.createdTo': 'added until {day}',
  'audience.def.received': 'messaged in the last {days} days',
  'audience.def.neverReplied': 'never replied',
  'audience.def.campaign': '(campaign {name} only)',
  'audience.def.everyone': 'everyone in the team',
  'audience.def.deleted': '(deleted)',
  'audience.paused.exclusionGone':
    'A list or segment that left people out was deleted before sending: the audience would be larger than the one reviewed. Cancel the campaign and duplicate it to review the audience.',
  'audience.errors.days': 'Invalid days: use a whole number from 1 to 365, or leave it blank.',
  'audience.errors.tooMany': 'Choose at most 20 lists and 10 segments in each part of the audience.',
  'audience.errors.segmentNotFound': "Segment not found. Pick one of your team's saved segments.",
  'audience.errors.tooComplex':
    'Audience too complex for the database: choose fewer lists or segments, or segments with fewer conditions.',
  'audience.errors.segmentEmpty':
    'A chosen segment is empty (nobody meets its conditions). Remove it from the audience or change the segment.',
  'audience.errors.empty':
    'Nobody is left to receive it after the exclusions and opt-outs. Choose more lists or segments, or remove an exclusion.',
}

export const audienceMessages = { 'pt-BR': ptBR, en }
