// WhatsApp-style formatting to HTML for previews: the text is HTML-escaped FIRST, then
// ```mono``` -> <code>, *negrito* -> <strong>, _itálico_ -> <em>, ~riscado~ -> <s>, and newlines
// -> <br>. Markers follow WhatsApp's rule: the opening one starts a word (after start, space or
// punctuation) and the closing one ends it, with non-space text in between on a single line.
// Only our own tags are ever produced, so user HTML can never get through unescaped.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
}

function inlineRule(marker: string, tag: string): [RegExp, string] {
  const m = marker === '*' ? '\\*' : marker
  // Boundary: start, whitespace, punctuation, or the end of one of our own tags ('>').
  const pattern = new RegExp(
    `(^|[\\s\\p{P}\\p{S}])${m}(?=[^\\s${m}])([^\\n]*?[^\\s${m}])${m}(?=$|[\\s\\p{P}\\p{S}])`,
    'gu',
  )
  return [pattern, `$1<${tag}>$2</${tag}>`]
}

const INLINE_RULES = [inlineRule('*', 'strong'), inlineRule('_', 'em'), inlineRule('~', 's')]

function formatInline(escaped: string): string {
  let out = escaped
  for (const [pattern, replacement] of INLINE_RULES) out = out.replace(pattern, replacement)
  return out
}

/** Renders WhatsApp markup as safe HTML (escaped text, strong/em/s/code tags, <br> line breaks). */
export function formatWhatsAppToHtml(text: string): string {
  const escaped = escapeHtml(text)
  const parts = escaped.split(/```([\s\S]+?)```/)
  const html = parts.map((part, i) => (i % 2 === 1 ? `<code>${part}</code>` : formatInline(part))).join('')
  return html.replace(/\r\n|\r|\n/g, '<br>')
}
