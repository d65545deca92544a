// English for the pt-BR messages of campaigns: pacing and status checks, the send engine's failure
// reasons (stored in campaign_messages.error and on sessions), passwords. Server-only modules cannot be
// imported here (this file ships to the browser), so their texts are written out; i18n-core.test.ts
// checks them against the modules. Messages with numbers or names in them are in core-en-patterns.ts.

/** Campaign, sending and account messages: pt-BR text -> English. */
export const CAMPAIGNS_EN: [string, string][] = [
  // campaigns/pacing.ts validatePacing, nextWindowOpening
  [
    'O intervalo mínimo deve ser um número de segundos ≥ 0.',
    'The minimum interval must be a number of seconds ≥ 0.',
  ],
  [
    'O intervalo máximo deve ser um número de segundos ≥ 0.',
    'The maximum interval must be a number of seconds ≥ 0.',
  ],
  [
    'O intervalo máximo deve ser maior ou igual ao mínimo.',
    'The maximum interval must be greater than or equal to the minimum.',
  ],
  [
    'O limite por minuto deve ser um número inteiro entre 1 e 60.',
    'The per-minute limit must be a whole number between 1 and 60.',
  ],
  [
    'O limite diário deve ser um número inteiro de pelo menos 1.',
    'The daily limit must be a whole number of at least 1.',
  ],
  [
    'Fuso horário desconhecido. Use, por exemplo, America/Sao_Paulo.',
    'Unknown time zone. Use, for example, America/Sao_Paulo.',
  ],
  ['Escolha pelo menos um dia da semana para enviar.', 'Choose at least one day of the week to send on.'],
  [
    'Dias da semana inválidos: use 0 (domingo) a 6 (sábado).',
    'Invalid days of the week: use 0 (Sunday) to 6 (Saturday).',
  ],
  ['O horário de início deve estar entre 00:00 e 23:59.', 'The start time must be between 00:00 and 23:59.'],
  ['O horário de término deve estar entre 00:01 e 24:00.', 'The end time must be between 00:01 and 24:00.'],
  [
    'O horário de término deve ser depois do horário de início.',
    'The end time must be after the start time.',
  ],
  ['Janela de envio sem nenhum dia permitido.', 'The sending window has no allowed day.'],
  // campaigns/status.ts transitionError (the interpolated ones are patterns)
  ['Status de campanha desconhecido.', 'Unknown campaign status.'],
  [
    'A campanha já foi concluída; crie uma nova para enviar de novo.',
    'The campaign is already finished; create a new one to send again.',
  ],
  [
    'A campanha foi cancelada; crie uma nova para enviar de novo.',
    'The campaign was cancelled; create a new one to send again.',
  ],
  // crypto/password.ts passwordProblems (the length ones are patterns)
  [
    'A senha não pode repetir um único caractere. Misture letras, números e símbolos.',
    'The password cannot be a single repeated character. Mix letters, numbers and symbols.',
  ],
]
