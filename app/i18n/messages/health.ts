// Strings of the number health loop (decision 022): the guard's notes in the session and campaign
// histories, the health page and the admin's "Retomar mesmo assim".
import type { AreaMessages } from './types'

export const healthMessages = {
  'pt-BR': {
    'title.sessionHealth': 'Saúde do número',
    'sessions.healthLink': 'Saúde do número',
    'health.title': 'Saúde do número “{name}”',
    'health.now': 'Agora',
    'health.score': 'Nota {score} de 100',
    'health.evaluatedAt': 'Avaliada em {at}.',
    'health.neverEvaluated': 'Ainda não avaliada: a avaliação começa quando o número envia.',
    'health.doing.slow': 'Ritmo reduzido: intervalos maiores entre as mensagens e limite por minuto menor.',
    'health.doing.pause': 'Em descanso até {until}; as mensagens vão pelos números saudáveis.',
    'health.doing.ramp':
      'Voltando aos poucos desde {since}: poucas mensagens por hora, aumentando a cada hora.',
    'health.reasons': 'Motivos',
    'health.noReasons': 'Nenhum sinal de alerta.',
    'health.release.button': 'Retomar mesmo assim',
    'health.release.hint':
      'Retome só se você conferiu o número no celular. Ele volta aos poucos e a retomada fica registrada com o seu nome.',
    'health.release.notConnected':
      'O número não está conectado ({status}): conecte-o de novo pelo QR code antes de retomar.',
    'health.release.unknown': 'Ação desconhecida. Recarregue a página e tente de novo.',
    'health.warmup.title': 'Aquecimento',
    'health.warmup.off': 'O aquecimento está desligado para este número.',
    'health.warmup.done': 'Aquecimento concluído: limite diário de {cap} mensagens.',
    'health.warmup.progress': 'Dia {day} de {days}: até {cap} mensagens hoje (o limite final é {full}).',
    'health.days.title': 'Últimos 14 dias',
    'health.col.day': 'Dia',
    'health.col.sent': 'Enviadas',
    'health.col.delivered': 'Entregues',
    'health.col.read': 'Lidas',
    'health.col.replied': 'Respondidas',
    'health.col.optOuts': 'Pediram para sair',
    'health.col.errors': 'Erros',
    'health.col.score': 'Nota (menor do dia)',
    'health.chart.title':
      '{count, plural, =0 {Envios e nota dos últimos # dias} one {Envios e nota do último dia} other {Envios e nota dos últimos # dias}}',
    'health.chart.desc':
      '{count, plural, =0 {# mensagens enviadas de {from} a {to}; a linha mostra a menor nota de cada dia.} one {# mensagem enviada de {from} a {to}; a linha mostra a menor nota de cada dia.} other {# mensagens enviadas de {from} a {to}; a linha mostra a menor nota de cada dia.}}',
    'health.chart.score': 'Nota',
    'health.history.title': 'Ações automáticas',
    'health.history.empty': 'Nenhuma ação automática até agora.',
    'report.events.health': 'Saúde do número',
    'health.note.slow':
      '“{session}” ficou em “{state}” (nota {score}): ritmo reduzido, intervalos {gap} vezes maiores e limite por minuto dividido por {divisor}.',
    'health.note.slowAtLeast':
      '“{session}” ficou em “{state}” (nota {score}): ritmo reduzido, intervalos {gap} vezes maiores e de pelo menos {minGap} s, e limite por minuto dividido por {divisor}.',
    'health.note.pause':
      '“{session}” ficou “{state}” (nota {score}): em descanso até {until}; as mensagens na fila foram passadas para os números saudáveis.',
    'health.note.ramp':
      '“{session}” voltou a enviar aos poucos depois do descanso (nota {score}): até {cap} mensagens na primeira hora.',
    'health.note.block':
      '“{session}” foi bloqueado (nota {score}): as mensagens na fila foram passadas para os números saudáveis e ele só volta a enviar quando alguém da equipe retomar.',
    'health.note.none': '“{session}” voltou ao ritmo normal (nota {score}).',
    'health.note.release': '“{session}” foi retomado por {by} (“Retomar mesmo assim”).',
    'health.note.because': 'Motivo: {reason}',
    'health.note.withReason': '{head} {because}',
    'health.pauseReason': 'Pausa automática pela saúde do número. {note}',
    'health.at': '{at, date, brasilia}',
    'health.release.notWorking':
      'Este número não está conectado (status: {status}). Conecte-o de novo pelo QR code na página da sessão e depois retome.',
    'health.release.nothing':
      'A saúde do número não está pausando nem bloqueando este número: não há o que retomar.',
    'health.release.changed': 'A saúde deste número acabou de mudar. Confira a página e tente de novo.',
    'health.release.done':
      'Número retomado. Ele volta a enviar aos poucos, e a retomada ficou registrada com o seu nome.',
  },
  en: {
    'title.sessionHealth': 'Number health',
    'sessions.healthLink': 'Number health',
    'health.title': 'Health of number “{name}”',
    'health.now': 'Now',
    'health.score': 'Score {score} of 100',
    'health.evaluatedAt': 'Assessed at {at}.',
    'health.neverEvaluated': 'Not assessed yet: assessment starts when the number sends.',
    'health.doing.slow': 'Reduced pace: longer gaps between messages and a lower per-minute cap.',
    'health.doing.pause': 'Resting until {until}; messages go through the healthy numbers.',
    'health.doing.ramp': 'Coming back gradually since {since}: few messages an hour, more each hour.',
    'health.reasons': 'Reasons',
    'health.noReasons': 'No warning signs.',
    'health.release.button': 'Resume anyway',
    'health.release.hint':
      'Resume only if you checked the number on the phone. It comes back gradually and the resume is recorded with your name.',
    'health.release.notConnected':
      'The number is not connected ({status}): connect it again with the QR code before resuming.',
    'health.release.unknown': 'Unknown action. Reload the page and try again.',
    'health.warmup.title': 'Warm-up',
    'health.warmup.off': 'Warm-up is off for this number.',
    'health.warmup.done': 'Warm-up finished: daily cap of {cap} messages.',
    'health.warmup.progress': 'Day {day} of {days}: up to {cap} messages today (the final cap is {full}).',
    'health.days.title': 'Last 14 days',
    'health.col.day': 'Day',
    'health.col.sent': 'Sent',
    'health.col.delivered': 'Delivered',
    'health.col.read': 'Read',
    'health.col.replied': 'Replied',
    'health.col.optOuts': 'Opted out',
    'health.col.errors': 'Errors',
    'health.col.score': 'Score (day’s lowest)',
    'health.chart.title':
      '{count, plural, one {Sends and score of the last day} other {Sends and score of the last # days}}',
    'health.chart.desc':
      '{count, plural, one {# message sent from {from} to {to}; the line shows each day’s lowest score.} other {# messages sent from {from} to {to}; the line shows each day’s lowest score.}}',
    'health.chart.score': 'Score',
    'health.history.title': 'Automatic actions',
    'health.history.empty': 'No automatic actions so far.',
    'report.events.health': 'Number health',
    'health.note.slow':
      '“{session}” went to “{state}” (score {score}): reduced pace, gaps {gap} times longer and the per-minute cap divided by {divisor}.',
    'health.note.slowAtLeast':
      '“{session}” went to “{state}” (score {score}): reduced pace, gaps {gap} times longer and at least {minGap} s, and the per-minute cap divided by {divisor}.',
    'health.note.pause':
      '“{session}” went “{state}” (score {score}): resting until {until}; the queued messages were handed to the healthy numbers.',
    'health.note.ramp':
      '“{session}” started sending again gradually after its rest (score {score}): up to {cap} messages in the first hour.',
    'health.note.block':
      '“{session}” was blocked (score {score}): the queued messages were handed to the healthy numbers and it sends again only when someone on the team resumes it.',
    'health.note.none': '“{session}” is back to its normal pace (score {score}).',
    'health.note.release': '“{session}” was resumed by {by} (“Resume anyway”).',
    'health.note.because': 'Reason: {reason}',
    'health.note.withReason': '{head} {because}',
    'health.pauseReason': 'Automatic pause for the number’s health. {note}',
    'health.at': '{at, date, brasilia}',
    'health.release.notWorking':
      'This number is not connected (status: {status}). Connect it again with the QR code on the session page, then resume it.',
    'health.release.nothing':
      'The number health guard is not pausing or blocking this number: there is nothing to resume.',
    'health.release.changed': 'This number’s health just changed. Check the page and try again.',
    'health.release.done':
      'Number resumed. It starts sending again gradually, and the resume was recorded with your name.',
  },
} satisfies AreaMessages
