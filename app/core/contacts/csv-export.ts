// CSV export (contacts, "Baixar rejeitados"): RFC 4180 quoting, CRLF line ends, optional UTF-8 BOM so
// Excel pt-BR shows accents, and formula-injection escaping (cells starting with = + - @ tab CR get a ').

export type CsvExportOptions = {
  /** Default ';' (what Excel pt-BR expects). */
  delimiter?: string
  /** Prefix "\uFEFF" so Excel detects UTF-8. Default true. */
  bom?: boolean
  /** Escape cells that a spreadsheet would run as formulas. Default true. */
  escapeFormulas?: boolean
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r'])

/** Prefixes an apostrophe to a cell a spreadsheet would read as a formula (= + - @ tab CR). */
export function escapeFormula(cell: string): string {
  return cell.length > 0 && FORMULA_START.has(cell[0]!) ? `'${cell}` : cell
}

/** Quotes a cell when it holds the delimiter, a quote or a line break (quotes doubled). */
export function quoteCell(cell: string, delimiter: string): string {
  if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')) {
    return `"${cell.replaceAll('"', '""')}"`
  }
  return cell
}

/** One CSV line (no line end), cells quoted as needed; formulas are not escaped here. */
export function toCsvLine(cells: readonly string[], delimiter = ';'): string {
  let out = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += delimiter
    out += quoteCell(cells[i]!, delimiter)
  }
  return out
}

/** Serialises rows to CSV text: CRLF after every row, formulas escaped, BOM first unless disabled. */
export function toCsv(rows: readonly (readonly string[])[], opts: CsvExportOptions = {}): string {
  const delimiter = opts.delimiter ?? ';'
  const escapeCells = opts.escapeFormulas ?? true
  let out = (opts.bom ?? true) ? '\uFEFF' : ''
  for (const row of rows) {
    out += toCsvLine(escapeCells ? row.map(escapeFormula) : row, delimiter)
    out += '\r\n'
  }
  return out
}
