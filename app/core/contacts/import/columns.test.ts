import { describe, expect, it } from 'vitest'
import { applyUserMapping, cleanLabel, detectColumns, type SampleRow, slugifyKey } from './columns'

const rows = (...lines: string[][]): SampleRow[] => lines.map((fields, i) => ({ line: i + 1, fields }))

describe('slugifyKey / cleanLabel', () => {
  it.each([
    ['Data de Nascimento', 'data_de_nascimento'],
    ['  Cidade ', 'cidade'],
    ['Número', 'numero'],
    ['E-mail', 'e_mail'],
    ['CPF/CNPJ', 'cpf_cnpj'],
    ['Observações!!', 'observacoes'],
    ['***', ''],
  ])('should slugify %j to %j', (label, key) => {
    expect(slugifyKey(label)).toBe(key)
  })

  it('should strip a BOM, spaces and wrapping quotes from header cells', () => {
    expect(cleanLabel('\uFEFF"Nome" ')).toBe('Nome')
    expect(cleanLabel(" 'Telefone' ")).toBe('Telefone')
  })
})

describe('detectColumns', () => {
  it('should map Portuguese headers in any case and with accents', () => {
    const d = detectColumns(
      rows(
        ['NOME COMPLETO', ' Celular ', 'E-mail', 'Empresa', 'Cidade', 'Data Nascimento'],
        ['Ana', '11987654321', 'ana@x.com', 'ACME', 'Recife', '01/02/1990'],
      ),
    )
    expect(d.needsUserMapping).toBe(false)
    expect(d.mapping).toEqual({
      hasHeader: true,
      headerLine: 1,
      name: 0,
      phone: 1,
      email: 2,
      company: 3,
      extras: [
        { index: 4, key: 'cidade', label: 'Cidade' },
        { index: 5, key: 'data_nascimento', label: 'Data Nascimento' },
      ],
    })
  })

  it('should map English headers', () => {
    const d = detectColumns(
      rows(['First Name', 'Phone', 'Email', 'Company', 'City'], ['Ann', '11987654321', '', '', '']),
    )
    expect(d.mapping).toMatchObject({ hasHeader: true, name: 0, phone: 1, email: 2, company: 3 })
    expect(d.mapping.extras).toEqual([{ index: 4, key: 'city', label: 'City' }])
  })

  it.each(['telefone', 'WhatsApp', 'fone', 'Número', 'tel', 'mobile', 'Celular/WhatsApp', 'zap'])(
    'should recognise %j as the phone column',
    (h) => {
      expect(detectColumns(rows(['Nome', h], ['Ana', '11987654321'])).mapping.phone).toBe(1)
    },
  )

  it('should prefer full name over first name and keep the other as an extra', () => {
    const d = detectColumns(rows(['Primeiro nome', 'Nome', 'Telefone'], ['Ana', 'Ana Lima', '11987654321']))
    expect(d.mapping.name).toBe(1)
    expect(d.mapping.extras).toEqual([{ index: 0, key: 'primeiro_nome', label: 'Primeiro nome' }])
  })

  it('should prefer whatsapp over telefone and ask the user to confirm', () => {
    const d = detectColumns(
      rows(
        ['Nome', 'Telefone', 'WhatsApp'],
        ['Ana', '11 3234-5678', '11987654321'],
        ['Bia', '', '21987654321'],
      ),
    )
    expect(d.mapping.phone).toBe(2)
    expect(d.phoneCandidates).toEqual([2, 1])
    expect(d.needsUserMapping).toBe(true)
    expect(d.issues.map((i) => i.code)).toEqual(['multiple_phone_columns'])
  })

  it('should detect a file without header by a phone in the first row and map by content', () => {
    const d = detectColumns(
      rows(
        ['Ana Lima', '(11) 98765-4321', 'ana@x.com', 'Recife'],
        ['José', '21 98765-4321', 'jose@y.com.br', 'Natal'],
        ['Bia', '+55 31 98765-4321', '', 'Olinda'],
      ),
    )
    expect(d.needsUserMapping).toBe(false)
    expect(d.labels).toEqual(['Coluna 1', 'Coluna 2', 'Coluna 3', 'Coluna 4'])
    expect(d.mapping).toEqual({
      hasHeader: false,
      headerLine: null,
      name: 0,
      phone: 1,
      email: 2,
      extras: [{ index: 3, key: 'coluna_4', label: 'Coluna 4' }],
    })
  })

  it('should find the phone column by content when headers are unknown', () => {
    const d = detectColumns(rows(['Cliente X', 'Contato Y'], ['Ana', '11987654321'], ['Bia', '21987654321']))
    expect(d.mapping).toMatchObject({ hasHeader: true, phone: 1 })
  })

  it('should say when no phone column exists', () => {
    const d = detectColumns(rows(['Nome', 'Cidade'], ['Ana', 'Recife'], ['Bia', 'Natal']))
    expect(d.mapping.phone).toBeNull()
    expect(d.needsUserMapping).toBe(true)
    expect(d.issues[0]?.message).toContain('coluna de telefone')
  })

  it('should flag two phone-looking columns in a file without header', () => {
    const d = detectColumns(rows(['11987654321', '21987654321'], ['31987654321', '41987654321']))
    expect(d.mapping.hasHeader).toBe(false)
    expect(d.phoneCandidates).toEqual([0, 1])
    expect(d.needsUserMapping).toBe(true)
  })

  it('should make extra keys unique and never reuse field names', () => {
    const d = detectColumns(
      rows(['Nome', 'Telefone', 'Cidade', 'cidade', 'Nome', '', '2024'], ['A', '11987654321']),
    )
    expect(d.mapping.extras.map((e) => e.key)).toEqual([
      'cidade',
      'cidade_2',
      'nome_2',
      'coluna_6',
      'coluna_7_2024',
    ])
    expect(d.labels[5]).toBe('Coluna 6')
  })

  it('should report an empty sample', () => {
    const d = detectColumns([])
    expect(d.issues.map((i) => i.code)).toEqual(['empty_file'])
    expect(d.mapping.phone).toBeNull()
  })

  it('should use the line of the first record as header line', () => {
    const d = detectColumns([
      { line: 3, fields: ['nome', 'telefone'] },
      { line: 4, fields: ['Ana', '11987654321'] },
    ])
    expect(d.mapping.headerLine).toBe(3)
  })
})

describe('applyUserMapping', () => {
  const labels = ['Nome', 'Tel 1', 'Tel 2', 'Cidade']

  it('should accept a valid choice and turn the rest into extras', () => {
    expect(applyUserMapping(labels, { hasHeader: true, headerLine: 1, phone: 2, name: 0 })).toEqual({
      ok: true,
      mapping: {
        hasHeader: true,
        headerLine: 1,
        phone: 2,
        name: 0,
        extras: [
          { index: 1, key: 'tel_1', label: 'Tel 1' },
          { index: 3, key: 'cidade', label: 'Cidade' },
        ],
      },
    })
  })

  it('should refuse missing, out-of-range or repeated columns with pt-BR messages', () => {
    const missing = applyUserMapping(labels, { hasHeader: true, headerLine: 1 } as never)
    expect(missing).toMatchObject({ ok: false })
    expect(!missing.ok && missing.message).toContain('telefone')
    expect(applyUserMapping(labels, { hasHeader: true, headerLine: 1, phone: 9 })).toMatchObject({
      ok: false,
    })
    expect(applyUserMapping(labels, { hasHeader: true, headerLine: 1, phone: -1 })).toMatchObject({
      ok: false,
    })
    const dup = applyUserMapping(labels, { hasHeader: true, headerLine: 1, phone: 1, name: 1 })
    expect(!dup.ok && dup.message).toContain('mesma coluna')
  })

  it('should drop the header line when the user says there is no header', () => {
    const r = applyUserMapping(labels, { hasHeader: false, headerLine: 1, phone: 1 })
    expect(r.ok && r.mapping.headerLine).toBeNull()
    expect(r.ok && r.mapping.extras.map((e) => e.key)).toEqual(['coluna_1', 'coluna_3', 'coluna_4'])
  })
})
