// Field splitting of one decoded CSV record (RFC 4180, lenient like spreadsheets).

/** Splits one decoded record into fields (RFC 4180, lenient: stray quotes inside a field are literal). */
export function splitRecord(text: string, delimiter: string): string[] {
  if (text.indexOf('"') === -1) return text.split(delimiter)
  const fields: string[] = []
  let field = ''
  let i = 0
  const n = text.length
  while (i <= n) {
    if (text[i] === '"') {
      // quoted field
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q === -1) {
          field += text.slice(i)
          i = n
          break
        }
        field += text.slice(i, q)
        if (text[q + 1] === '"') {
          field += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      // anything after the closing quote up to the delimiter is kept literally
      const d = text.indexOf(delimiter, i)
      const end = d === -1 ? n : d
      field += text.slice(i, end)
      fields.push(field)
      field = ''
      i = end + delimiter.length
      if (d === -1) break
    } else {
      const d = text.indexOf(delimiter, i)
      if (d === -1) {
        fields.push(text.slice(i))
        break
      }
      fields.push(text.slice(i, d))
      i = d + delimiter.length
    }
  }
  return fields
}

/** True when every field is empty or whitespace (";;;" rows left by spreadsheets). */
export function isBlank(fields: string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (f.length > 0 && (f.charCodeAt(0) > 32 || f.trim() !== '')) return false
  }
  return true
}
