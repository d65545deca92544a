import { describe, expect, it } from 'vitest'
import { makeTranslator } from '../../i18n'
import { type GuardNote, guardNoteText, guardPauseText, parseGuardNote } from './notes'

const pt = makeTranslator('pt-BR')
const en = makeTranslator('en')
const date = (ms: number) => new Date(ms).toISOString().slice(0, 16)

const pause: GuardNote = {
  sessionId: 'wses_1',
  session: 'Loja Centro',
  action: 'pause',
  state: 'em_risco',
  score: 40,
  until: Date.UTC(2026, 11, 5, 18),
  reasons: [{ code: 'reachOutLimit', params: { count: 1, hours: 24 } }],
}

describe('guardNoteText', () => {
  it('says what happened, until when, and the main reason, in both languages', () => {
    expect(guardNoteText(pause, pt, date)).toBe(
      '“Loja Centro” ficou “Em risco” (nota 40): em descanso até 2026-12-05T18:00; as mensagens na fila foram passadas para os números saudáveis. Motivo: O WhatsApp bloqueou por um tempo as conversas com contatos novos (erro 463/475) 1 vez em 24 h.',
    )
    expect(guardNoteText(pause, en, date)).toContain('resting until 2026-12-05T18:00')
    expect(guardNoteText(pause, en, date)).toContain('1 time in 24 h')
  })

  it('names who released a number, without a reason', () => {
    const release: GuardNote = { ...pause, action: 'release', state: 'saudavel', by: 'Ana' }
    expect(guardNoteText(release, pt, date)).toBe(
      '“Loja Centro” foi retomado por Ana (“Retomar mesmo assim”).',
    )
  })

  it('writes the slow-down factors', () => {
    const slow: GuardNote = {
      ...pause,
      action: 'slow',
      state: 'atencao',
      score: 61,
      gap: 2,
      divisor: 2,
      reasons: [],
    }
    expect(guardNoteText(slow, pt, date)).toBe(
      '“Loja Centro” ficou em “Atenção” (nota 61): ritmo reduzido, intervalos 2 vezes maiores e limite por minuto dividido por 2.',
    )
  })
})

describe('guardPauseText', () => {
  it('stores the pause reason by code, the end of the rest a date in Brasília time in each language', () => {
    const reason = guardPauseText(pause)
    expect(reason.code).toBe('health.pauseReason')
    expect(pt(reason)).toBe(
      `Pausa automática pela saúde do número. ${guardNoteText(pause, pt, () => '05/12/2026, 15:00')}`,
    )
    expect(en(reason)).toMatch(/^Automatic pause for the number’s health\. “Loja Centro” went “At risk”/)
    expect(en(reason)).toMatch(/resting until 12\/5\/26,? 3:00\sPM;/)
    expect(JSON.parse(JSON.stringify(reason))).toEqual(reason)
  })
})

describe('parseGuardNote', () => {
  it('reads a stored note and refuses anything else', () => {
    expect(parseGuardNote(JSON.stringify(pause))).toEqual(pause)
    expect(parseGuardNote(null)).toBeNull()
    expect(parseGuardNote('{nope')).toBeNull()
    expect(parseGuardNote(JSON.stringify({ action: 'pause' }))).toBeNull()
  })
})
