// What the campaign rules refuse (decision 025): illegal status moves (app/core/campaigns/status.ts) and
// template syntax errors with their position (app/core/campaigns/template-parser.ts). Template syntax
// is quoted ICU ('{{nome}}', '{'): the braces are shown as they are typed.
import type { AreaMessages } from './types'

export const campaignRulesMessages = {
  'pt-BR': {
    'campaigns.transition.unknownStatus': 'Status de campanha desconhecido.',
    'campaigns.transition.same': 'A campanha já está com status {status}.',
    'campaigns.transition.refused': 'Não é possível mudar a campanha de {from} para {to}. {why}',
    'campaigns.transition.onlyTo': 'A partir de {from} ela só pode ir para: {allowed}.',
    'campaigns.transition.finished': 'A campanha já foi concluída; crie uma nova para enviar de novo.',
    'campaigns.transition.cancelled': 'A campanha foi cancelada; crie uma nova para enviar de novo.',
    // a status inside a sentence: lower case, in quotes (status.ts checks it against the labels)
    'campaigns.transition.status':
      '"{status, select, draft {rascunho} scheduled {agendada} running {enviando} paused {pausada} finished {concluída} cancelled {cancelada} other {{status}}}"',
    'campaigns.transition.list': '{head}, {tail}',
    'campaigns.template.emptyVariable':
      "Variável vazia (linha {line}, coluna {column}): escreva o nome dentro das chaves, por exemplo '{{nome}}'.",
    'campaigns.template.strayClose':
      "Chave \"'}'\" sem abertura (linha {line}, coluna {column}): remova-a ou escreva \\'}' para mostrá-la no texto.",
    'campaigns.template.singleOption':
      "Variação com uma só opção (linha {line}, coluna {column}): separe as opções com \"|\", como '{Olá|Oi}', use '{{nome}}' para variáveis ou escreva \\'{' e \\'}' para mostrar chaves.",
    'campaigns.template.unclosed':
      "Chave \"'{'\" sem fechamento (linha {line}, coluna {column}): feche as variações com \"'}'\", use '{{nome}}' para variáveis ou escreva \\'{' para mostrá-la no texto.",
  },
  en: {
    'campaigns.transition.unknownStatus': 'Unknown campaign status.',
    'campaigns.transition.same': 'The campaign status is already {status}.',
    'campaigns.transition.refused': 'The campaign cannot move from {from} to {to}. {why}',
    'campaigns.transition.onlyTo': 'From {from} it can only move to: {allowed}.',
    'campaigns.transition.finished': 'The campaign is already finished; create a new one to send again.',
    'campaigns.transition.cancelled': 'The campaign was cancelled; create a new one to send again.',
    'campaigns.transition.status':
      '"{status, select, draft {draft} scheduled {scheduled} running {sending} paused {paused} finished {finished} cancelled {cancelled} other {{status}}}"',
    'campaigns.transition.list': '{head}, {tail}',
    'campaigns.template.emptyVariable':
      "Empty variable (line {line}, column {column}): write the name inside the braces, for example '{{nome}}'.",
    'campaigns.template.strayClose':
      "Closing brace \"'}'\" without an opening one (line {line}, column {column}): remove it or write \\'}' to show it in the text.",
    'campaigns.template.singleOption':
      "Variation with a single option (line {line}, column {column}): separate the options with \"|\", as in '{Hi|Hello}', use '{{nome}}' for variables, or write \\'{' and \\'}' to show braces.",
    'campaigns.template.unclosed':
      "Opening brace \"'{'\" without a closing one (line {line}, column {column}): close the variations with \"'}'\", use '{{nome}}' for variables, or write \\'{' to show it in the text.",
  },
} satisfies AreaMessages
