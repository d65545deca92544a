// CSV export (lists, opt-outs, campaign results, "Baixar rejeitados"): RFC 4180 quoting, CRLF line
// ends, optional UTF-8 BOM so Excel pt-BR shows accents, and formula-injection escaping: cells people
// typed that start with = + - @ tab CR get a leading '. Phone numbers are written as the text formula
// ="+5511987654321" (decision 016): Excel and LibreOffice show +5511987654321 as typed, with no
// apostrophe and no scientific notation, and the formula holds nothing but a + and digits.

import Papa from 'papaparse'
import type { Text, TextParams } from '../../i18n/text'

/** Words of an export: an i18n key (or a pt-BR core message) in, the viewer's text out. */
/** The translator of an export: keys and texts (code + params) in the reader's language (decision 025). */
export type ExportWords = (key: string | Text, vars?: TextParams) => string

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r'])

/** Prefixes an apostrophe to a cell a spreadsheet would read as a formula (= + - @ tab CR). */
export function escapeFormula(cell: string): string {
  return cell.length > 0 && FORMULA_START.has(cell[0]!) ? `'${cell}` : cell
}

/** A phone number in E.164 or as digits: a + (optional) and 8 to 15 digits, nothing else. */
const PHONE_LIKE = /^\+?\d{8,15}$/

/** Digits a spreadsheet would show changed: a leading zero it drops, or 12+ digits it turns into 5,5E+12. */
const MANGLED_DIGITS = /^(?:0\d+|\d{12,50})$/

/** `="text"`: a text formula, displayed as the text; only for values of a + and digits. */
const asText = (value: string) => `="${value}"`

/**
 * A phone number as a spreadsheet shows it: `="+5511987654321"` (quoted by toCsvLine), which Excel
 * and LibreOffice display as +5511987654321. A bare number would lose its + and, past 11 digits, turn
 * into 5,51199E+12 in Excel; an apostrophe would show. Anything that is not a plain phone number is
 * escaped like any typed cell.
 */
export function phoneCell(phone: string): string {
  return PHONE_LIKE.test(phone) ? asText(phone) : escapeFormula(phone)
}

/**
 * A cell people typed (names, spreadsheet columns, notes), safe and shown as typed: a "+5511..." phone
 * or digits a spreadsheet would change (a leading zero, 12 or more digits) become a text formula of
 * those digits; anything else that starts like a formula (= + - @ tab CR) gets a leading '.
 */
export function typedCell(cell: string): string {
  if ((cell.startsWith('+') && PHONE_LIKE.test(cell)) || MANGLED_DIGITS.test(cell)) return asText(cell)
  return escapeFormula(cell)
}

/** Quotes a cell when it holds the delimiter, a quote or a line break (quotes doubled). */
export function quoteCell(cell: string, delimiter: string): string {
  return toCsvLine([cell], delimiter)
}

/**
 * papaparse's `escapeFormulae` for export pages: a cell that starts like a formula gets a leading '
 * (and quotes), except the text formula ="+digits" that phoneCell/typedCell write for numbers. Cells
 * are made safe by phoneCell/typedCell first, so this matches nothing in a well-made row: it guards a
 * cell someone forgets to pass through them (decision 027).
 */
const UNSAFE_FORMULA = /^(?!="\+?\d+"$)[=+\-@\t\r]/

/**
 * One CSV line (no line end), cells quoted as needed, through papaparse's `unparse` (decision 027).
 * Not escaped: it also writes a rejected row's raw text as it was read (shown on the list page);
 * downloads escape that text with typedCell.
 */
export function toCsvLine(cells: readonly string[], delimiter = ';'): string {
  return Papa.unparse([cells as string[]], {
    delimiter,
    newline: '\r\n',
    header: false,
    escapeFormulae: false,
  })
}

/** CSV text of a header or a page of rows whose cells are already made safe (papaparse guards the rest). */
export function csvLines(rows: readonly (readonly string[])[], delimiter = ';'): string {
  if (rows.length === 0) return ''
  return `${Papa.unparse(rows as string[][], { delimiter, newline: '\r\n', header: false, escapeFormulae: UNSAFE_FORMULA })}\r\n`
}

/**
 * A CSV download as a stream: the BOM and the header first, then the pages `nextPage` returns until it
 * returns null, each encoded as soon as it is read (a big list never sits in memory at once).
 */
export function csvStream(
  header: readonly string[],
  nextPage: () => Promise<readonly (readonly string[])[] | null>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(`\uFEFF${csvLines([header])}`))
        return
      }
      // a pull must enqueue or close: a stream whose pull does neither is never pulled again
      for (;;) {
        const rows = await nextPage()
        if (rows === null) {
          controller.close()
          return
        }
        if (rows.length > 0) {
          controller.enqueue(encoder.encode(csvLines(rows)))
          return
        }
      }
    },
  })
}
