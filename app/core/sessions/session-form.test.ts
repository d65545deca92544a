import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import {
  CreateSessionSchema,
  formatHhmm,
  isTransitional,
  parseDays,
  parseHhmm,
  SessionCommandSchema,
  toSettings,
  UpdateSessionSchema,
} from './session-form'
import { phoneFromMeId, qrDataUrl } from './waha-values'

function form(over: Record<string, string | string[] | null> = {}) {
  const fields: Record<string, string | string[] | null> = {
    intent: 'create',
    displayName: 'Loja Centro',
    serverUrl: 'https://waha.exemplo.com.br',
    apiKey: 'chave',
    sessionName: 'loja-01',
    failoverPriority: '1',
    maxPerMinute: '10',
    minDelayS: '30',
    maxDelayS: '60',
    dailyCap: '500',
    windowDays: ['1', '2'],
    windowStart: '08:00',
    windowEnd: '20:00',
    mediaMode: 'url',
    warmupEnabled: 'on',
    warmupStartCap: '20',
    warmupDays: '14',
    packageMin: '20',
    packageMax: '40',
    restMinMin: '5',
    restMaxMin: '15',
    firstContactDailyBudget: '50',
    ...over,
  }
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) continue
    for (const item of Array.isArray(v) ? v : [v]) data.append(k, item)
  }
  return data
}

const errorsOf = (schema: typeof CreateSessionSchema | typeof UpdateSessionSchema, data: FormData) => {
  const result = parseWithZod(data, { schema })
  return result.status === 'success' ? {} : result.error
}

describe('session form', () => {
  it('should parse a complete form into stored settings', () => {
    const result = parseWithZod(form({ isPrimary: 'on', windowDays: ['5', '1', '5'] }), {
      schema: CreateSessionSchema,
    })
    expect(result.status).toBe('success')
    if (result.status !== 'success') return
    expect(toSettings(result.value)).toMatchObject({
      isPrimary: true,
      failoverEnabled: false,
      windowDays: [1, 5],
      windowStartMin: 480,
      windowEndMin: 1200,
      minDelayS: 30,
      maxDelayS: 60,
    })
  })

  it.each([
    [{ minDelayS: '61' }, 'maxDelayS', 'sessions.errors.minAboveMax'],
    [{ dailyCap: '-1' }, 'dailyCap', 'sessions.errors.dailyCap'],
    [{ dailyCap: '1.5' }, 'dailyCap', 'sessions.errors.dailyCap'],
    [{ maxPerMinute: '61' }, 'maxPerMinute', 'sessions.errors.maxPerMinute'],
    [{ maxDelayS: null }, 'maxDelayS', 'errors.required'],
    [{ windowDays: ['7'] }, 'windowDays[0]', 'sessions.errors.days'],
    [{ windowDays: null }, 'windowDays', 'sessions.errors.days'],
    [{ windowEnd: '07:00' }, 'windowEnd', 'sessions.errors.windowOrder'],
    [{ windowStart: '24:00', windowEnd: '24:00' }, 'windowStart', 'sessions.errors.time'],
    [{ windowStart: '8h' }, 'windowStart', 'sessions.errors.time'],
    [{ sessionName: '-começa-mal' }, 'sessionName', 'sessions.errors.sessionName'],
    [{ sessionName: 'a'.repeat(65) }, 'sessionName', 'sessions.errors.sessionName'],
    [{ mediaMode: 'ftp' }, 'mediaMode', 'sessions.errors.mediaMode'],
    [{ displayName: '   ' }, 'displayName', 'errors.required'],
    [{ warmupDays: '0' }, 'warmupDays', 'protection.errors.warmupDays'],
    [{ warmupDays: '-3' }, 'warmupDays', 'protection.errors.warmupDays'],
    [{ warmupDays: '2.5' }, 'warmupDays', 'protection.errors.warmupDays'],
    [{ warmupStartCap: '0' }, 'warmupStartCap', 'protection.errors.warmupStartCap'],
    [{ warmupStartCap: '501' }, 'warmupStartCap', 'protection.errors.warmupAboveCap'],
    [{ dailyCap: '10' }, 'warmupStartCap', 'protection.errors.warmupAboveCap'],
    [{ packageMin: '30', packageMax: '10' }, 'packageMax', 'protection.errors.packageOrder'],
    [{ packageMin: '0' }, 'packageMin', 'protection.errors.packageOff'],
    [{ packageMin: '-1' }, 'packageMin', 'protection.errors.package'],
    [{ restMinMin: '20', restMaxMin: '5' }, 'restMaxMin', 'protection.errors.restOrder'],
    [{ restMaxMin: '1441' }, 'restMaxMin', 'protection.errors.rest'],
    [{ firstContactDailyBudget: '-1' }, 'firstContactDailyBudget', 'protection.errors.firstContactBudget'],
    [{ firstContactDailyBudget: null }, 'firstContactDailyBudget', 'errors.required'],
  ])('should refuse %o', (over, field, message) => {
    expect(errorsOf(CreateSessionSchema, form(over))?.[field]).toContain(message)
  })

  it('should read the protection settings, and 0/0 packages as "no rests"', () => {
    const result = parseWithZod(
      form({
        warmupEnabled: null,
        warmupStartCap: '5',
        warmupDays: '7',
        packageMin: '0',
        packageMax: '0',
        restMinMin: '0',
        restMaxMin: '0',
      }),
      { schema: CreateSessionSchema },
    )
    expect(result.status).toBe('success')
    if (result.status !== 'success') return
    expect(toSettings(result.value)).toMatchObject({
      warmupEnabled: false,
      warmupStartCap: 5,
      warmupDays: 7,
      packageMin: 0,
      packageMax: 0,
      firstContactDailyBudget: 50,
    })
  })

  it('should accept an edit without key and without session name', () => {
    const result = parseWithZod(
      form({ intent: 'update', apiKey: '', sessionName: null, windowEnd: '24:00' }),
      {
        schema: UpdateSessionSchema,
      },
    )
    expect(result.status).toBe('success')
    if (result.status === 'success') expect(toSettings(result.value).windowEndMin).toBe(1440)
  })

  it('should parse detail-page commands and normalise the pairing phone', () => {
    const ok = parseWithZod(form({ intent: 'pairingCode', phone: '+55 (11) 99999-0000' }), {
      schema: SessionCommandSchema,
    })
    expect(ok.status === 'success' && ok.value).toEqual({ intent: 'pairingCode', phone: '5511999990000' })
    const bad = parseWithZod(form({ intent: 'pairingCode', phone: '12' }), { schema: SessionCommandSchema })
    expect(bad.status).toBe('error')
    const unknown = parseWithZod(form({ intent: 'explode' }), { schema: SessionCommandSchema })
    expect(unknown.status).toBe('error')
    const force = parseWithZod(form({ intent: 'delete', force: '1' }), { schema: SessionCommandSchema })
    expect(force.status === 'success' && force.value).toEqual({ intent: 'delete', force: '1' })
  })

  it('should convert times and days', () => {
    expect(parseHhmm('00:00')).toBe(0)
    expect(parseHhmm('23:59')).toBe(1439)
    expect(parseHhmm('24:00')).toBe(1440)
    expect(parseHhmm('24:01')).toBeNull()
    expect(formatHhmm(485)).toBe('08:05')
    expect(parseDays('1,2, 9,x,0')).toEqual([1, 2, 0])
    expect(isTransitional('SCAN_QR_CODE')).toBe(true)
    expect(isTransitional('WORKING')).toBe(false)
  })
})

describe('WAHA values', () => {
  it('should read the phone of me', () => {
    expect(phoneFromMeId('5511999990000@c.us')).toBe('+5511999990000')
    expect(phoneFromMeId('5511999990000:12@s.whatsapp.net')).toBe('+5511999990000')
    expect(phoneFromMeId('150000000000001@lid')).toBeNull()
    expect(phoneFromMeId('abc@c.us')).toBeNull()
    expect(phoneFromMeId(null)).toBeNull()
  })

  it('should only build image data URLs from clean base64', () => {
    expect(qrDataUrl('image/png', 'iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=')
    expect(qrDataUrl('text/html', 'PHNjcmlwdD4=')).toBeNull()
    expect(qrDataUrl('image/png', '"><script>')).toBeNull()
    expect(qrDataUrl('image/png', '')).toBeNull()
  })
})
