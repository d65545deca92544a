import { describe, expect, it } from 'vitest'
import type { ColumnMapping } from './columns'
import { isPlausibleEmail, PhoneDeduper, toContact, validateRows } from './contact-rows'
import type { ParsedRow } from './parser'

const MAPPING: ColumnMapping = {
  hasHeader: true,
  headerLine: 1,
  name: 0,
  phone: 1,
  email: 2,
  company: 3,
  extras: [{ index: 4, key: 'cidade', label: 'Cidade' }],
}

describe('toContact', () => {
  it('should build a contact with normalised phone, cleaned name, email and extras', () => {
    expect(
      toContact(['  Ana \n Lima ', '(11) 8765-4321', ' Ana@X.com ', ' ACME ', ' Recife '], MAPPING),
    ).toEqual({
      ok: true,
      contact: {
        name: 'Ana Lima',
        phoneE164: '+5511987654321',
        phoneKind: 'mobile',
        email: 'ana@x.com',
        company: 'ACME',
        extra: { cidade: 'Recife' },
        notes: ['added_ninth_digit'],
      },
    })
  })

  it('should flag landlines through phoneKind', () => {
    const r = toContact(['Loja', '11 3234-5678'], MAPPING)
    expect(r.ok && r.contact.phoneKind).toBe('landline')
  })

  it('should reject an empty or invalid phone with the phone reason', () => {
    expect(toContact(['Ana', ''], MAPPING)).toMatchObject({ ok: false, reason: 'empty' })
    expect(toContact(['Ana'], MAPPING)).toMatchObject({ ok: false, reason: 'empty' })
    expect(toContact(['Ana', '20 98765-4321'], MAPPING)).toMatchObject({ ok: false, reason: 'invalid_ddd' })
  })

  it('should reject every row when no phone column was chosen', () => {
    const r = toContact(['Ana', '11987654321'], { ...MAPPING, phone: null })
    expect(r).toMatchObject({ ok: false, reason: 'no_phone_column' })
  })

  it('should cut names longer than 200 characters and note it', () => {
    const r = toContact(['x'.repeat(500), '11987654321'], MAPPING)
    expect(r.ok && r.contact.name.length).toBe(200)
    expect(r.ok && r.contact.notes).toEqual(['name_truncated'])
  })

  it('should drop an invalid email but keep the contact', () => {
    const r = toContact(['Ana', '11987654321', 'ana@', '', ''], MAPPING)
    expect(r.ok && r.contact.email).toBeUndefined()
    expect(r.ok && r.contact.notes).toEqual(['invalid_email_dropped'])
  })

  it('should keep formulas and HTML as typed and leave empty extras out', () => {
    const r = toContact(['=HYPERLINK("x")', '11987654321', '', '<b>x</b>', ''], MAPPING)
    expect(r.ok && r.contact).toMatchObject({ name: '=HYPERLINK("x")', company: '<b>x</b>', extra: {} })
  })

  it('should cut very long extra values and note it once', () => {
    const r = toContact(['Ana', '11987654321', '', 'y'.repeat(600), 'z'.repeat(600)], MAPPING)
    expect(r.ok && r.contact.extra.cidade?.length).toBe(500)
    expect(r.ok && r.contact.company?.length).toBe(500)
    expect(r.ok && r.contact.notes).toEqual(['value_truncated'])
  })

  it('should allow contacts without a name column', () => {
    const r = toContact(['11987654321'], { hasHeader: false, headerLine: null, phone: 0, extras: [] })
    expect(r.ok && r.contact.name).toBe('')
  })

  it('should accept foreign numbers only with allowInternational', () => {
    expect(toContact(['Ann', '+1 212 555 0123'], MAPPING)).toMatchObject({
      ok: false,
      reason: 'not_brazilian',
    })
    expect(toContact(['Ann', '+1 212 555 0123'], MAPPING, { allowInternational: true })).toMatchObject({
      ok: true,
    })
  })
})

describe('isPlausibleEmail', () => {
  it.each([
    ['a@b.co', true],
    ['nome.sobrenome+tag@empresa.com.br', true],
    ['a@b', false],
    ['a b@c.com', false],
    ['@c.com', false],
    [`${'a'.repeat(250)}@b.com`, false],
  ])('should judge %j as %s', (v, ok) => {
    expect(isPlausibleEmail(v)).toBe(ok)
  })
})

describe('validateRows', () => {
  const rows: ParsedRow[] = [
    { ok: true, line: 1, fields: ['Nome', 'Telefone'] },
    { ok: true, line: 2, fields: ['Ana', '11987654321'] },
    { ok: true, line: 3, fields: ['Bia', '1234'] },
    { ok: true, line: 4, fields: ['Ana de novo', '+55 (11) 98765-4321'] },
    {
      ok: false,
      line: 5,
      reason: 'unbalanced_quotes',
      text: { code: 'import.row.unbalanced_quotes' },
      message: 'Aspas...',
      raw: '"x;1',
    },
    { ok: true, line: 6, fields: ['Caio; Jr', '21987654321'] },
  ]

  it('should skip the header, reject bad rows and keep the first of each phone', () => {
    const v = validateRows(rows, MAPPING, { delimiter: ';' })
    expect(v.contacts.map((c) => [c.line, c.contact.phoneE164])).toEqual([
      [2, '+5511987654321'],
      [6, '+5521987654321'],
    ])
    expect(v.duplicates).toBe(1)
    expect(v.rejects).toEqual([
      {
        line: 3,
        reason: 'too_short',
        text: { code: 'phone.too_short' },
        message: expect.stringContaining('dígitos de menos'),
        raw: 'Bia;1234',
      },
      {
        line: 4,
        reason: 'duplicate',
        text: { code: 'import.reject.duplicateInFile', params: { line: 2 } },
        message: 'Telefone repetido: já aparece na linha 2. Só o primeiro foi importado.',
        raw: 'Ana de novo;+55 (11) 98765-4321',
      },
      {
        line: 5,
        reason: 'unbalanced_quotes',
        text: { code: 'import.row.unbalanced_quotes' },
        message: 'Aspas...',
        raw: '"x;1',
      },
    ])
  })

  it('should find duplicates across batches that share a deduper', () => {
    const deduper = new PhoneDeduper()
    const first = validateRows(rows.slice(0, 2), MAPPING, { delimiter: ';', deduper })
    const second = validateRows([{ ok: true, line: 9, fields: ['X', '11 8765-4321'] }], MAPPING, {
      delimiter: ';',
      deduper,
    })
    expect(first.contacts).toHaveLength(1)
    expect(second.contacts).toHaveLength(0)
    expect(second.rejects[0]?.message).toContain('linha 2')
    expect(deduper.size).toBe(1)
  })

  it('should not skip the first row when the file has no header', () => {
    const v = validateRows(
      [{ ok: true, line: 1, fields: ['Ana', '11987654321'] }],
      { ...MAPPING, hasHeader: false, headerLine: null },
      { delimiter: ';' },
    )
    expect(v.contacts).toHaveLength(1)
  })

  it('should quote the raw text of rejected rows so it can be exported again', () => {
    const v = validateRows([{ ok: true, line: 2, fields: ['Silva; Ana', 'abc'] }], MAPPING, {
      delimiter: ';',
    })
    expect(v.rejects[0]).toMatchObject({ reason: 'invalid_characters', raw: '"Silva; Ana";abc' })
  })
})
