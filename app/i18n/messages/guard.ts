// Strings of the number health guard (app/core/guard: states, reasons, holds, actions, signal names
// and settings problems). Reasons take {count}, {total}, {percent}, {hours} and {minutes}.
import type { AreaMessages } from './types'

export const guardMessages = {
  'pt-BR': {
    'guard.state.saudavel': 'Saudável',
    'guard.state.atencao': 'Atenção',
    'guard.state.em_risco': 'Em risco',
    'guard.state.bloqueado': 'Bloqueado',

    'guard.signal.reachOutLimit': 'Bloqueio de contatos novos (463/475)',
    'guard.signal.serverStuck': 'Mensagens presas em um tique',
    'guard.signal.notDelivered': 'Entregas paradas',
    'guard.signal.optOuts': 'Pedidos para sair',
    'guard.signal.flaps': 'Quedas de conexão',
    'guard.signal.ackErrors': 'Erros de entrega',
    'guard.signal.rateLimited': 'Limite de velocidade do WhatsApp',
    'guard.signal.pendingStuck': 'Envios sem confirmação',
    'guard.signal.lowReplies': 'Poucas respostas',
    'guard.signal.firstContacts': 'Contatos novos',
    'guard.signal.identicalTexts': 'Textos idênticos',

    'guard.reason.reachOutLimit':
      '{count, plural, =0 {O WhatsApp bloqueou por um tempo as conversas com contatos novos (erro 463/475) # vezes em {hours} h.} one {O WhatsApp bloqueou por um tempo as conversas com contatos novos (erro 463/475) # vez em {hours} h.} other {O WhatsApp bloqueou por um tempo as conversas com contatos novos (erro 463/475) # vezes em {hours} h.}}',
    'guard.reason.serverStuck':
      '{percent}% das mensagens ({count} de {total}) continuavam com um tique (não entregues) {minutes} min depois do envio, em {hours} h.',
    'guard.reason.notDelivered':
      '{percent}% das mensagens enviadas há mais de {minutes} min ({count} de {total}) ainda não chegaram ao celular (um tique): o WhatsApp pode estar segurando as entregas deste número.',
    'guard.reason.optOuts':
      '{count} de {total} pessoas ({percent}%) pediram para sair da lista em {hours} h.',
    'guard.reason.flaps': 'A conexão caiu ou pediu nova autenticação {count} vezes em {hours} h.',
    'guard.reason.ackErrors':
      'O WhatsApp informou erro na entrega de {count} de {total} mensagens ({percent}%) em {hours} h.',
    'guard.reason.rateLimited':
      '{count, plural, =0 {O WhatsApp limitou a velocidade de envio # vezes em {hours} h.} one {O WhatsApp limitou a velocidade de envio # vez em {hours} h.} other {O WhatsApp limitou a velocidade de envio # vezes em {hours} h.}}',
    'guard.reason.pendingStuck':
      '{count} de {total} envios ({percent}%) ficaram sem confirmação por mais de {minutes} min, em {hours} h.',
    'guard.reason.lowReplies':
      'Só {percent}% das pessoas responderam ({count} de {total}) em {hours} h; envios sem conversa parecem spam.',
    'guard.reason.firstContacts':
      '{percent}% dos envios ({count} de {total}) foram para quem nunca tinha recebido mensagem deste número, em {hours} h.',
    'guard.reason.identicalTexts':
      '{count} de {total} mensagens ({percent}%) tinham exatamente o mesmo texto em {hours} h. Varie o texto com o nome e variações.',
    'guard.reason.loggedOut':
      'O WhatsApp desconectou este número. Conecte de novo, confira o celular e retome o número quando estiver tudo certo.',
    'guard.reason.banned': 'O WhatsApp informou que este número foi banido. Ele não volta a enviar sozinho.',
    'guard.reason.refused': 'O WhatsApp recusou a conexão deste número. Ele não volta a enviar sozinho.',
    'guard.reason.hysteresis':
      'A nota subiu para {score}, mas o número só melhora de estado a partir de {needed}, para não ficar oscilando.',

    'guard.hold.cooldown': 'Em descanso: só volta a enviar quando o período de descanso terminar.',
    'guard.hold.minAttention': 'Continua com ritmo reduzido por um tempo mínimo antes de voltar ao normal.',
    'guard.hold.awaitingRelease': 'Bloqueado: só volta a enviar quando alguém da equipe retomar o número.',

    'guard.action.none': 'Ritmo normal.',
    'guard.action.slow':
      'Ritmo reduzido: intervalos {gap} vezes maiores e limite por minuto dividido por {divisor}.',
    'guard.action.pause': 'Em descanso; as mensagens na fila foram passadas para os números saudáveis.',
    'guard.action.ramp': 'Voltando aos poucos: até {cap} mensagens nesta hora.',
    'guard.action.block': 'Parado; as mensagens na fila foram passadas para os números saudáveis.',

    'guard.config.notGroup': 'Configuração inválida: este grupo de campos veio num formato inesperado.',
    'guard.config.unknown': 'Campo desconhecido. Confira o nome da configuração.',
    'guard.config.notNumber': 'Informe um número.',
    'guard.config.notInteger': 'Informe um número inteiro.',
    'guard.config.range': 'Use um valor entre {min} e {max}.',
    'guard.config.shortBelowLong': 'A janela curta precisa ser menor que a janela longa ({long} min).',
    'guard.config.belowLong': 'Precisa ser menor que a janela longa ({long} min).',
    'guard.config.belowShort': 'Precisa ser menor que a janela curta ({short} min).',
    'guard.config.attentionBelowHealthy':
      'A nota de “atenção” precisa ser menor que a de “saudável” ({healthy}).',
    'guard.config.hysteresisTooBig':
      'Com essa margem a nota para voltar a “saudável” passaria de 100. Use no máximo {max}.',
    'guard.config.criticalAboveWarn': 'O limite crítico precisa ser maior que o limite de atenção ({warn}).',
    'guard.config.criticalBelowWarn': 'O limite crítico precisa ser menor que o limite de atenção ({warn}).',
    'guard.config.criticalAtLeastWarn':
      'O limite crítico não pode ser menor que o limite de atenção ({warn}).',
    'guard.config.cooldownMaxBelow':
      'O descanso máximo não pode ser menor que o descanso inicial ({min} min).',
  },
  en: {
    'guard.state.saudavel': 'Healthy',
    'guard.state.atencao': 'Attention',
    'guard.state.em_risco': 'At risk',
    'guard.state.bloqueado': 'Blocked',

    'guard.signal.reachOutLimit': 'New-contact block (463/475)',
    'guard.signal.serverStuck': 'Messages stuck at one tick',
    'guard.signal.notDelivered': 'Deliveries stopped',
    'guard.signal.optOuts': 'Opt-out requests',
    'guard.signal.flaps': 'Connection drops',
    'guard.signal.ackErrors': 'Delivery errors',
    'guard.signal.rateLimited': 'WhatsApp rate limit',
    'guard.signal.pendingStuck': 'Unconfirmed sends',
    'guard.signal.lowReplies': 'Few replies',
    'guard.signal.firstContacts': 'New contacts',
    'guard.signal.identicalTexts': 'Identical texts',

    'guard.reason.reachOutLimit':
      '{count, plural, one {WhatsApp temporarily blocked conversations with new contacts (error 463/475) # time in {hours} h.} other {WhatsApp temporarily blocked conversations with new contacts (error 463/475) # times in {hours} h.}}',
    'guard.reason.serverStuck':
      '{percent}% of messages ({count} of {total}) were still at one tick (not delivered) {minutes} min after sending, in {hours} h.',
    'guard.reason.notDelivered':
      "{percent}% of the messages sent more than {minutes} min ago ({count} of {total}) have not reached the phone yet (one tick): WhatsApp may be holding this number's deliveries.",
    'guard.reason.optOuts': '{count} of {total} people ({percent}%) asked to leave the list in {hours} h.',
    'guard.reason.flaps': 'The connection dropped or asked to authenticate again {count} times in {hours} h.',
    'guard.reason.ackErrors':
      'WhatsApp reported a delivery error for {count} of {total} messages ({percent}%) in {hours} h.',
    'guard.reason.rateLimited':
      '{count, plural, one {WhatsApp limited the sending speed # time in {hours} h.} other {WhatsApp limited the sending speed # times in {hours} h.}}',
    'guard.reason.pendingStuck':
      '{count} of {total} sends ({percent}%) stayed unconfirmed for more than {minutes} min, in {hours} h.',
    'guard.reason.lowReplies':
      'Only {percent}% of people replied ({count} of {total}) in {hours} h; one-way sending looks like spam.',
    'guard.reason.firstContacts':
      '{percent}% of sends ({count} of {total}) went to people this number had never messaged before, in {hours} h.',
    'guard.reason.identicalTexts':
      '{count} of {total} messages ({percent}%) had exactly the same text in {hours} h. Vary the text with the name and variations.',
    'guard.reason.loggedOut':
      'WhatsApp disconnected this number. Connect it again, check the phone and resume the number once all is well.',
    'guard.reason.banned':
      'WhatsApp reported that this number was banned. It will not send again on its own.',
    'guard.reason.refused':
      'WhatsApp refused the connection of this number. It will not send again on its own.',
    'guard.reason.hysteresis':
      'The score rose to {score}, but the number only moves to a better state from {needed}, so it does not flip back and forth.',

    'guard.hold.cooldown': 'Resting: it sends again only when the rest period ends.',
    'guard.hold.minAttention': 'Stays at a reduced pace for a minimum time before going back to normal.',
    'guard.hold.awaitingRelease': 'Blocked: it sends again only when someone on the team resumes the number.',

    'guard.action.none': 'Normal pace.',
    'guard.action.slow': 'Reduced pace: gaps {gap} times longer and the per-minute cap divided by {divisor}.',
    'guard.action.pause': 'Resting; the queued messages were handed to the healthy numbers.',
    'guard.action.ramp': 'Coming back gradually: up to {cap} messages this hour.',
    'guard.action.block': 'Stopped; the queued messages were handed to the healthy numbers.',

    'guard.config.notGroup': 'Invalid settings: this group of fields came in an unexpected format.',
    'guard.config.unknown': 'Unknown field. Check the setting name.',
    'guard.config.notNumber': 'Enter a number.',
    'guard.config.notInteger': 'Enter a whole number.',
    'guard.config.range': 'Use a value between {min} and {max}.',
    'guard.config.shortBelowLong': 'The short window must be shorter than the long window ({long} min).',
    'guard.config.belowLong': 'Must be shorter than the long window ({long} min).',
    'guard.config.belowShort': 'Must be shorter than the short window ({short} min).',
    'guard.config.attentionBelowHealthy':
      'The “attention” score must be lower than the “healthy” one ({healthy}).',
    'guard.config.hysteresisTooBig':
      'With this margin the score to return to “healthy” would exceed 100. Use at most {max}.',
    'guard.config.criticalAboveWarn':
      'The critical threshold must be higher than the attention threshold ({warn}).',
    'guard.config.criticalBelowWarn':
      'The critical threshold must be lower than the attention threshold ({warn}).',
    'guard.config.criticalAtLeastWarn':
      'The critical threshold cannot be lower than the attention threshold ({warn}).',
    'guard.config.cooldownMaxBelow': 'The longest rest cannot be shorter than the first rest ({min} min).',
  },
} satisfies AreaMessages
