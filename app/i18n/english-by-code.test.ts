// The English UI shows English for what core modules say, translated by code (decision 025): the texts
// the contacts, campaign, WAHA and AI modules actually produce, with their parameters.
import { describe, expect, it } from 'vitest'
import { applyUserMapping } from '../core/contacts/import/columns'
import { toContact, validateRows } from '../core/contacts/import/contact-rows'
import { sniffCsv } from '../core/contacts/import/csv-sniff'
import { checkFileSize } from '../core/contacts/import/limits'
import { createImportParser } from '../core/contacts/import/parser'
import { normalizeBrPhone } from '../core/phone/brazil'
import { translate } from './index'
import { expectEnglishText } from './test-english'
import { text, textString } from './text'

const en = (t: Parameters<typeof translate>[1]) => translate('en', t)

describe('English for contact import texts', () => {
  it('should translate every phone refusal', () => {
    const inputs = ['', 'abc', '5,51199E+12', '11987654321, 11912345678', '987654321', '20987654321']
    const more = ['123', '119876543210000000', '08001234567', '11187654321', '+14155552671']
    const reasons = new Set<string>()
    for (const raw of [...inputs, ...more]) {
      const r = normalizeBrPhone(raw)
      if (r.ok) continue
      reasons.add(r.reason)
      expect(r.message).toBe(translate('pt-BR', r.text))
      expectEnglishText(r.text)
    }
    expect(reasons.size).toBeGreaterThanOrEqual(10)
    const missing = normalizeBrPhone('987654321')
    expect(missing.ok ? '' : en(missing.text)).toBe(
      'The phone number has no area code (DDD). Add the area code before the number, e.g. (11) 98765-4321.',
    )
  })

  it('should translate file, row and mapping refusals, with the limits and field names', () => {
    const size = checkFileSize(60 * 1024 * 1024)
    expect(size.ok ? '' : en(size.text)).toBe(
      'The file is over 50 MB. Split the list into smaller files and import each one.',
    )
    const empty = checkFileSize(0)
    if (!empty.ok) expectEnglishText(empty.text)
    for (const bytes of [
      [0xff, 0xfe, 0x41, 0x00],
      [0x50, 0x4b, 0x03, 0x04],
      [0x89, 0x50, 0x4e, 0x47],
    ]) {
      const sniff = sniffCsv(new Uint8Array(bytes))
      expect(sniff.ok).toBe(false)
      if (!sniff.ok) expectEnglishText(sniff.text)
    }
    const parser = createImportParser({
      format: { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\n', quote: '"' } as never,
      limits: { maxColumns: 2 },
    })
    const rows = [...parser.push(new TextEncoder().encode('a;b;c;d\n')), ...parser.end()]
    const tooMany = rows.find((r) => !r.ok)
    expect(tooMany && !tooMany.ok ? en(tooMany.text) : '').toBe(
      'Row with too many columns (over 200). Check the separator and remove empty columns.',
    )
    const labels = ['Nome', 'Telefone']
    const base = { hasHeader: true, headerLine: 1 }
    const outOfRange = applyUserMapping(labels, { ...base, phone: 1, email: 7 })
    const twice = applyUserMapping(labels, { ...base, phone: 1, name: 1 })
    const missing = applyUserMapping(labels, { ...base } as never)
    expect(outOfRange.ok ? '' : en(outOfRange.text)).toBe(
      'The column chosen for email does not exist in the file. Choose another one.',
    )
    expect(twice.ok ? '' : en(twice.text)).toBe(
      'The same column was chosen for two fields (name). Choose different columns.',
    )
    expect(twice.ok ? '' : twice.message).toBe(
      'A mesma coluna foi escolhida para dois campos (nome). Escolha colunas diferentes.',
    )
    if (!missing.ok) expectEnglishText(missing.text)
    const noPhone = toContact(['x'], { hasHeader: false, headerLine: null, phone: null, extras: [] })
    if (!noPhone.ok) expectEnglishText(noPhone.text)
  })

  it('should translate a duplicate with its row number', () => {
    const mapping = { hasHeader: false, headerLine: null, phone: 0, extras: [] }
    const batch = validateRows(
      [
        { ok: true, line: 3, fields: ['11987654321'] },
        { ok: true, line: 12, fields: ['11987654321'] },
      ],
      mapping,
      { delimiter: ';' },
    )
    const duplicate = batch.rejects[0]
    expect(duplicate?.message).toBe('Telefone repetido: já aparece na linha 3. Só o primeiro foi importado.')
    expect(duplicate ? en(duplicate.text) : '').toBe(
      'Duplicate phone number: it already appears on row 3. Only the first one was imported.',
    )
  })

  it('should translate a stored import failure with its nested reason', () => {
    const failed = text('import.failedAtRow', { line: 120, reason: text('import.run.fileMissing') })
    expect(en(failed)).toBe(
      'failed at row 120: the original file was not found; discard the list and upload the file again',
    )
    const unexpected = text('import.failedAtRow', {
      line: 7,
      reason: text('import.run.unexpected', { detail: 'D1_ERROR: too many SQL variables' }),
    })
    expect(translate('pt-BR', unexpected)).toBe(
      'falhou na linha 7: erro inesperado ao gravar os contatos (D1_ERROR: too many SQL variables)',
    )
    expect(en(unexpected)).toBe(
      'failed at row 7: unexpected error while saving the contacts (D1_ERROR: too many SQL variables)',
    )
  })

  it('should carry a text with params through a form error string', () => {
    const t = text('import.reject.duplicateInFile', { line: 4 })
    expect(en(textString(t))).toBe(
      'Duplicate phone number: it already appears on row 4. Only the first one was imported.',
    )
    expect(translate('pt-BR', textString(text('import.sniff.empty')))).toBe(
      'O arquivo está vazio. Envie um CSV com pelo menos uma linha de contato.',
    )
  })
})
