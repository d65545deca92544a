// Strings of the number health loop (decision 022): the guard's notes in the session and campaign
// histories, the health page and the admin's "Retomar mesmo assim".
import type { AreaMessages } from './index'

export const healthMessages: AreaMessages = {
  'pt-BR': {
    'report.events.health': 'Saúde do número',
    'health.note.slow':
      '“{session}” ficou em “{state}” (nota {score}): ritmo reduzido, intervalos {gap} vezes maiores e limite por minuto dividido por {divisor}.',
    'health.note.pause':
      '“{session}” ficou “{state}” (nota {score}): em descanso até {until}; as mensagens na fila foram passadas para os números saudáveis.',
    'health.note.ramp':
      '“{session}” voltou a enviar aos poucos depois do descanso (nota {score}): até {cap} mensagens na primeira hora.',
    'health.note.block':
      '“{session}” foi bloqueado (nota {score}): as mensagens na fila foram passadas para os números saudáveis e ele só volta a enviar quando alguém da equipe retomar.',
    'health.note.none': '“{session}” voltou ao ritmo normal (nota {score}).',
    'health.note.release': '“{session}” foi retomado por {by} (“Retomar mesmo assim”).',
    'health.note.because': 'Motivo: {reason}',
    'health.pauseReason': 'Pausa automática pela saúde do número. {note}',
  },
  en: {
    'report.events.health': 'Number health',
    'health.note.slow':
      '“{session}” went to “{state}” (score {score}): reduced pace, gaps {gap} times longer and the per-minute cap divided by {divisor}.',
    'health.note.pause':
      '“{session}” went “{state}” (score {score}): resting until {until}; the queued messages were handed to the healthy numbers.',
    'health.note.ramp':
      '“{session}” started sending again gradually after its rest (score {score}): up to {cap} messages in the first hour.',
    'health.note.block':
      '“{session}” was blocked (score {score}): the queued messages were handed to the healthy numbers and it sends again only when someone on the team resumes it.',
    'health.note.none': '“{session}” is back to its normal pace (score {score}).',
    'health.note.release': '“{session}” was resumed by {by} (“Resume anyway”).',
    'health.note.because': 'Reason: {reason}',
    'health.pauseReason': 'Automatic pause for the number’s health. {note}',
  },
}
