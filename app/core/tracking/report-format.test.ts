import { describe, expect, it } from 'vitest'
import { exportFileName, formatLocalDateTime } from './report-format'

describe('formatting', () => {
  it('should format São Paulo local time as dd/mm/aaaa hh:mm', () => {
    expect(formatLocalDateTime(Date.UTC(2026, 10, 23, 2, 5))).toBe('22/11/2026 23:05')
    expect(formatLocalDateTime(Date.UTC(2026, 0, 1, 15, 0))).toBe('01/01/2026 12:00')
    expect(formatLocalDateTime(null)).toBe('')
    expect(formatLocalDateTime(Number.NaN)).toBe('')
  })

  it('should give an ASCII file name', () => {
    expect(exportFileName('Promoção "Black" Friday/2026 ⚡', Date.UTC(2026, 10, 23, 12))).toBe(
      'campanha-promocao-black-friday-2026-2026-11-23.csv',
    )
    expect(exportFileName('⚡⚡', Date.UTC(2026, 10, 23, 12))).toBe('campanha-sem-nome-2026-11-23.csv')
  })
})
