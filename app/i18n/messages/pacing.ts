// The effective pacing of a campaign on each session (decision 013), and number protection settings.
import type { AreaMessages } from './types'

export const pacingMessages = {
  'pt-BR': {
    'pacing.effective.caption':
      'Ritmo que o envio segue em cada sessão: o mais restrito entre a sessão e a campanha, campo a campo.',
    'pacing.effective.session': 'Sessão',
    'pacing.effective.gap': 'Intervalo',
    'pacing.effective.gapValue': '{min}–{max} s',
    'pacing.effective.perMinute': 'Por minuto',
    'pacing.effective.daily': 'Por dia',
    'pacing.effective.warmup': 'menos durante o aquecimento do número',
    'pacing.effective.window': 'Janela',
    'pacing.effective.windowValue': '{days}, {start}–{end}',
    'pacing.effective.always': 'sempre',
    'pacing.effective.never': 'nunca: as janelas não se cruzam',
    'pacing.effective.rest': 'Pausas',
    'pacing.effective.restValue': 'a cada {min}–{max} mensagens, {restMin}–{restMax} min',
    'pacing.effective.noRest': 'sem pausas',
    'pacing.source.session': 'da sessão',
    'pacing.source.campaign': 'da campanha',
    'pacing.source.both': 'iguais',
  },
  en: {
    'pacing.effective.caption':
      'The pace sending follows on each session: the stricter of the session’s and the campaign’s, field by field.',
    'pacing.effective.session': 'Session',
    'pacing.effective.gap': 'Gap',
    'pacing.effective.gapValue': '{min}–{max} s',
    'pacing.effective.perMinute': 'Per minute',
    'pacing.effective.daily': 'Per day',
    'pacing.effective.warmup': 'less while the number warms up',
    'pacing.effective.window': 'Window',
    'pacing.effective.windowValue': '{days}, {start}–{end}',
    'pacing.effective.always': 'always',
    'pacing.effective.never': 'never: the windows do not meet',
    'pacing.effective.rest': 'Rests',
    'pacing.effective.restValue': 'every {min}–{max} messages, {restMin}–{restMax} min',
    'pacing.effective.noRest': 'no rests',
    'pacing.source.session': 'session’s',
    'pacing.source.campaign': 'campaign’s',
    'pacing.source.both': 'same',
  },
} satisfies AreaMessages
