import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import {
  ComposerSchema,
  formatHhmm,
  localDateTimeToEpoch,
  orderSessions,
  parseHhmm,
  textsOf,
  windowOf,
} from './composer-schema'

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  return fd
}

const valid = {
  intent: 'launch',
  name: 'Black Friday',
  listId: 'lst_1',
  'texts[0]': 'Oi {{nome}}!',
  sessionIds: ['wses_1'],
  minDelayS: '30',
  maxDelayS: '60',
  maxPerMinute: '10',
  dailyCap: '500',
  windowDays: ['1', '2'],
  windowStart: '08:00',
  windowEnd: '20:00',
}

const errorsOf = (fields: Record<string, string | string[]>) => {
  const s = parseWithZod(form(fields), { schema: ComposerSchema })
  return s.status === 'success' ? {} : (s.error ?? {})
}

/** Form errors as the pt-BR page shows them (pacing and template errors travel by code). */
const shown = (errors: string[] | null | undefined) => errors?.map((e) => translate('pt-BR', e))

describe('ComposerSchema', () => {
  it('should accept a complete campaign and coerce numbers, arrays and checkboxes', () => {
    const s = parseWithZod(form({ ...valid, simulateTyping: 'on', windowDays: '3' }), {
      schema: ComposerSchema,
    })
    expect(s.status).toBe('success')
    if (s.status !== 'success') return
    expect(s.value).toMatchObject({
      minDelayS: 30,
      dailyCap: 500,
      windowDays: ['3'],
      simulateTyping: true,
      texts: ['Oi {{nome}}!'],
    })
  })

  it('should require only a name and well-formed texts for a draft', () => {
    expect(errorsOf({ ...valid, intent: 'save', listId: '', 'texts[0]': '', sessionIds: [] })).toEqual({})
    expect(errorsOf({ ...valid, intent: 'save', name: ' ' })).toMatchObject({
      name: ['campaigns.errors.nameRequired'],
    })
    expect(shown(errorsOf({ ...valid, intent: 'save', 'texts[0]': 'Oi {{nome' })['texts[0]'])?.[0]).toContain(
      'sem fechamento',
    )
  })

  it('should require a list, a text and a session to launch', () => {
    expect(errorsOf({ ...valid, listId: '', 'texts[0]': '  ', sessionIds: [] })).toMatchObject({
      listId: ['campaigns.errors.listRequired'],
      texts: ['campaigns.errors.textRequired'],
      sessionIds: ['campaigns.errors.sessionRequired'],
    })
  })

  it('should report pacing problems on the form fields', () => {
    const errors = errorsOf({
      ...valid,
      minDelayS: '90',
      maxDelayS: '30',
      windowDays: [],
      windowStart: '20:00',
      windowEnd: '08:00',
    })
    expect(shown(errors.maxDelayS)).toEqual(['O intervalo máximo deve ser maior ou igual ao mínimo.'])
    expect(shown(errors.windowDays)).toEqual(['Escolha pelo menos um dia da semana para enviar.'])
    expect(shown(errors.windowEnd)).toEqual(['O horário de término deve ser depois do horário de início.'])
    expect(errorsOf({ ...valid, maxPerMinute: 'dez' }).maxPerMinute).toContain('campaigns.errors.number')
  })

  it('should apply the caption limit when an image is attached', () => {
    const text = 'a'.repeat(1500)
    expect(errorsOf({ ...valid, 'texts[0]': text })).toEqual({})
    expect(errorsOf({ ...valid, 'texts[0]': text, mediaKey: 'media/t/img_1' })).toMatchObject({
      'texts[0]': ['campaigns.errors.captionTooLong'],
    })
  })

  it('should require a valid date and time to schedule', () => {
    expect(errorsOf({ ...valid, intent: 'schedule' })).toMatchObject({
      scheduleDate: ['campaigns.errors.scheduleRequired'],
    })
    expect(
      errorsOf({ ...valid, intent: 'schedule', scheduleDate: '2026-13-01', scheduleTime: '10:00' }),
    ).toMatchObject({
      scheduleDate: ['campaigns.errors.scheduleInvalid'],
    })
    expect(
      errorsOf({ ...valid, intent: 'schedule', scheduleDate: '2026-12-01', scheduleTime: '10:00' }),
    ).toEqual({})
  })

  it('should check only the brief and provider for the AI intent', () => {
    expect(errorsOf({ ...valid, intent: 'ai', listId: '' })).toMatchObject({
      aiBrief: ['campaigns.errors.briefRequired'],
      aiProviderId: ['campaigns.errors.providerRequired'],
    })
    expect(
      errorsOf({ ...valid, intent: 'ai', aiBrief: 'Promoção', aiProviderId: 'aip_1', listId: '' }),
    ).toEqual({})
  })
})

describe('time helpers', () => {
  it('should parse and format HH:MM', () => {
    expect(parseHhmm('08:30')).toBe(510)
    expect(parseHhmm('24:00')).toBe(1440)
    expect(parseHhmm('24:01')).toBeNull()
    expect(parseHhmm('8h')).toBeNull()
    expect(formatHhmm(1110)).toBe('18:30')
  })

  it('should turn São Paulo wall-clock time into an instant (UTC-3, no DST)', () => {
    expect(localDateTimeToEpoch('2026-11-27', '09:00')).toBe(Date.UTC(2026, 10, 27, 12, 0))
    expect(localDateTimeToEpoch('2026-02-30', '09:00')).toBeNull()
    expect(localDateTimeToEpoch('27/11/2026', '09:00')).toBeNull()
    expect(localDateTimeToEpoch('2026-11-27', '24:00')).toBeNull()
  })

  it('should read the window, dropping duplicates and junk days', () => {
    expect(windowOf({ windowDays: ['5', '1', '1', 'x'], windowStart: '09:00', windowEnd: '18:00' })).toEqual({
      days: [1, 5],
      startMinute: 540,
      endMinute: 1080,
    })
  })
})

describe('orderSessions', () => {
  it('should order by the priority typed, ties and blanks keeping the given order', () => {
    expect(orderSessions(['a', 'b', 'c'], { a: '3', b: '1', c: '2' })).toEqual(['b', 'c', 'a'])
    expect(orderSessions(['a', 'b', 'c'], { a: '', b: '1' })).toEqual(['b', 'a', 'c'])
    expect(orderSessions(['a', 'a', 'b'], {})).toEqual(['a', 'b'])
  })

  it('should keep non-empty texts as typed', () => {
    expect(textsOf({ texts: ['  Oi  ', '', '   ', undefined] })).toEqual(['  Oi  '])
  })
})
