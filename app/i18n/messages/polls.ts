// WhatsApp polls (decision 038): the composer's poll fields, why a poll was refused, the result on the
// campaign page and the "quem votou em quê" export.
export const pollsMessages = {
  'pt-BR': {
    'polls.compose.title': 'Enquete',
    'polls.compose.on': 'Enviar como enquete do WhatsApp (o texto acima é a pergunta)',
    'polls.compose.hint':
      "De {min} a {max} opções, sem repetir; campos em branco são ignorados. A pergunta aceita variáveis como '{{nome}}' e tem até 255 caracteres; as opções são as mesmas para todos (até 100 caracteres cada). Enquete não leva anexo.",
    'polls.compose.option': 'Opção {n}',
    'polls.compose.multiple': 'Permitir escolher mais de uma opção',
    'polls.errors.tooFew': 'Uma enquete precisa de pelo menos 2 opções. Preencha mais uma.',
    'polls.errors.tooMany': 'Uma enquete aceita no máximo 12 opções. Apague as que sobram.',
    'polls.errors.duplicate':
      'Esta opção repete outra (maiúsculas, acentos de digitação e espaços não contam). Mude o texto ou apague.',
    'polls.errors.optionTooLong': 'Opção longa demais: o WhatsApp aceita até 100 caracteres. Encurte.',
    'polls.errors.withMedia': 'Enquete não leva anexo. Remova o anexo ou desmarque a enquete.',
    'polls.errors.questionTooLong':
      'A pergunta da enquete passa de 255 caracteres (o limite do WhatsApp). Encurte o texto.',
    'polls.review.single': 'Enquete: escolha uma opção',
    'polls.review.multiple': 'Enquete: escolha uma ou mais opções',
    'polls.report.title': 'Resultado da enquete',
    'polls.report.voters':
      '{count, plural, =0 {Ninguém votou ainda} one {# pessoa votou} other {# pessoas votaram}}',
    'polls.report.received':
      '{count, plural, =0 {nenhum voto recebido} one {# voto recebido} other {# votos recebidos (mudanças incluídas)}}',
    'polls.report.multiple': 'várias respostas por pessoa: as porcentagens podem somar mais de 100%',
    'polls.report.option': 'Opção',
    'polls.report.votes': 'Pessoas',
    'polls.report.share': 'Dos votantes',
    'polls.report.export': 'Exportar quem votou em quê (CSV)',
    'polls.export.name': 'Nome',
    'polls.export.phone': 'Telefone',
    'polls.export.options': 'Opções escolhidas',
    'polls.export.votedAt': 'Votou em',
    'polls.export.changes': 'Votos recebidos',
    'polls.export.withdrawn': '(voto retirado)',
  },
  en: {
    'polls.compose.title': 'Poll',
    'polls.compose.on': 'Send as a WhatsApp poll (the text above is the question)',
    'polls.compose.hint':
      "From {min} to {max} options, no repeats; blank fields are ignored. The question takes variables such as '{{nome}}' and has up to 255 characters; the options are the same for everyone (up to 100 characters each). A poll carries no attachment.",
    'polls.compose.option': 'Option {n}',
    'polls.compose.multiple': 'Allow choosing more than one option',
    'polls.errors.tooFew': 'A poll needs at least 2 options. Fill in one more.',
    'polls.errors.tooMany': 'A poll takes at most 12 options. Delete the extra ones.',
    'polls.errors.duplicate':
      'This option repeats another (case, accents typed differently and spaces do not count). Change it or delete it.',
    'polls.errors.optionTooLong': 'Option too long: WhatsApp takes up to 100 characters. Shorten it.',
    'polls.errors.withMedia': 'A poll carries no attachment. Remove the attachment or untick the poll.',
    'polls.errors.questionTooLong':
      'The poll question is over 255 characters (WhatsApp’s limit). Shorten the text.',
    'polls.review.single': 'Poll: choose one option',
    'polls.review.multiple': 'Poll: choose one or more options',
    'polls.report.title': 'Poll result',
    'polls.report.voters':
      '{count, plural, =0 {Nobody has voted yet} one {# person voted} other {# people voted}}',
    'polls.report.received':
      '{count, plural, =0 {no votes received} one {# vote received} other {# votes received (changes included)}}',
    'polls.report.multiple': 'several answers per person: the percentages may add up to more than 100%',
    'polls.report.option': 'Option',
    'polls.report.votes': 'People',
    'polls.report.share': 'Of voters',
    'polls.report.export': 'Export who voted for what (CSV)',
    'polls.export.name': 'Name',
    'polls.export.phone': 'Phone',
    'polls.export.options': 'Options chosen',
    'polls.export.votedAt': 'Voted at',
    'polls.export.changes': 'Votes received',
    'polls.export.withdrawn': '(vote withdrawn)',
  },
}
